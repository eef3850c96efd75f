/**
 * The question health check: flags a question whose results suggest the question, not the class,
 * is at fault. Hopwise knows which wrong mental model explains a wrong answer, so it can tell a
 * shared wrong answer that a known misconception explains from one nothing explains (often an
 * ambiguous prompt or a grader bug), and a misconception so common the question may mislead.
 * Classical flags (negative discrimination, everyone right or wrong) come from the statistics.
 * Small classes flag nothing: with fewer than `minStudents` takers a pattern is not evidence.
 */
import { RIGHT, type QuestionStatistics, type StudentResult } from "./statistics";

export type HealthFlag =
  | { readonly kind: "shared-unexplained-answer"; readonly questionId: string; readonly at: string; readonly field: string; readonly value: string; readonly students: number; readonly share: number }
  | { readonly kind: "common-misconception"; readonly questionId: string; readonly rule: string; readonly students: number; readonly share: number }
  | { readonly kind: "negative-discrimination"; readonly questionId: string; readonly pointBiserial: number }
  | { readonly kind: "no-spread"; readonly questionId: string; readonly facility: number };

export interface HealthThresholds {
  /** Fewer takers than this: no flag at all. */
  readonly minStudents: number;
  /** Share of a field's answers that are one unexplained wrong value. */
  readonly sharedAnswerShare: number;
  /** Share of a question's takers with one misconception. */
  readonly misconceptionShare: number;
}

export const DEFAULT_HEALTH: HealthThresholds = { minStudents: 5, sharedAnswerShare: 0.3, misconceptionShare: 0.5 };

/** Flags for every question, given its statistics (from `assessmentStatistics`) and the results. */
export function questionHealth(results: readonly StudentResult[], questions: readonly QuestionStatistics[], thresholds: HealthThresholds = DEFAULT_HEALTH): readonly HealthFlag[] {
  const flags: HealthFlag[] = [];
  for (const stats of questions) {
    if (stats.attempts < thresholds.minStudents) continue;
    const id = stats.questionId;
    const responses = results.flatMap((r) => r.questions.filter((q) => q.questionId === id));
    // Wrong answers that no misconception explains, counted per (hop, field, value).
    const answers = new Map<string, number>();
    const unexplained = new Map<string, { at: string; field: string; value: string; count: number }>();
    for (const response of responses) {
      for (const f of response.fields) {
        const fieldKey = JSON.stringify([f.at, f.field]);
        answers.set(fieldKey, (answers.get(fieldKey) ?? 0) + 1);
        if (RIGHT.has(f.status) || f.misconception || f.given === null || f.given === undefined || f.given.trim() === "") continue;
        const key = JSON.stringify([f.at, f.field, f.given.trim()]);
        const row = unexplained.get(key) ?? { at: f.at, field: f.field, value: f.given.trim(), count: 0 };
        row.count += 1;
        unexplained.set(key, row);
      }
    }
    for (const u of unexplained.values()) {
      const share = u.count / answers.get(JSON.stringify([u.at, u.field]))!;
      if (share >= thresholds.sharedAnswerShare) flags.push({ kind: "shared-unexplained-answer", questionId: id, at: u.at, field: u.field, value: u.value, students: u.count, share });
    }
    for (const m of stats.misconceptions) {
      if (m.share >= thresholds.misconceptionShare) flags.push({ kind: "common-misconception", questionId: id, rule: m.rule, students: m.students, share: m.share });
    }
    if (stats.pointBiserial !== null && stats.pointBiserial < 0) flags.push({ kind: "negative-discrimination", questionId: id, pointBiserial: stats.pointBiserial });
    if (stats.facility === 0 || stats.facility === 100) flags.push({ kind: "no-spread", questionId: id, facility: stats.facility });
  }
  return flags;
}
