/** What the course forms accept, validated once at the boundary (server actions and routes). Pure. */
import { z } from "zod";
import { COURSE_ROLES } from "@/lib/server/auth/policies/course";

export const CourseIdSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a course id");
export const UserIdSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a user id");

export const CourseTitleSchema = z
  .string({ error: "Give the course a title" })
  .trim()
  .min(1, "Give the course a title")
  .max(120, "Keep the title under 120 characters");

export const CourseCodeSchema = z
  .string({ error: "Give the course a short code" })
  .trim()
  .min(1, "Give the course a short code, like NET-101")
  .max(32, "Keep the code under 32 characters");

export const NewCourseSchema = z.object({ title: CourseTitleSchema, code: CourseCodeSchema });
export type NewCourse = z.infer<typeof NewCourseSchema>;

export const CourseRoleSchema = z.enum(COURSE_ROLES, { error: "Choose instructor, assistant or student" });

export const MIN_TIME_FACTOR = 1;
export const MAX_TIME_FACTOR = 10;

export const TimeFactorSchema = z.coerce
  .number({ error: "Enter a number from 1 to 10" })
  .refine(Number.isFinite, "Enter a number from 1 to 10")
  .min(MIN_TIME_FACTOR, "The factor is at least 1 (no less time than the limit)")
  .max(MAX_TIME_FACTOR, "The factor is at most 10")
  // Two decimals are plenty (1.25x, 1.5x); rounding keeps stored values readable.
  .transform((factor) => Math.round(factor * 100) / 100);

export const ReasonSchema = z
  .string({ error: "Say why (it goes into the course's audit trail)" })
  .trim()
  .min(3, "Say why (it goes into the course's audit trail)")
  .max(500, "Keep the reason under 500 characters");

/**
 * The pasted list or the CSV file's text, before parseRosterInput reads it. Server actions take at
 * most 64 KB (next.config.js), so a list stays under 60 KB: about 1,500 emails with names.
 */
export const MAX_ROSTER_BYTES = 60 * 1024;
export const RosterTextSchema = z.string().max(MAX_ROSTER_BYTES, "That list is too large: add it in parts of at most 60 KB (about 1,500 emails)");
