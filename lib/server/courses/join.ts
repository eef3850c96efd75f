/**
 * Joining a course with its join code or link (/join/<code>): a signed-in user becomes a student.
 * A code that was regenerated is simply unknown; a closed course says so.
 */
import "server-only";
import { isCourseRole, type CourseRole } from "../auth/policies/course";
import { getDb, isUniqueViolation } from "../db";
import { recordAudit } from "./audit";
import { normaliseJoinCode } from "./join-code";

export type JoinRefusal = "unknown_code" | "closed";

export type JoinableCourse =
  | { readonly ok: true; readonly course: { readonly id: string; readonly title: string; readonly code: string } }
  | { readonly ok: false; readonly reason: JoinRefusal };

export type JoinResult =
  | { readonly ok: true; readonly courseId: string; readonly joined: boolean; readonly role: CourseRole }
  | { readonly ok: false; readonly reason: JoinRefusal };

export const JOIN_REFUSAL_MESSAGES: Readonly<Record<JoinRefusal, string>> = {
  unknown_code: "No course has this join code. It may have been mistyped or replaced by a new one: ask your instructor for the current code.",
  closed: "This course is not taking new members right now. Ask your instructor to open joining or to add you.",
};

/** The course a code opens, if it is current and joining is open. */
export async function findJoinableCourse(code: string): Promise<JoinableCourse> {
  const joinCode = normaliseJoinCode(code);
  if (!joinCode) return { ok: false, reason: "unknown_code" };
  const course = await getDb().course.findUnique({ where: { joinCode }, select: { id: true, title: true, code: true, joinOpen: true } });
  if (!course) return { ok: false, reason: "unknown_code" };
  if (!course.joinOpen) return { ok: false, reason: "closed" };
  return { ok: true, course: { id: course.id, title: course.title, code: course.code } };
}

/** Make `userId` a student of the course `code` opens; a member already in keeps their role. */
export async function joinCourse(userId: string, code: string): Promise<JoinResult> {
  const found = await findJoinableCourse(code);
  if (!found.ok) return found;
  const courseId = found.course.id;
  const db = getDb();
  const existing = await db.courseMember.findUnique({ where: { courseId_userId: { courseId, userId } }, select: { role: true } });
  if (existing && isCourseRole(existing.role)) return { ok: true, courseId, joined: false, role: existing.role };
  try {
    await db.$transaction(async (tx) => {
      await tx.courseMember.create({ data: { courseId, userId, role: "student" } });
      await tx.courseInvite.deleteMany({ where: { courseId, email: (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })).email } });
      await recordAudit({ courseId, actorId: userId, action: "member.join", detail: "Joined with the join code" }, tx);
    });
  } catch (error) {
    // Two tabs joining at once: the second finds the first's membership.
    if (!isUniqueViolation(error)) throw error;
  }
  return { ok: true, courseId, joined: true, role: "student" };
}
