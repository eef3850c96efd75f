/**
 * Seeds an exam for tests/e2e/assessment-no-leak.spec.ts through the real services: an instructor
 * and a student with passwords, a course, and a published exam of two zones at advanced difficulty
 * (every blank asked) whose feedback parts all wait for the close date, which is half an hour away
 * (the spec moves it into the past when it wants "after the close"). Run with
 * `tsx --conditions=react-server` and DATABASE_URL set; prints the ids as JSON.
 */
import { AssessmentSchema } from "@/lib/assessment/schema";
import { publishAssessment } from "@/lib/server/assessments/publish";
import { getDb } from "@/lib/server/db";
import { MINUTE, SEED_PASSWORD, seedAssessment, seedCourse, seedUser } from "./seed-people";

async function main() {
  const now = Date.now();
  const db = getDb();
  const instructor = await seedUser("leak-instructor", "Ines Instructor");
  const student = await seedUser("leak-student", "Sam Student");
  const course = await seedCourse(db, "Networks no-leak", "NET-LEAK", instructor.id);
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
  const assessment = await seedAssessment(db, course.id, definition);
  const published = await publishAssessment(assessment.id, instructor.id, new Date(now));
  if (!published.ok) throw new Error(`publish failed: ${published.message}`);
  console.log(JSON.stringify({ password: SEED_PASSWORD, courseId: course.id, assessmentId: assessment.id, student }));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
