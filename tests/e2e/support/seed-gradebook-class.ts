/**
 * Seeds a class into the e2e server's database for tests/e2e/gradebook.spec.ts, through the real
 * services: an instructor and three students with passwords, a published homework open now, one
 * student's attempt graded (part 2 left blank), one graded late-free full marks, one in progress.
 * Run with `tsx --conditions=react-server` and DATABASE_URL set; prints the ids as JSON.
 */
import { randomBytes } from "node:crypto";
import { modelAnswers } from "@/lib/grader";
import { AssessmentSchema } from "@/lib/assessment/schema";
import type { Difficulty } from "@/lib/scenario/schema";
import { startAttempt, saveAttemptAnswers, submitAttempt } from "@/lib/server/assessments/attempts";
import { frozenScenario } from "@/lib/server/assessments/content";
import { publishAssessment } from "@/lib/server/assessments/publish";
import { answerKeyFor } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { createUserWithPassword } from "@/lib/server/users";

const PASSWORD = "a long enough password for e2e";
const MINUTE = 60_000;

async function user(label: string, name: string) {
  const email = `${label}-${randomBytes(3).toString("hex")}@e2e.test`;
  const created = await createUserWithPassword({ email, password: PASSWORD, name });
  if (!created.ok) throw new Error(`could not create ${email}: ${created.reason}`);
  return { id: created.user.id, email, name };
}

async function main() {
  const now = Date.now();
  const db = getDb();
  const instructor = await user("instructor", "Ines Instructor");
  const students = [await user("ann", "Ann Archer"), await user("ben", "Ben Baker"), await user("cy", "Cy Cole")];
  const course = await db.course.create({ data: { title: "Networks e2e", code: "NET-E2E", joinCode: randomBytes(6).toString("hex"), createdById: instructor.id } });
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
  const assessment = await db.assessment.create({ data: { courseId: course.id, slug: definition.id, title: definition.title, kind: definition.kind, definition, secret: randomBytes(24).toString("base64url") } });
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
  console.log(JSON.stringify({ password: PASSWORD, courseId: course.id, assessmentId: assessment.id, instructor, students, annAttempt, benAttempt, cyAttempt }));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
