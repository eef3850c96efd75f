/**
 * What the stored score columns of an attempt mean, in one place: `score` out of `maxScore`.
 */

/** An attempt's score in percent (after late credit), or null until graded. */
export function attemptPercent(score: number | null, maxScore: number | null): number | null {
  if (score === null) return null;
  if (maxScore === null || maxScore <= 0) return 0;
  return Math.round((score / maxScore) * 100 * 1000) / 1000;
}
