/**
 * Rights inside one course, from the actor's membership there (instructor, assistant, student) and
 * nothing else: an instructor of one course has no rights in another, and a site admin who is not a
 * member sees the course only through the admin tools. Pure: the caller reads the membership.
 *
 * Why assistants stop where they do: they read everyone's work and grade it (Moodle's
 * "non-editing teacher", PrairieLearn's "Student Data Editor"), but they change no setting that
 * alters what students face: no rules, overrides, roster, publication or regrade.
 */
export const COURSE_ROLES = ["instructor", "assistant", "student"] as const;
export type CourseRole = (typeof COURSE_ROLES)[number];

export function isCourseRole(value: unknown): value is CourseRole {
  return typeof value === "string" && (COURSE_ROLES as readonly string[]).includes(value);
}

export const COURSE_ACTIONS = [
  /** See the course page and its published assessments. */
  "course.view",
  /** Start, save and submit own attempts. */
  "course.take",
  /** Read the roster, every attempt, the live view, the gradebook, statistics and the audit trail. */
  "course.view-work",
  /** Adjust scores (with a note), read and download exports. */
  "course.grade",
  /** Change the course's title, join code, roster and time factors. */
  "course.manage",
  /** Create, edit, preview, check and publish assessments; overrides; add time, reopen; regrade. */
  "course.edit-assessments",
] as const;
export type CourseAction = (typeof COURSE_ACTIONS)[number];

const ALLOWED: Readonly<Record<CourseRole, readonly CourseAction[]>> = {
  instructor: ["course.view", "course.view-work", "course.grade", "course.manage", "course.edit-assessments"],
  assistant: ["course.view", "course.view-work", "course.grade"],
  student: ["course.view", "course.take"],
};

/** Whether a member with `role` may do `action` in their course. */
export function courseAllows(role: CourseRole, action: CourseAction): boolean {
  return ALLOWED[role].includes(action);
}

/** Whether a member is staff (sees other people's work). */
export function isStaff(role: CourseRole): boolean {
  return courseAllows(role, "course.view-work");
}
