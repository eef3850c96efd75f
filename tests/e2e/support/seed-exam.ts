/**
 * `tsx --conditions=react-server tests/e2e/support/seed-exam.ts` with DATABASE_URL and SEED_EXAM (JSON):
 * the instructor's part of the assessment flow done straight in the database while the course and
 * builder pages are not in this branch: a course taught by `instructor` with `students` (each with
 * an optional time factor), another course with `outsider`, and a published exam of two zones
 * (through the real publishAssessment, so its content is frozen). Prints {courseId, assessmentId}.
 */
import { randomBytes } from "node:crypto";
import { AssessmentSchema } from "../../../lib/assessment/schema";
import { resolveDatabaseTarget } from "../../../lib/server/database-target";
import { createDb, setDbForTests } from "../../../lib/server/db";
import { publishAssessment } from "../../../lib/server/assessments/publish";

interface Input {
  readonly instructor: string;
  readonly students: readonly { readonly email: string; readonly timeFactor?: number }[];
  readonly outsider: string;
  readonly limitMinutes: number;
  readonly closeInSeconds: number;
}

async function main() {
  const input = JSON.parse(process.env.SEED_EXAM ?? "{}") as Input;
  const db = createDb(resolveDatabaseTarget({ DATABASE_URL: process.env.DATABASE_URL }));
  setDbForTests(db);
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
  const instructor = await user(input.instructor);
  await db.user.update({ where: { id: instructor.id }, data: { role: "instructor" } });
  const course = await db.course.create({ data: { title: "Networks 101", code: "NET-101", joinCode: randomBytes(6).toString("hex"), createdById: instructor.id } });
  const other = await db.course.create({ data: { title: "Another course", code: "OTHER-1", joinCode: randomBytes(6).toString("hex"), createdById: instructor.id } });
  await db.courseMember.create({ data: { courseId: course.id, userId: instructor.id, role: "instructor" } });
  for (const s of input.students) await db.courseMember.create({ data: { courseId: course.id, userId: (await user(s.email)).id, role: "student", timeFactor: s.timeFactor ?? 1 } });
  await db.courseMember.create({ data: { courseId: other.id, userId: (await user(input.outsider)).id, role: "student" } });
  const now = Date.now();
  const definition = AssessmentSchema.parse({
    id: "midterm", title: "Midterm exam", kind: "exam",
    zones: [
      { title: "Part 1: NAT", choose: 1, alternatives: [{ scenario: "aws-private-subnet-nat", difficulty: "beginner", points: 10 }] },
      { title: "Part 2: remote access", choose: 1, alternatives: [{ scenario: "ssh-via-bastion", difficulty: "beginner", points: 10 }, { scenario: "two-offices-same-subnet", difficulty: "beginner", points: 10 }] },
    ],
    access: { release: new Date(now - 60_000).toISOString(), close: new Date(now + input.closeInSeconds * 1000).toISOString(), timeLimitMinutes: input.limitMinutes, attempts: 1 },
    feedback: { score: "after-submit", correctness: "after-close", expected: "after-close", misconceptions: "after-close", journey: "after-close" },
  });
  const assessment = await db.assessment.create({ data: { courseId: course.id, slug: definition.id, title: definition.title, kind: "exam", definition, secret: randomBytes(24).toString("base64url") } });
  const published = await publishAssessment(assessment.id, instructor.id, new Date(now));
  if (!published.ok) throw new Error(`publish failed: ${published.message}`);
  await db.$disconnect();
  process.stdout.write(JSON.stringify({ courseId: course.id, otherCourseId: other.id, assessmentId: assessment.id }));
}

main().catch((e: unknown) => {
  process.stderr.write(`seed-exam: ${(e as Error).message}\n`);
  process.exit(1);
});
