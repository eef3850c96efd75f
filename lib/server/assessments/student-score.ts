/**
 * What a student may see of their attempt's score, for the results page: the score (adjusted
 * scores included, as the attempt's score is recomputed from the ledger) and the notes of the
 * manual adjustments, only once the assessment's feedback rules let the `score` part out
 * (`visibleFeedback`; "after close" waits for the latest close or late date of every override, so
 * no score reaches anyone while another student may still hand in). Before that: only when it will.
 * Which field an adjustment concerns is not named (a field id would hint at the answer key); the
 * note says what the instructor chose to say.
 */
import "server-only";
import { feedbackCloseMs, visibleFeedback } from "@/lib/assessment/feedback";
import { OverrideSchema } from "@/lib/assessment/rules";
import { getDb } from "../db";
import { assessmentRecordOf } from "./records";

export interface AdjustmentNote {
  readonly at: number;
  readonly note: string;
  /** "attempt": a new total; "question": credit changed on one question (named by its part's number). */
  readonly scope: "attempt" | "question";
  readonly question: number | null;
}

export type StudentScore =
  | { readonly visible: false; readonly graded: boolean; readonly from: number | null }
  | {
    readonly visible: true;
    readonly score: number;
    readonly maxScore: number;
    readonly percent: number;
    readonly late: boolean;
    readonly adjusted: boolean;
    readonly notes: readonly AdjustmentNote[];
  };

/** The score part of attempt `attemptId`'s feedback at `now` (the caller checked it is the student's own), or null. */
export async function studentScore(attemptId: string, now: number): Promise<StudentScore | null> {
  const db = getDb();
  const attempt = await db.assessmentAttempt.findUnique({
    where: { id: attemptId },
    include: { assessment: true, ledger: { where: { kind: "adjusted" }, orderBy: [{ at: "asc" }, { id: "asc" }] }, questions: { select: { slot: true }, orderBy: [{ zone: "asc" }, { slot: "asc" }] } },
  });
  if (!attempt) return null;
  const graded = attempt.gradedAt !== null && attempt.score !== null && attempt.maxScore !== null;
  const { definition } = assessmentRecordOf(attempt.assessment);
  const overrideRows = await db.assessmentOverride.findMany({ where: { assessmentId: attempt.assessmentId } });
  const overrides = overrideRows.map((r) => OverrideSchema.parse({ ...(r.rules as object), id: r.id, studentId: r.userId, reason: r.reason }));
  const visibility = visibleFeedback(definition, { submittedAt: attempt.submittedAt?.getTime() ?? null, closesAt: feedbackCloseMs(definition, overrides) }, now);
  const part = visibility.detail.find((d) => d.part === "score")!;
  if (!graded || !part.visible) return { visible: false, graded, from: part.from };
  const slots = attempt.questions.map((q) => q.slot);
  return {
    visible: true,
    score: attempt.score!, maxScore: attempt.maxScore!,
    percent: attempt.maxScore! > 0 ? Math.round((attempt.score! / attempt.maxScore!) * 100_000) / 1000 : 0,
    late: attempt.late,
    adjusted: attempt.ledger.length > 0,
    notes: attempt.ledger.map((e) => ({
      at: e.at.getTime(), note: e.note, scope: e.slot === null ? "attempt" : "question", question: e.slot === null ? null : slots.indexOf(e.slot) + 1,
    })),
  };
}
