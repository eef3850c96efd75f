/**
 * The instructor's live view of one assessment, row by row: where each enrolled student stands
 * (not started, in progress with the time the server's deadline leaves, submitted, late, or
 * submitted by the deadline passing), how many fields they have answered, and when they last
 * saved. Pure: the server passes the stored attempt columns and its clock.
 */
import { GRACE_MS, timeLeftMs } from "./deadline";
import type { Answers } from "./attempt";

export type LiveState = "not-started" | "in-progress" | "submitted" | "late" | "auto-submitted";

/** An attempt as stored (AssessmentAttempt columns), times in ms since the epoch. */
export interface LiveAttempt {
  readonly id: string;
  readonly number: number;
  readonly status: "in_progress" | "submitted";
  readonly deadline: number | null;
  readonly submittedAt: number | null;
  readonly submittedBy: "student" | "deadline" | null;
  readonly late: boolean;
  readonly lastSavedAt: number | null;
  readonly answers: Answers;
}

export interface LiveRow {
  readonly state: LiveState;
  readonly attemptId: string | null;
  readonly attemptNumber: number | null;
  /** Ms the student has left by the server's deadline; null when not in progress or untimed. */
  readonly timeLeftMs: number | null;
  readonly deadline: number | null;
  readonly answered: number;
  readonly total: number;
  readonly lastSavedAt: number | null;
  readonly submittedAt: number | null;
}

/** Whether one saved answer holds something (text, a non-empty ordering, a NAT entry with a value). */
function filled(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.some(filled);
  if (value !== null && typeof value === "object") return Object.values(value).some(filled);
  return false;
}

/** Blanks with a non-empty answer, over every drawn slot. */
export function countAnswered(answers: Answers): number {
  let n = 0;
  for (const blanks of Object.values(answers)) {
    for (const value of Object.values(blanks ?? {})) if (filled(value)) n++;
  }
  return n;
}

/**
 * One student's row from their latest attempt (or none). An attempt still stored as in progress
 * whose deadline and grace have passed is shown as the server will close it: auto-submitted at its
 * deadline (closeOverdueAttempts may not have run yet).
 */
export function liveRow(attempt: LiveAttempt | null, totalFields: number, now: number): LiveRow {
  if (attempt === null) {
    return { state: "not-started", attemptId: null, attemptNumber: null, timeLeftMs: null, deadline: null, answered: 0, total: totalFields, lastSavedAt: null, submittedAt: null };
  }
  const overdue = attempt.status === "in_progress" && attempt.deadline !== null && now > attempt.deadline + GRACE_MS;
  const state: LiveState = overdue || (attempt.status === "submitted" && attempt.submittedBy === "deadline")
    ? "auto-submitted"
    : attempt.status === "in_progress"
      ? "in-progress"
      : attempt.late ? "late" : "submitted";
  return {
    state,
    attemptId: attempt.id,
    attemptNumber: attempt.number,
    timeLeftMs: state === "in-progress" ? timeLeftMs(attempt.deadline, now) : null,
    deadline: attempt.deadline,
    answered: countAnswered(attempt.answers),
    total: totalFields,
    lastSavedAt: attempt.lastSavedAt,
    submittedAt: overdue ? attempt.deadline : attempt.submittedAt,
  };
}

/** The latest attempt of each student (highest number), from attempts in any order. */
export function latestAttempts<T extends { readonly userId: string; readonly number: number }>(attempts: readonly T[]): ReadonlyMap<string, T> {
  const out = new Map<string, T>();
  for (const a of attempts) {
    const seen = out.get(a.userId);
    if (!seen || a.number > seen.number) out.set(a.userId, a);
  }
  return out;
}

/** How many students are in each state, for the view's summary line. */
export function countStates(rows: readonly { readonly state: LiveState }[]): Readonly<Record<LiveState, number>> {
  const counts: Record<LiveState, number> = { "not-started": 0, "in-progress": 0, submitted: 0, late: 0, "auto-submitted": 0 };
  for (const r of rows) counts[r.state]++;
  return counts;
}
