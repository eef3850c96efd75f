/**
 * The instructor's actions on a running or finished attempt: add time, reopen. Each one is an event
 * appended to the attempt's log (judged by the pure `applyAttemptEvent`, so the live view, the
 * grading and the audit trail all read the same history), the attempt's columns kept in step in the
 * same transaction, and an AuditEntry saying who, when and why. The caller has already checked the
 * actor may (`course.edit-assessments`); refusals come back named, for a 409.
 */
import "server-only";
import { applyAttemptEvent, type AttemptEvent, type AttemptRefusal, type AttemptSnapshot } from "@/lib/assessment/attempt";
import { formatUtc } from "@/lib/assessment/access";
import { getDb, isUniqueViolation } from "../db";
import { appendAttemptEvent, readAttemptEvents } from "./attempt-log";

export type StaffActionRefusal = AttemptRefusal | "not_found" | "deadline_in_past" | "changed_meanwhile";

export type StaffActionResult =
  | { readonly ok: true; readonly deadline: number | null; readonly status: "in_progress" | "submitted" }
  | { readonly ok: false; readonly reason: StaffActionRefusal; readonly message: string };

/** Largest extension in one action (a week): anything more is a typo. */
export const MAX_ADDED_MINUTES = 7 * 24 * 60;

class Refused extends Error {
  constructor(readonly reason: StaffActionRefusal, message: string) {
    super(message);
  }
}

/**
 * Apply one staff event to attempt `attemptId`: replay its log, judge the event, then store the
 * event, the attempt's new columns (only if nobody wrote it since: `version`) and the audit entry.
 */
async function applyStaffEvent(attemptId: string, actorId: string, makeEvent: (state: AttemptSnapshot) => AttemptEvent | Refused): Promise<StaffActionResult> {
  try {
    return await getDb().$transaction(async (tx) => {
      const attempt = await tx.assessmentAttempt.findUnique({
        where: { id: attemptId },
        select: { id: true, version: true, assessmentId: true, assessment: { select: { courseId: true } } },
      });
      if (!attempt) throw new Refused("not_found", "No attempt with that id.");
      const { events, lastSeq } = await readAttemptEvents(tx, attemptId);
      let state: AttemptSnapshot | null = null;
      for (const e of events) {
        const r = applyAttemptEvent(state, e);
        if (!r.ok) throw new Error(`attempt ${attemptId}: stored event ${e.type} is invalid (${r.reason})`);
        state = r.state;
      }
      if (state === null) throw new Refused("not_started", "This attempt has not started.");
      const event = makeEvent(state);
      if (event instanceof Refused) throw event;
      const judged = applyAttemptEvent(state, event);
      if (!judged.ok) throw new Refused(judged.reason, judged.message);
      const next = judged.state;
      await appendAttemptEvent(tx, attemptId, lastSeq + 1, event);
      const status = next.status === "submitted" ? "submitted" : "in_progress";
      const reopened = event.type === "reopened";
      const { count } = await tx.assessmentAttempt.updateMany({
        where: { id: attemptId, version: attempt.version },
        data: {
          deadline: next.deadline === null ? null : new Date(next.deadline),
          status,
          // A reopened attempt is graded again when it is next submitted.
          ...(reopened ? { submittedAt: null, submittedBy: null, gradedAt: null, late: false } : {}),
          version: { increment: 1 },
        },
      });
      if (count !== 1) throw new Refused("changed_meanwhile", "The attempt changed meanwhile: reload and try again.");
      const audit = next.audit.at(-1)!;
      await tx.auditEntry.create({
        data: {
          courseId: attempt.assessment.courseId, assessmentId: attempt.assessmentId, attemptId, actorId,
          action: audit.action, detail: audit.detail, reason: audit.reason, at: new Date(audit.at),
        },
      });
      return { ok: true as const, deadline: next.deadline, status: status as "in_progress" | "submitted" };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason, message: error.message };
    // Another writer appended the same event number first.
    if (isUniqueViolation(error)) return { ok: false, reason: "changed_meanwhile", message: "The attempt changed meanwhile: reload and try again." };
    throw error;
  }
}

/** Give an attempt in progress `minutes` more (its deadline moves; an untimed one is refused). */
export function addAttemptTime(attemptId: string, actorId: string, minutes: number, reason: string, now: number): Promise<StaffActionResult> {
  return applyStaffEvent(attemptId, actorId, () => ({ type: "time-added", at: now, minutes, by: actorId, reason }));
}

/**
 * Reopen a submitted attempt (or one the deadline closed) until `deadline`, or with no deadline
 * when null. A deadline that has already passed is refused: the attempt would close again at once.
 */
export function reopenAttempt(attemptId: string, actorId: string, deadline: number | null, reason: string, now: number): Promise<StaffActionResult> {
  return applyStaffEvent(attemptId, actorId, () => {
    if (deadline !== null && deadline <= now) return new Refused("deadline_in_past", `The new deadline (${formatUtc(deadline)}) has already passed.`);
    return { type: "reopened", at: now, deadline, by: actorId, reason };
  });
}
