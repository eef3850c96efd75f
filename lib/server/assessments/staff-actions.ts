/**
 * What staff do to a student's attempt while the assessment runs: add time, set the deadline,
 * reopen a submitted attempt. Each is an event in the attempt's log (with who and why) and an entry
 * in the course's audit trail, written in the same transaction. Reopening clears the grading, so
 * the next submit (or the new deadline) grades the attempt again; the ledger keeps the old score.
 */
import "server-only";
import { formatUtc } from "@/lib/assessment/access";
import type { AttemptEvent } from "@/lib/assessment/attempt";
import { getDb } from "../db";
import { appendAttemptEvent, type AppendResult } from "./event-log";

export type StaffAction =
  | { readonly type: "time-added"; readonly minutes: number }
  | { readonly type: "deadline-set"; readonly deadline: number }
  | { readonly type: "reopened"; readonly deadline: number | null };

function detailOf(action: StaffAction): string {
  switch (action.type) {
    case "time-added": return `added ${action.minutes} min`;
    case "deadline-set": return `set the deadline to ${formatUtc(action.deadline)}`;
    case "reopened": return action.deadline === null ? "reopened, no deadline" : `reopened until ${formatUtc(action.deadline)}`;
  }
}

/** Applies a staff action to an attempt (the caller checked the actor may edit assessments of its course). */
export async function applyStaffAction(attemptId: string, action: StaffAction, by: string, reason: string, now: number): Promise<AppendResult> {
  const attempt = await getDb().assessmentAttempt.findUnique({ where: { id: attemptId }, select: { assessmentId: true, assessment: { select: { courseId: true } }, userId: true } });
  if (!attempt) return { ok: false, reason: "not_found", message: "No attempt with that id." };
  return appendAttemptEvent(
    attemptId,
    (state) => (state === null
      ? { refuse: "not_started", message: "This attempt has not started." }
      : ({ ...action, at: Math.max(now, state.lastEventAt), by, reason } as AttemptEvent)),
    async (tx, state) => {
      if (action.type === "reopened") await tx.assessmentAttempt.update({ where: { id: attemptId }, data: { gradedAt: null } });
      await tx.auditEntry.create({
        data: {
          courseId: attempt.assessment.courseId, assessmentId: attempt.assessmentId, attemptId, actorId: by,
          action: action.type, detail: `${detailOf(action)} (attempt of ${attempt.userId}; deadline now ${state.deadline === null ? "none" : formatUtc(state.deadline)})`,
          reason, at: new Date(now),
        },
      });
    },
  );
}
