/**
 * A small course for the gradebook tests, written straight into the test database: an instructor,
 * an assistant, students, an outsider teaching another course, an assessment and attempts whose
 * event logs the tests choose.
 */
import { randomBytes } from "node:crypto";
import type { AttemptEvent } from "@/lib/assessment/attempt";
import { AssessmentSchema } from "@/lib/assessment/schema";
import { getDb } from "@/lib/server/db";

const tag = () => randomBytes(4).toString("hex");

export async function newUser(name: string) {
  return getDb().user.create({ data: { email: `${name.toLowerCase()}-${tag()}@example.edu`, name } });
}

export const DEFINITION = AssessmentSchema.parse({
  id: "midterm", title: "Midterm", kind: "exam",
  zones: [{ title: "NAT", choose: 1, alternatives: [{ scenario: "browser-to-google", difficulty: "beginner", points: 10 }] }],
  access: { timeLimitMinutes: 60 },
});

export async function seedCourse() {
  const db = getDb();
  const [instructor, assistant, ann, ben, outsider] = await Promise.all(["Ines", "Asa", "Ann", "Ben", "Otto"].map(newUser));
  const course = await db.course.create({ data: { title: "Networks", code: "NET-101", joinCode: `J${tag()}`, createdById: instructor!.id } });
  const other = await db.course.create({ data: { title: "Other", code: "OTH-1", joinCode: `J${tag()}`, createdById: outsider!.id } });
  await db.courseMember.createMany({
    data: [
      { courseId: course.id, userId: instructor!.id, role: "instructor" },
      { courseId: course.id, userId: assistant!.id, role: "assistant" },
      { courseId: course.id, userId: ann!.id, role: "student" },
      { courseId: course.id, userId: ben!.id, role: "student" },
      { courseId: other.id, userId: outsider!.id, role: "instructor" },
    ],
  });
  const assessment = await db.assessment.create({
    data: { courseId: course.id, slug: "midterm", title: "Midterm", kind: "exam", definition: DEFINITION, secret: `secret-${tag()}-${tag()}`, status: "published", publishedAt: new Date() },
  });
  return { course, other, assessment, instructor: instructor!, assistant: assistant!, ann: ann!, ben: ben!, outsider: outsider! };
}

/** An attempt whose columns follow `events` (as the storage core keeps them in step). */
export async function seedAttempt(assessmentId: string, userId: string, events: readonly AttemptEvent[], number = 1) {
  const db = getDb();
  const started = events[0]!;
  if (started.type !== "started") throw new Error("a log starts with started");
  const submitted = events.find((e) => e.type === "submitted");
  const attempt = await db.assessmentAttempt.create({
    data: {
      assessmentId, userId, number, status: submitted ? "submitted" : "in_progress", startedAt: new Date(started.at),
      deadline: started.deadline === null ? null : new Date(started.deadline), submittedAt: submitted ? new Date(submitted.at) : null,
      submittedBy: submitted ? "student" : null, answers: {},
    },
  });
  await db.attemptEvent.createMany({
    data: events.map((e, i) => ({ attemptId: attempt.id, seq: i + 1, type: e.type, at: new Date(e.at), data: e as object })),
  });
  return attempt;
}
