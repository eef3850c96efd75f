/**
 * Add time and reopen from the live view, on top of the storage core's `applyStaffAction` (which
 * appends the event to the attempt's log and the AuditEntry in one transaction). What this adds:
 * the checks only a form needs (a reopen deadline that has already passed would close the attempt
 * again at once) and refusals with a name the routes turn into 409s.
 */
import "server-only";
import { formatUtc } from "@/lib/assessment/access";
import type { AttemptRefusal } from "@/lib/assessment/attempt";
import { applyStaffAction } from "../assessments/staff-actions";

export type StaffActionRefusal = AttemptRefusal | "not_found" | "deadline_in_past";

export type StaffActionResult =
  | { readonly ok: true; readonly deadline: number | null; readonly status: "in_progress" | "submitted" }
  | { readonly ok: false; readonly reason: StaffActionRefusal; readonly message: string };

/** Largest extension in one action (a week): anything more is a typo. */
export const MAX_ADDED_MINUTES = 7 * 24 * 60;

async function run(attemptId: string, action: Parameters<typeof applyStaffAction>[1], actorId: string, reason: string, now: number): Promise<StaffActionResult> {
  const done = await applyStaffAction(attemptId, action, actorId, reason, now);
  if (!done.ok) return done;
  return { ok: true, deadline: done.state.deadline, status: done.state.status === "submitted" ? "submitted" : "in_progress" };
}

/** Give an attempt in progress `minutes` more (its deadline moves; an untimed or submitted one is refused). */
export function addAttemptTime(attemptId: string, actorId: string, minutes: number, reason: string, now: number): Promise<StaffActionResult> {
  return run(attemptId, { type: "time-added", minutes }, actorId, reason, now);
}

/** Reopen a submitted attempt (or one the deadline closed) until `deadline`, or with none when null. */
export async function reopenAttempt(attemptId: string, actorId: string, deadline: number | null, reason: string, now: number): Promise<StaffActionResult> {
  if (deadline !== null && deadline <= now) return { ok: false, reason: "deadline_in_past", message: `The new deadline (${formatUtc(deadline)}) has already passed.` };
  return run(attemptId, { type: "reopened", deadline }, actorId, reason, now);
}
