/**
 * The one place that answers "may this actor do X to this thing?". Route handlers, server actions
 * and pages ask here, never by filtering on an owner column themselves. Each decision reads what it
 * needs from the database (membership, the assessment's course) on every request, so a removed
 * member or a demoted account loses its rights at once, on every app instance.
 *
 * A refusal names its reason. Outside a course the answer is `not_found`, the same as for a course
 * that does not exist, so nobody learns which ids exist; `forbidden` is kept for members asking for
 * more than their role allows (an assistant editing settings), who know the thing exists.
 */
import "server-only";
import { getDb } from "../db";
import type { Actor } from "./actor";
import { courseAllows, type CourseAction, type CourseRole, isCourseRole } from "./policies/course";
import { type InterviewAction, interviewAllows, interviewRoleOf, type InterviewRole } from "./policies/interviews";
import { type SiteAction, siteAllows } from "./policies/site";

export type Refusal = "sign_in_required" | "not_found" | "forbidden";

export type Decision<T = object> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly reason: Refusal };

export interface CourseGrant {
  readonly userId: string;
  readonly courseId: string;
  readonly role: CourseRole;
  /** The member's course-wide time factor (1 unless an instructor set one). */
  readonly timeFactor: number;
}

const refuse = (reason: Refusal) => ({ ok: false as const, reason });

/** A site-wide action (admin pages, creating a course). */
export function authorizeSite(actor: Actor, action: SiteAction): Decision<{ readonly userId: string }> {
  if (actor.kind !== "user") return refuse("sign_in_required");
  return siteAllows(actor.siteRole, action) ? { ok: true, userId: actor.userId } : refuse("forbidden");
}

/** The actor's membership of a course, or null (not a member, no such course, not signed in). */
export async function courseMembership(actor: Actor, courseId: string): Promise<CourseGrant | null> {
  if (actor.kind !== "user") return null;
  const member = await getDb().courseMember.findUnique({
    where: { courseId_userId: { courseId, userId: actor.userId } },
    select: { role: true, timeFactor: true },
  });
  if (!member || !isCourseRole(member.role)) return null;
  return { userId: actor.userId, courseId, role: member.role, timeFactor: member.timeFactor };
}

/** May `actor` do `action` in course `courseId`? The grant carries their role for the page. */
export async function authorizeCourse(actor: Actor, action: CourseAction, courseId: string): Promise<Decision<{ readonly grant: CourseGrant }>> {
  if (actor.kind !== "user") return refuse("sign_in_required");
  const grant = await courseMembership(actor, courseId);
  if (!grant) return refuse("not_found");
  return courseAllows(grant.role, action) ? { ok: true, grant } : refuse("forbidden");
}

export interface AssessmentRef {
  readonly id: string;
  readonly courseId: string;
  readonly status: string;
}

/**
 * May `actor` do `action` on assessment `assessmentId`? Students see only published assessments
 * (a draft is `not_found` to them); staff see drafts too.
 */
export async function authorizeAssessment(
  actor: Actor,
  action: CourseAction,
  assessmentId: string,
): Promise<Decision<{ readonly grant: CourseGrant; readonly assessment: AssessmentRef }>> {
  if (actor.kind !== "user") return refuse("sign_in_required");
  const assessment = await getDb().assessment.findUnique({ where: { id: assessmentId }, select: { id: true, courseId: true, status: true } });
  if (!assessment) return refuse("not_found");
  const decision = await authorizeCourse(actor, action, assessment.courseId);
  if (!decision.ok) return decision;
  if (assessment.status !== "published" && !courseAllows(decision.grant.role, "course.view-work")) return refuse("not_found");
  return { ok: true, grant: decision.grant, assessment };
}

/**
 * May `actor` read assessment attempt `attemptId`? Its student may (what they see is then limited by
 * the feedback rules); staff with `action` may; anyone else gets `not_found`.
 */
export async function authorizeAttempt(
  actor: Actor,
  action: "attempt.view" | "attempt.work" | CourseAction,
  attemptId: string,
): Promise<Decision<{ readonly own: boolean; readonly courseId: string; readonly assessmentId: string; readonly role: CourseRole | null }>> {
  if (actor.kind !== "user") return refuse("sign_in_required");
  const attempt = await getDb().assessmentAttempt.findUnique({
    where: { id: attemptId },
    select: { userId: true, assessmentId: true, assessment: { select: { courseId: true } } },
  });
  if (!attempt) return refuse("not_found");
  const courseId = attempt.assessment.courseId;
  const grant = await courseMembership(actor, courseId);
  if (!grant) return refuse("not_found");
  const own = attempt.userId === actor.userId;
  // "attempt.view": the student's own attempt, or staff reading it. "attempt.work": only its student, still a member.
  const allowed = action === "attempt.work"
    ? own && courseAllows(grant.role, "course.take")
    : action === "attempt.view"
      ? (own && grant.role === "student") || courseAllows(grant.role, "course.view-work")
      : courseAllows(grant.role, action);
  // Someone else's attempt stays invisible to a student; staff and the attempt's own student know it exists.
  if (!allowed) return refuse(own || courseAllows(grant.role, "course.view-work") ? "forbidden" : "not_found");
  return { ok: true, own, courseId, assessmentId: attempt.assessmentId, role: grant.role };
}

export interface InterviewRef {
  readonly id: string;
  readonly mode: string;
  readonly interviewerId: string | null;
  readonly candidateId: string | null;
  readonly candidateGuestId: string | null;
}

/**
 * May `actor` do `action` in interview session `sessionId`? Its interviewer and its candidate (a
 * guest included) get their role; anyone else `not_found`; the candidate asking for the console
 * `forbidden` (they know the session exists).
 */
export async function authorizeInterview(actor: Actor, action: InterviewAction, sessionId: string): Promise<Decision<{ readonly role: InterviewRole; readonly sessionId: string }>> {
  if (actor.kind === "anonymous" || !/^[a-z0-9]{10,40}$/i.test(sessionId)) return refuse("not_found");
  const session = await getDb().interviewSession.findUnique({ where: { id: sessionId }, select: { mode: true, interviewerId: true, candidateId: true, candidateGuestId: true } });
  const role = session ? interviewRoleOf(session, actor) : null;
  if (!role) return refuse("not_found");
  return interviewAllows(role, action) ? { ok: true, role, sessionId } : refuse("forbidden");
}
