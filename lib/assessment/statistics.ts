/**
 * Item statistics for an assessment, from one attempt per student (the caller chooses which: the
 * counted one, or the first as Moodle does by default): per question the number
 * of attempts, mean and standard deviation, facility, discrimination (point-biserial against the
 * rest of the test, and the upper-lower 27% index), which hops and fields were missed most, and the
 * average time; per assessment the distribution of scores. The definitions follow classical test
 * theory as Moodle's quiz statistics and Canvas's item analysis present them:
 *
 * - facility = mean score / maximum, in percent (high = easy);
 * - standard deviation: the sample SD (n - 1) of the question's points;
 * - point-biserial = the Pearson correlation between the question's score (as a share of its
 *   points) and the student's score on the rest of the test (also a share, so students who drew
 *   alternatives of different worth compare fairly); with a right/wrong question it is exactly the
 *   point-biserial coefficient. Null when either side does not vary;
 * - upper-lower index = mean share on the question of the top 27% of its takers (by whole-test
 *   percent) minus that of the bottom 27% (Kelley); ties in the ranking break by student id.
 */
import type { FieldStatus, GradeResult } from "../grader/types";

export interface FieldVerdict {
  /** The hop or event key (GradeResult.fields[].at). */
  readonly at: string;
  readonly field: string;
  readonly status: FieldStatus;
  /** The rule of the misconception the grader recognised in a wrong answer, if any. */
  readonly misconception?: string | null;
  /** What the student answered (for the health check's shared wrong answers). */
  readonly given?: string | null;
}

export interface QuestionResponse {
  /** What groups responses into one question, e.g. the drawn alternative "zone 0: nat-basics/beginner". */
  readonly questionId: string;
  readonly earned: number;
  readonly possible: number;
  /** Time spent on it, null when unknown. */
  readonly seconds: number | null;
  readonly fields: readonly FieldVerdict[];
}

/** One student's counted attempt. */
export interface StudentResult {
  readonly studentId: string;
  readonly questions: readonly QuestionResponse[];
}

export interface FieldDifficulty {
  readonly at: string;
  readonly field: string;
  readonly attempts: number;
  /** Answers that were not right (wrong, partial, format error, unanswered). */
  readonly missed: number;
  readonly missedShare: number;
}

export interface HopDifficulty {
  readonly at: string;
  readonly answers: number;
  readonly missed: number;
  readonly missedShare: number;
}

export interface MisconceptionCount {
  readonly rule: string;
  /** Students in whose answer to this question it was recognised at least once. */
  readonly students: number;
  readonly share: number;
}

export interface QuestionStatistics {
  readonly questionId: string;
  readonly attempts: number;
  readonly meanPoints: number;
  readonly sdPoints: number | null;
  /** Mean score as a percent of the question's points. */
  readonly facility: number;
  readonly pointBiserial: number | null;
  readonly upperLowerIndex: number | null;
  /** Per hop and field, most missed first. */
  readonly fields: readonly FieldDifficulty[];
  /** Per hop (all its fields together), most missed first: where in the journey the class went wrong. */
  readonly hops: readonly HopDifficulty[];
  /** Most common first. */
  readonly misconceptions: readonly MisconceptionCount[];
  readonly averageSeconds: number | null;
}

export interface HistogramBin {
  /** Inclusive lower bound in percent. */
  readonly from: number;
  /** Exclusive upper bound, except the last bin, which includes 100. */
  readonly to: number;
  readonly count: number;
}

export interface AssessmentStatistics {
  readonly students: number;
  readonly meanPercent: number | null;
  readonly sdPercent: number | null;
  readonly histogram: readonly HistogramBin[];
  readonly questions: readonly QuestionStatistics[];
}

/** The share of the top and bottom groups in the upper-lower index. */
export const UPPER_LOWER_SHARE = 0.27;
/** Statuses that count as a right answer. */
export const RIGHT: ReadonlySet<FieldStatus> = new Set(["correct", "accepted-alternative"]);

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]) => sum(xs) / xs.length;
const share = (earned: number, possible: number) => (possible > 0 ? earned / possible : 0);

/** The sample standard deviation, null under two values. */
export function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1));
}

/** Pearson's r, null when there are under two pairs or either side is constant. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length || xs.length < 2) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx, dy = ys[i]! - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  // Below float noise a side is constant; a correlation would be an artefact of rounding.
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Score percent of every student over the whole test. */
function totals(results: readonly StudentResult[]): Map<string, { earned: number; possible: number; percent: number }> {
  const out = new Map<string, { earned: number; possible: number; percent: number }>();
  for (const r of results) {
    const earned = sum(r.questions.map((q) => q.earned));
    const possible = sum(r.questions.map((q) => q.possible));
    out.set(r.studentId, { earned, possible, percent: share(earned, possible) * 100 });
  }
  return out;
}

/** One question's response from the grader's result for it. */
export function responseFromGrade(questionId: string, grade: Pick<GradeResult, "score" | "maxScore" | "fields">, seconds: number | null): QuestionResponse {
  return {
    questionId,
    earned: grade.score,
    possible: grade.maxScore,
    seconds,
    fields: grade.fields.map((f) => ({ at: f.at, field: f.field, status: f.status, misconception: f.misconception?.rule ?? null, given: f.given })),
  };
}

/** Counts of scores in `bins` equal bins of 0-100 percent. */
export function histogram(percents: readonly number[], bins = 10): readonly HistogramBin[] {
  const width = 100 / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const p of percents) counts[Math.min(bins - 1, Math.max(0, Math.floor(p / width)))]! += 1;
  return counts.map((count, i) => ({ from: i * width, to: (i + 1) * width, count }));
}

function questionStatistics(questionId: string, takers: readonly { studentId: string; response: QuestionResponse }[], total: ReturnType<typeof totals>): QuestionStatistics {
  const points = takers.map((t) => t.response.earned);
  const shares = takers.map((t) => share(t.response.earned, t.response.possible));
  const rest = takers.map((t) => {
    const all = total.get(t.studentId)!;
    const restPossible = all.possible - t.response.possible;
    return restPossible > 0 ? (all.earned - t.response.earned) / restPossible : null;
  });
  const withRest = rest.flatMap((r, i) => (r === null ? [] : [i]));
  const pointBiserial = pearson(withRest.map((i) => shares[i]!), withRest.map((i) => rest[i]!));

  const ranked = takers.map((t, i) => ({ id: t.studentId, percent: total.get(t.studentId)!.percent, share: shares[i]! }))
    .sort((a, b) => b.percent - a.percent || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const group = Math.round(ranked.length * UPPER_LOWER_SHARE);
  const upperLowerIndex = group === 0 || ranked.length < 2 ? null
    : mean(ranked.slice(0, group).map((r) => r.share)) - mean(ranked.slice(-group).map((r) => r.share));

  const byField = new Map<string, { at: string; field: string; attempts: number; missed: number }>();
  for (const t of takers) {
    for (const f of t.response.fields) {
      const key = `${f.at}\u0000${f.field}`;
      const row = byField.get(key) ?? { at: f.at, field: f.field, attempts: 0, missed: 0 };
      row.attempts += 1;
      if (!RIGHT.has(f.status)) row.missed += 1;
      byField.set(key, row);
    }
  }
  const fields = [...byField.values()].map((f) => ({ ...f, missedShare: f.missed / f.attempts }))
    .sort((a, b) => b.missedShare - a.missedShare || a.at.localeCompare(b.at) || a.field.localeCompare(b.field));
  const byHop = new Map<string, { at: string; answers: number; missed: number }>();
  for (const f of byField.values()) {
    const row = byHop.get(f.at) ?? { at: f.at, answers: 0, missed: 0 };
    row.answers += f.attempts;
    row.missed += f.missed;
    byHop.set(f.at, row);
  }
  const hops = [...byHop.values()].map((h) => ({ ...h, missedShare: h.missed / h.answers }))
    .sort((a, b) => b.missedShare - a.missedShare || a.at.localeCompare(b.at));
  const misconceptionStudents = new Map<string, number>();
  for (const t of takers) {
    const rules = new Set(t.response.fields.map((f) => f.misconception).filter((r): r is string => typeof r === "string"));
    for (const rule of rules) misconceptionStudents.set(rule, (misconceptionStudents.get(rule) ?? 0) + 1);
  }
  const misconceptions = [...misconceptionStudents.entries()].map(([rule, students]) => ({ rule, students, share: students / takers.length }))
    .sort((a, b) => b.students - a.students || a.rule.localeCompare(b.rule));
  const times = takers.map((t) => t.response.seconds).filter((s): s is number => s !== null);

  return {
    questionId,
    attempts: takers.length,
    meanPoints: mean(points),
    sdPoints: sampleSd(points),
    facility: mean(shares) * 100,
    pointBiserial,
    upperLowerIndex,
    fields,
    hops,
    misconceptions,
    averageSeconds: times.length === 0 ? null : mean(times),
  };
}

/** Statistics of an assessment from each student's counted attempt; questions in first-seen order. */
export function assessmentStatistics(results: readonly StudentResult[], bins = 10): AssessmentStatistics {
  const ids = new Set(results.map((r) => r.studentId));
  if (ids.size !== results.length) throw new RangeError("one counted attempt per student: a student id appears twice");
  if (!Number.isInteger(bins) || bins < 1 || bins > 100) throw new RangeError("bins is a whole number from 1 to 100");
  const total = totals(results);
  const byQuestion = new Map<string, { studentId: string; response: QuestionResponse }[]>();
  for (const r of results) {
    for (const q of r.questions) {
      const list = byQuestion.get(q.questionId) ?? [];
      list.push({ studentId: r.studentId, response: q });
      byQuestion.set(q.questionId, list);
    }
  }
  const percents = [...total.values()].map((t) => t.percent);
  return {
    students: results.length,
    meanPercent: percents.length === 0 ? null : mean(percents),
    sdPercent: sampleSd(percents),
    histogram: histogram(percents, bins),
    questions: [...byQuestion.entries()].map(([id, takers]) => questionStatistics(id, takers, total)),
  };
}
