/** The students of a course as the builder lists them (preview, overrides), with their course-wide time factor. */
import "server-only";
import { getDb } from "../db";

export interface CourseStudent {
  readonly userId: string;
  /** Name and email, for pickers. */
  readonly label: string;
  readonly timeFactor: number;
}

/** Every student member of `courseId`, by name or email. */
export async function courseStudents(courseId: string): Promise<CourseStudent[]> {
  const rows = await getDb().courseMember.findMany({
    where: { courseId, role: "student" },
    select: { userId: true, timeFactor: true, user: { select: { email: true, name: true } } },
  });
  return rows
    .map((r) => ({ userId: r.userId, label: r.user.name ? `${r.user.name} <${r.user.email}>` : r.user.email, timeFactor: r.timeFactor }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
