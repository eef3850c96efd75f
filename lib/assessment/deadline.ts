/**
 * Deadlines are fixed on the server when an attempt starts, and every later save or submit is
 * judged against that stored instant, never the browser's clock:
 *
 *   deadline = min(start + time limit x factor, cap)   cap = the late date if there is a late
 *                                                       policy, else the close date
 *
 * A request that arrives up to GRACE_MS after a deadline is still accepted: it was sent in time
 * and spent a moment on the network (Moodle's `graceperiod` does the same for overdue attempts).
 */
import type { EffectiveRules } from "./rules";

/** How late (ms) a save or submit may arrive and still count as sent before its deadline. */
export const GRACE_MS = 10_000;

export type DeadlineCause = "time-limit" | "close" | "late-until";

export interface FixedDeadline {
  /** Milliseconds since the epoch; null for an untimed attempt with no close date. */
  readonly deadline: number | null;
  /** What set it, for the student ("your time ends at the close date") and the instructor. */
  readonly cause: DeadlineCause | null;
}

/** The deadline of an attempt started at `startedAt` under `rules`. Ties go to the time limit. */
export function fixDeadline(rules: EffectiveRules, startedAt: number): FixedDeadline {
  const late = rules.late.value;
  const close = rules.close.value;
  // An override may move the close date past the late date: then the late period is empty.
  const lateCaps = late !== null && (close === null || late.until > close);
  const cap = lateCaps ? late.until : close;
  const capCause: DeadlineCause = lateCaps ? "late-until" : "close";
  const limit = rules.timeLimitMs.value;
  if (limit === null) return cap === null ? { deadline: null, cause: null } : { deadline: cap, cause: capCause };
  const byLimit = startedAt + limit;
  if (cap !== null && cap < byLimit) return { deadline: cap, cause: capCause };
  return { deadline: byLimit, cause: "time-limit" };
}

/** Whether a request received at `at` still counts for an attempt with this deadline. */
export function withinDeadline(deadline: number | null, at: number): boolean {
  return deadline === null || at <= deadline + GRACE_MS;
}

/** Milliseconds the timer shows at `now` (never negative; null when there is no deadline). */
export function timeLeftMs(deadline: number | null, now: number): number | null {
  return deadline === null ? null : Math.max(0, deadline - now);
}

export type Timeliness = "on-time" | "late" | "too-late";

export interface Credit {
  readonly timeliness: Timeliness;
  /** The percent of the score kept: 100 on time, the late credit when late, 0 too late. */
  readonly percent: number;
}

/**
 * The credit of work that counts as handed in at `at` (a submit's arrival, or for an attempt the
 * server closed at its deadline, the deadline). The grace covers the close and the late date too.
 */
export function creditAt(rules: EffectiveRules, at: number): Credit {
  const close = rules.close.value;
  if (close === null || at <= close + GRACE_MS) return { timeliness: "on-time", percent: 100 };
  const late = rules.late.value;
  if (late !== null && at <= late.until + GRACE_MS) return { timeliness: "late", percent: late.creditPercent };
  return { timeliness: "too-late", percent: 0 };
}
