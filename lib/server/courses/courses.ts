/**
 * Courses: creating and renaming them, their join code, and the lists each person sees. Callers
 * authorize first (lib/server/auth/policy.ts); these functions trust the ids they are given.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { isCourseRole, isStaff, type CourseRole } from "../auth/policies/course";
import { getDb, isUniqueViolation } from "../db";
import { recordAudit } from "./audit";
import { newJoinCode } from "./join-code";
import type { NewCourse } from "./schemas";

export interface CourseSummary {
  readonly id: string;
  readonly title: string;
  readonly code: string;
  readonly role: CourseRole;
}

export interface CourseDetail {
  readonly id: string;
  readonly title: string;
  readonly code: string;
  readonly joinCode: string;
  readonly joinOpen: boolean;
  readonly counts: Readonly<Record<CourseRole, number>> & { readonly invited: number };
}

const JOIN_CODE_TRIES = 5;

/** Runs `write` with fresh join codes until one is not taken (a clash is ~1e-12, but the index decides). */
async function withFreshJoinCode<T>(write: (joinCode: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(newJoinCode(randomBytes));
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= JOIN_CODE_TRIES) throw error;
    }
  }
}

/** A new course with `userId` as its first instructor and an open join code. */
export async function createCourse(userId: string, input: NewCourse): Promise<{ id: string; joinCode: string }> {
  return withFreshJoinCode((joinCode) =>
    getDb().$transaction(async (tx) => {
      const course = await tx.course.create({ data: { title: input.title, code: input.code, joinCode, createdById: userId } });
      await tx.courseMember.create({ data: { courseId: course.id, userId, role: "instructor" } });
      await recordAudit({ courseId: course.id, actorId: userId, action: "course.create", detail: `Created "${input.title}" (${input.code})` }, tx);
      return { id: course.id, joinCode };
    }),
  );
}

/** Change the title and short code. */
export async function renameCourse(actorId: string, courseId: string, input: NewCourse): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.course.update({ where: { id: courseId }, data: { title: input.title, code: input.code } });
    await recordAudit({ courseId, actorId, action: "course.rename", detail: `Renamed to "${input.title}" (${input.code})` }, tx);
  });
}

/** A new join code; the old code and link stop working at once. */
export async function regenerateJoinCode(actorId: string, courseId: string): Promise<string> {
  return withFreshJoinCode((joinCode) =>
    getDb().$transaction(async (tx) => {
      await tx.course.update({ where: { id: courseId }, data: { joinCode } });
      await recordAudit({ courseId, actorId, action: "join.regenerate", detail: "New join code; the old one no longer works" }, tx);
      return joinCode;
    }),
  );
}

/** Open or close joining by code (members already in stay). */
export async function setJoinOpen(actorId: string, courseId: string, open: boolean): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.course.update({ where: { id: courseId }, data: { joinOpen: open } });
    await recordAudit({ courseId, actorId, action: open ? "join.open" : "join.close", detail: open ? "Joining by code opened" : "Joining by code closed" }, tx);
  });
}

/** The course with its join code and how many people it has in each role; null if it does not exist. */
export async function getCourseDetail(courseId: string): Promise<CourseDetail | null> {
  const db = getDb();
  const course = await db.course.findUnique({ where: { id: courseId }, select: { id: true, title: true, code: true, joinCode: true, joinOpen: true } });
  if (!course) return null;
  const [groups, invited] = await Promise.all([
    db.courseMember.groupBy({ by: ["role"], where: { courseId }, _count: { _all: true } }),
    db.courseInvite.count({ where: { courseId } }),
  ]);
  const counts = { instructor: 0, assistant: 0, student: 0, invited };
  for (const group of groups) if (isCourseRole(group.role)) counts[group.role] = group._count._all;
  return { ...course, counts };
}

/** The title of a course (for page headings); null if it does not exist. */
export async function getCourseTitle(courseId: string): Promise<{ title: string; code: string } | null> {
  return getDb().course.findUnique({ where: { id: courseId }, select: { title: true, code: true } });
}

/** Every course `userId` belongs to, with their role there, newest first. */
export async function listMyCourses(userId: string): Promise<CourseSummary[]> {
  const rows = await getDb().courseMember.findMany({
    where: { userId },
    select: { role: true, course: { select: { id: true, title: true, code: true } } },
    orderBy: { joinedAt: "desc" },
  });
  return rows.flatMap((row) => (isCourseRole(row.role) ? [{ ...row.course, role: row.role }] : []));
}

/** The courses `userId` teaches or assists in. */
export async function listTaughtCourses(userId: string): Promise<CourseSummary[]> {
  return (await listMyCourses(userId)).filter((course) => isStaff(course.role));
}

/** Whether `userId` is staff (instructor or assistant) in at least one course. */
export async function hasStaffMembership(userId: string): Promise<boolean> {
  const row = await getDb().courseMember.findFirst({ where: { userId, role: { in: ["instructor", "assistant"] } }, select: { courseId: true } });
  return row !== null;
}

export interface AssessmentListItem {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly status: string;
  readonly updatedAt: Date;
}

/** A course's assessments for its staff (drafts and published), drafts first, then newest. */
export async function listCourseAssessments(courseId: string): Promise<AssessmentListItem[]> {
  return getDb().assessment.findMany({
    where: { courseId },
    select: { id: true, title: true, kind: true, status: true, updatedAt: true },
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
  });
}
