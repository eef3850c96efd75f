/**
 * Small direct-DB seeds for the exam-lock and variant-guard tests: a course with a published
 * assessment and one student's attempt in a chosen state. (tests/server/support/class-fixture.ts
 * seeds whole classes through the storage core; these tests need only rows.)
 */
import { randomBytes } from "node:crypto";
import type { AssessmentDefinition } from "@/lib/assessment/schema";
import { getDb } from "@/lib/server/db";

const uid = () => randomBytes(6).toString("hex");

export async function seedUser(label = "student") {
  return getDb().user.create({ data: { email: `${label}-${uid()}@example.test` } });
}

export function examDefinition(kind: "exam" | "homework" = "exam"): AssessmentDefinition {
  return {
    id: `a-${uid()}`, title: kind === "exam" ? "Midterm exam" : "Homework 1", kind, variants: "per-student",
    zones: [{ title: "Part 1", choose: 1, alternatives: [{ scenario: "browser-to-google", difficulty: "beginner", points: 10 }] }],
    access: { attempts: 1, timeLimitMinutes: 30 },
    scoring: { counts: "best", creditPerTry: [100] },
    feedback: { score: "after-close", correctness: "after-close", expected: "after-close", misconceptions: "after-close", journey: "after-close" },
  };
}

/** A course with one published assessment of `kind`. */
export async function seedCourseWithAssessment(kind: "exam" | "homework" = "exam") {
  const db = getDb();
  const instructor = await seedUser("instructor");
  const course = await db.course.create({ data: { title: "Networks", code: "NET-1", joinCode: `J${uid()}`, createdById: instructor.id } });
  await db.courseMember.create({ data: { courseId: course.id, userId: instructor.id, role: "instructor" } });
  const definition = examDefinition(kind);
  const assessment = await db.assessment.create({
    data: { courseId: course.id, slug: definition.id, title: definition.title, kind, definition: definition as object, secret: randomBytes(24).toString("hex"), status: "published", publishedAt: new Date() },
  });
  return { course, assessment, instructor, definition };
}

/** A student of the course with an attempt in `status`, its deadline `deadlineInMs` from now (null: none). */
export async function seedAttempt(assessmentId: string, courseId: string, options: { status?: "in_progress" | "submitted"; deadlineInMs?: number | null; userId?: string } = {}) {
  const db = getDb();
  const userId = options.userId ?? (await seedUser()).id;
  await db.courseMember.upsert({ where: { courseId_userId: { courseId, userId } }, create: { courseId, userId, role: "student" }, update: {} });
  const now = Date.now();
  const deadline = options.deadlineInMs === null ? null : new Date(now + (options.deadlineInMs ?? 30 * 60_000));
  const status = options.status ?? "in_progress";
  const attempt = await db.assessmentAttempt.create({
    data: {
      assessmentId, userId, number: 1, status, startedAt: new Date(now - 60_000), deadline, answers: {},
      ...(status === "submitted" ? { submittedAt: new Date(now - 1_000), submittedBy: "student" } : {}),
      events: { create: [{ seq: 1, type: "started", at: new Date(now - 60_000), data: { deadline: deadline?.getTime() ?? null } }] },
    },
  });
  return { userId, attempt };
}
