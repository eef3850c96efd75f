/**
 * Seeds a class into the e2e server's database for tests/e2e/gradebook.spec.ts, through the real
 * services: an instructor and three students with passwords, a published homework open now, one
 * student's attempt graded (part 2 left blank), one graded late-free full marks, one in progress.
 * Run with `tsx --conditions=react-server` and DATABASE_URL set; prints the ids as JSON.
 */
import { modelAnswers } from "@/lib/grader";
import { AssessmentSchema } from "@/lib/assessment/schema";
import type { Difficulty } from "@/lib/scenario/schema";
import { startAttempt, saveAttemptAnswers, submitAttempt } from "@/lib/server/assessments/attempts";
import { frozenScenario } from "@/lib/server/assessments/content";
import { publishAssessment } from "@/lib/server/assessments/publish";
import { answerKeyFor } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { MINUTE, SEED_PASSWORD, seedAssessment, seedCourse, seedUser } from "./seed-people";

async function main() {
  const now = Date.now();
  const db = getDb();
  const instructor = await seedUser("instructor", "Ines Instructor");
  const students = [await seedUser("ann", "Ann Archer"), await seedUser("ben", "Ben Baker"), await seedUser("cy", "Cy Cole")];
  const course = await seedCourse(db, "Networks e2e", "NET-E2E", instructor.id);
  await db.courseMember.createMany({ data: [{ courseId: course.id, userId: instructor.id, role: "instructor" }, ...students.map((s) => ({ courseId: course.id, userId: s.id, role: "student" }))] });
  const definition = AssessmentSchema.parse({
    id: "e2e-homework", title: "Homework NAT", kind: "homework",
    zones: [
      { title: "Part 1", choose: 1, alternatives: [{ scenario: "aws-private-subnet-nat", difficulty: "beginner", points: 10 }] },
      { title: "Part 2", choose: 1, alternatives: [{ scenario: "two-offices-same-subnet", difficulty: "beginner", points: 10 }] },
    ],
    access: { release: new Date(now - 60 * MINUTE).toISOString(), close: new Date(now + 180 * MINUTE).toISOString(), timeLimitMinutes: 60, attempts: 2 },
    feedback: { score: "after-submit", correctness: "after-close", expected: "after-close", misconceptions: "after-close", journey: "after-close" },
  });
  const assessment = await seedAssessment(db, course.id, definition);
  const published = await publishAssessment(assessment.id, instructor.id, new Date(now - 90 * MINUTE));
  if (!published.ok) throw new Error(published.message);

  async function take(student: { id: string }, keep: (slot: string) => boolean, submit: boolean) {
    const started = await startAttempt({ assessmentId: assessment.id, userId: student.id, timeFactor: 1 }, now - 5 * MINUTE);
    if (!started.ok) throw new Error(started.reason);
    const answers: Record<string, Record<string, string>> = {};
    for (const q of await db.attemptQuestion.findMany({ where: { attemptId: started.attemptId } })) {
      if (!keep(q.slot)) continue;
      const frozen = await frozenScenario(q.scenarioId, q.contentHash);
      answers[q.slot] = modelAnswers(answerKeyFor(frozen.scenario, frozen.contentHash, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt })) as Record<string, string>;
    }
    const saved = await saveAttemptAnswers(started.attemptId, answers, now - 4 * MINUTE);
    if (!saved.ok) throw new Error(saved.reason);
    if (submit) {
      const done = await submitAttempt(started.attemptId, now - 3 * MINUTE);
      if (!done.ok) throw new Error(done.reason);
    }
    return started.attemptId;
  }
  const annAttempt = await take(students[0]!, (slot) => slot === "z0q0", true);
  const benAttempt = await take(students[1]!, () => true, true);
  const cyAttempt = await take(students[2]!, (slot) => slot === "z0q0", false);
  console.log(JSON.stringify({ password: SEED_PASSWORD, courseId: course.id, assessmentId: assessment.id, instructor, students, annAttempt, benAttempt, cyAttempt }));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
