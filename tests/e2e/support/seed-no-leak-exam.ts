/**
 * Seeds an exam for tests/e2e/assessment-no-leak.spec.ts through the real services: an instructor
 * and a student with passwords, a course, and a published exam of two zones at advanced difficulty
 * (every blank asked) whose feedback parts all wait for the close date, which is half an hour away
 * (the spec moves it into the past when it wants "after the close"). Run with
 * `tsx --conditions=react-server` and DATABASE_URL set; prints the ids as JSON.
 */
import { randomBytes } from "node:crypto";
import { AssessmentSchema } from "@/lib/assessment/schema";
import { publishAssessment } from "@/lib/server/assessments/publish";
import { getDb } from "@/lib/server/db";
import { createUserWithPassword } from "@/lib/server/users";

const PASSWORD = "a long enough password for e2e";
const MINUTE = 60_000;

async function user(label: string, name: string) {
  const email = `${label}-${randomBytes(3).toString("hex")}@e2e.test`;
  const created = await createUserWithPassword({ email, password: PASSWORD, name });
  if (!created.ok) throw new Error(`could not create ${email}: ${created.reason}`);
  return { id: created.user.id, email };
}

async function main() {
  const now = Date.now();
  const db = getDb();
  const instructor = await user("leak-instructor", "Ines Instructor");
  const student = await user("leak-student", "Sam Student");
  const course = await db.course.create({ data: { title: "Networks no-leak", code: "NET-LEAK", joinCode: randomBytes(6).toString("hex"), createdById: instructor.id } });
  await db.courseMember.createMany({ data: [{ courseId: course.id, userId: instructor.id, role: "instructor" }, { courseId: course.id, userId: student.id, role: "student" }] });
  const definition = AssessmentSchema.parse({
    id: "no-leak-exam", title: "No-leak exam", kind: "exam",
    zones: [
      { title: "Part 1: the web", choose: 1, alternatives: [{ scenario: "browser-to-google", difficulty: "advanced", points: 10 }] },
      { title: "Part 2: NAT", choose: 1, alternatives: [{ scenario: "aws-private-subnet-nat", difficulty: "advanced", points: 10 }] },
    ],
    access: { release: new Date(now - MINUTE).toISOString(), close: new Date(now + 30 * MINUTE).toISOString(), timeLimitMinutes: 20, attempts: 1 },
    feedback: { score: "after-close", correctness: "after-close", expected: "after-close", misconceptions: "after-close", journey: "after-close" },
  });
  const assessment = await db.assessment.create({ data: { courseId: course.id, slug: definition.id, title: definition.title, kind: "exam", definition, secret: randomBytes(24).toString("base64url") } });
  const published = await publishAssessment(assessment.id, instructor.id, new Date(now));
  if (!published.ok) throw new Error(`publish failed: ${published.message}`);
  console.log(JSON.stringify({ password: PASSWORD, courseId: course.id, assessmentId: assessment.id, student }));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
