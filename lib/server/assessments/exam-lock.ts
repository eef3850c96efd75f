/**
 * The exam lock: while an account has an exam attempt in progress (status in_progress, kind exam,
 * deadline plus grace not yet passed), the study tools that could answer the exam for it are closed
 * to that account: the simulator, /grade, scenario sheets and study pages, traces, practice and
 * drills. Every route and page that serves one of them asks `refuseDuringExam` / `examLockForPage`
 * first; each refusal is answered with 423 `exam_in_progress` (naming the exam and when it ends)
 * and recorded on the exam attempt as a `lock-refused` event, which the instructor reads.
 *
 * The lock follows the account, not the browser: a second tab, a script with the session cookie or
 * the JSON API are refused alike. Guests never take exams, so a guest is never locked.
 */
import "server-only";
import { NextResponse } from "next/server";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { formatUtc } from "@/lib/assessment/access";
import { closeIfOverdue } from "@/lib/assessment/attempt";
import { getDb } from "../db";
import { getRequestOwner } from "../request-owner";
import { appendAttemptEvent } from "./event-log";

export const EXAM_IN_PROGRESS = "exam_in_progress";

/** What the lock closes; recorded as the event's `what` so the instructor reads what was tried. */
export type LockedFeature =
  | "simulator"
  | "grade"
  | "scenario sheet"
  | "scenario study"
  | "trace"
  | "practice"
  | "drills"
  /** A mock interview: its report and console show a trace's expected values. */
  | "interviews";

export interface ExamLock {
  readonly attemptId: string;
  readonly assessmentId: string;
  readonly courseId: string;
  readonly title: string;
  /** The attempt's deadline (ms), or null for an exam without one (locked until submitted). */
  readonly endsAt: number | null;
}

/**
 * The exam attempt that locks `userId` at `now`, or null. One indexed read ([userId, status]);
 * an attempt past its deadline plus grace no longer locks, even before the server closes it.
 */
export async function findExamLock(userId: string, now: number): Promise<ExamLock | null> {
  const open = await getDb().assessmentAttempt.findMany({
    where: { userId, status: "in_progress", assessment: { kind: "exam" } },
    select: { id: true, deadline: true, assessment: { select: { id: true, courseId: true, title: true } } },
  });
  const live = open.find((a) => a.deadline === null || a.deadline.getTime() + GRACE_MS >= now);
  if (!live) return null;
  return { attemptId: live.id, assessmentId: live.assessment.id, courseId: live.assessment.courseId, title: live.assessment.title, endsAt: live.deadline?.getTime() ?? null };
}

/** The sentence every refusal shows, API and page alike. */
export function lockMessage(lock: ExamLock): string {
  const until = lock.endsAt === null ? "until you submit it" : `until it ends at ${formatUtc(lock.endsAt)}`;
  return `You have an exam in progress ("${lock.title}"): the simulator, traces, grading, practice and drills are closed ${until}.`;
}

/** Where the student continues the exam. */
export function examHref(lock: ExamLock): string {
  return `/courses/${encodeURIComponent(lock.courseId)}/attempts/${encodeURIComponent(lock.attemptId)}`;
}

/** Records that the lock refused `what`, on the exam attempt's event log (never fails the refusal). */
export async function recordLockRefusal(lock: ExamLock, what: LockedFeature, now: number): Promise<void> {
  try {
    // Through the log like every other event; an attempt whose time ran out meanwhile is left to
    // the sweeper to close and grade (recording on it here would mark it submitted ungraded).
    await appendAttemptEvent(lock.attemptId, (state) =>
      state === null || closeIfOverdue(state, now).status !== "in-progress"
        ? { refuse: "already_submitted", message: "The exam is over." }
        : { type: "lock-refused", at: Math.max(now, state.lastEventAt), what });
  } catch (error) {
    // The refusal stands whatever happens to its record; the log only loses one line.
    console.error("[exam-lock] could not record a refusal:", error);
  }
}

/** The signed-in user of this request (guests and visitors are never locked). */
async function requestUserId(): Promise<string | null> {
  const owner = await getRequestOwner();
  return owner && "userId" in owner ? owner.userId : null;
}

/** The lock on the current request's account, recorded as refusing `what`; null when there is none. */
export async function examLockOnRequest(what: LockedFeature, now: number = Date.now()): Promise<ExamLock | null> {
  const userId = await requestUserId();
  if (userId === null) return null;
  const lock = await findExamLock(userId, now);
  if (lock) await recordLockRefusal(lock, what, now);
  return lock;
}

/** The JSON refusal: 423 Locked, naming the exam, when it ends and where to continue it. */
export function examLockResponse(lock: ExamLock) {
  return NextResponse.json(
    {
      error: {
        code: EXAM_IN_PROGRESS,
        message: lockMessage(lock),
        exam: { title: lock.title, endsAt: lock.endsAt === null ? null : new Date(lock.endsAt).toISOString(), href: examHref(lock) },
      },
    },
    { status: 423, headers: { "cache-control": "private, no-store" } },
  );
}

/** For route handlers: the 423 to send instead of `what`, or null when the account is not locked. */
export async function refuseDuringExam(what: LockedFeature, now: number = Date.now()) {
  const lock = await examLockOnRequest(what, now);
  return lock ? examLockResponse(lock) : null;
}

/** For pages: the lock to show instead of `what` (already recorded), or null. */
export function examLockForPage(what: LockedFeature): Promise<ExamLock | null> {
  return examLockOnRequest(what);
}
