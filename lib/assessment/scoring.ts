/**
 * Scores: an attempt's points zone by zone from each question's graded fraction, the late credit
 * applied to the attempt, then the assessment's score over all attempts (best or last counts, each
 * attempt capped by its credit per try, e.g. [100, 80, 60] like PrairieLearn's `autoPoints`).
 * Numbers are rounded to 3 decimals, as the grader rounds, so sums do not show float dust.
 */
import type { Credit } from "./deadline";
import type { DrawnQuestion } from "./draw";
import type { AssessmentDefinition } from "./schema";

const round = (n: number) => Math.round(n * 1000) / 1000;

export interface ZoneScore {
  readonly zone: number;
  readonly title: string;
  readonly earned: number;
  readonly possible: number;
}

export interface AttemptScore {
  readonly zones: readonly ZoneScore[];
  /** Points before late credit. */
  readonly earned: number;
  readonly possible: number;
  /** earned / possible x 100 before late credit. */
  readonly rawPercent: number;
  readonly credit: Credit;
  /** rawPercent x credit, the attempt's score. */
  readonly percent: number;
}

/**
 * An attempt's score. `fractions` maps each drawn slot to its graded share (score / maxScore of
 * the question, 0..1); a slot without one (never answered) earns nothing.
 */
export function scoreAttempt(definition: AssessmentDefinition, drawn: readonly DrawnQuestion[], fractions: Readonly<Record<string, number>>, credit: Credit): AttemptScore {
  const zones = definition.zones.map((zone, z): ZoneScore => {
    const mine = drawn.filter((q) => q.zone === z);
    const earned = mine.reduce((sum, q) => sum + q.points * clamp01(fractions[q.slot] ?? 0), 0);
    const possible = mine.reduce((sum, q) => sum + q.points, 0);
    return { zone: z, title: zone.title, earned: round(earned), possible: round(possible) };
  });
  const earned = zones.reduce((s, z) => s + z.earned, 0);
  const possible = zones.reduce((s, z) => s + z.possible, 0);
  const rawPercent = possible === 0 ? 0 : (earned / possible) * 100;
  return { zones, earned: round(earned), possible: round(possible), rawPercent: round(rawPercent), credit, percent: round((rawPercent * credit.percent) / 100) };
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

export interface CountedAttempt {
  readonly attemptNumber: number;
  /** The attempt's score after late credit (AttemptScore.percent). */
  readonly percent: number;
  /** Its credit per try (creditPerTry[n-1], or the list's last value). */
  readonly tryCredit: number;
  /** percent x tryCredit: what this attempt is worth towards the assessment. */
  readonly worth: number;
}

export interface AssessmentScore {
  readonly counts: "best" | "last";
  /** The assessment's score in percent, 0 when no attempt was graded. */
  readonly percent: number;
  /** Which attempt gave it, null when none. */
  readonly countedAttempt: number | null;
  readonly attempts: readonly CountedAttempt[];
}

/** The credit per try of the n-th attempt (1-based). */
export function tryCredit(creditPerTry: readonly number[], attemptNumber: number): number {
  return creditPerTry[Math.min(attemptNumber, creditPerTry.length) - 1] ?? 100;
}

/** The assessment's score from the graded attempts of one student (in any order). */
export function scoreAssessment(definition: AssessmentDefinition, attempts: readonly { readonly attemptNumber: number; readonly percent: number }[]): AssessmentScore {
  const { counts, creditPerTry } = definition.scoring;
  const rows = [...attempts].sort((a, b) => a.attemptNumber - b.attemptNumber).map((a): CountedAttempt => {
    const credit = tryCredit(creditPerTry, a.attemptNumber);
    return { attemptNumber: a.attemptNumber, percent: a.percent, tryCredit: credit, worth: round((a.percent * credit) / 100) };
  });
  if (rows.length === 0) return { counts, percent: 0, countedAttempt: null, attempts: rows };
  // Best: the highest worth; on a tie, the earlier attempt (its result was known first).
  const counted = counts === "last" ? rows[rows.length - 1]! : rows.reduce((best, r) => (r.worth > best.worth ? r : best));
  return { counts, percent: counted.worth, countedAttempt: counted.attemptNumber, attempts: rows };
}
