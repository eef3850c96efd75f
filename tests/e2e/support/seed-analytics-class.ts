/**
 * Seeds a class into the e2e server's database for tests/e2e/analytics.spec.ts. The homework's
 * scenario is frozen on a *changed* copy of the AWS NAT scenario (the private subnet's ACL denies the
 * return traffic), stored by hash like any frozen content, and the attempts are graded on it; the
 * catalogue keeps the original, so "regrade against the current content" is a real content change.
 *   Ann answers as the frozen copy says (denied): full marks, the regrade would lower her.
 *   Ben answers as the original says (delivered): the regrade raises him.
 *   Cy forgets the NAT's source translation where the server sees the packet: a misconception.
 * Run with `tsx --conditions=react-server` and DATABASE_URL set; prints the ids as JSON.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { AssessmentSchema } from "@/lib/assessment/schema";
import type { Answers as AttemptAnswers } from "@/lib/assessment/attempt";
import { contentHashOf } from "@/lib/content/scenario-files";
import { buildAnswerKey, modelAnswers, type Answers } from "@/lib/grader";
import { worldTrace, worldValue } from "@/lib/grader/misconceptions";
import { loadScenarioText } from "@/lib/scenario/load";
import { saveAttemptAnswers, startAttempt, submitAttempt } from "@/lib/server/assessments/attempts";
import { publishAssessment } from "@/lib/server/assessments/publish";
import { getDb } from "@/lib/server/db";
import { MINUTE, SEED_PASSWORD, seedAssessment, seedCourse, seedUser } from "./seed-people";

const SCENARIO = "aws-private-subnet-nat";
const ACL_RULE = "{ rule: 110, protocol: tcp, ports: [1024, 65535], cidr: 0.0.0.0/0, action: allow }";

function scenarioOf(text: string) {
  const loaded = loadScenarioText(text, `${SCENARIO}.yaml`);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("; "));
  return loaded.scenario;
}

async function main() {
  const now = Date.now();
  const db = getDb();
  const original = readFileSync(path.join(process.cwd(), "content", "scenarios", `${SCENARIO}.yaml`), "utf8");
  const deniedText = original.replace(ACL_RULE, ACL_RULE.replace("allow", "deny"));
  if (deniedText === original) throw new Error("the ACL rule to flip is not in the scenario any more");
  const deniedHash = contentHashOf(new TextEncoder().encode(deniedText));
  const denied = scenarioOf(deniedText);
  const originalScenario = scenarioOf(original);

  const instructor = await seedUser("instructor", "Ines Instructor");
  const students = [await seedUser("ann", "Ann Archer"), await seedUser("ben", "Ben Baker"), await seedUser("cy", "Cy Cole")];
  const course = await seedCourse(db, "Analytics e2e", "NET-AN", instructor.id);
  await db.courseMember.createMany({ data: [{ courseId: course.id, userId: instructor.id, role: "instructor" }, ...students.map((s) => ({ courseId: course.id, userId: s.id, role: "student" }))] });
  const definition = AssessmentSchema.parse({
    id: "nat-homework", title: "NAT homework", kind: "homework",
    zones: [{ title: "Part 1", choose: 1, alternatives: [{ scenario: SCENARIO, difficulty: "intermediate", points: 10 }] }],
    access: { release: new Date(now - 60 * MINUTE).toISOString(), attempts: 3 },
    feedback: { score: "after-submit", correctness: "after-submit", expected: "after-submit", misconceptions: "after-submit", journey: "after-submit" },
  });
  const assessment = await seedAssessment(db, course.id, definition);
  const published = await publishAssessment(assessment.id, instructor.id, new Date(now - 90 * MINUTE));
  if (!published.ok) throw new Error(published.message);
  // Frozen on the changed copy: what these students were "taken on", kept by hash.
  // A retried test seeds again: the changed copy is then already stored under its hash.
  await db.scenarioContent.upsert({ where: { hash: deniedHash }, create: { hash: deniedHash, scenarioId: SCENARIO, source: deniedText }, update: {} });
  await db.assessment.update({ where: { id: assessment.id }, data: { contentHashes: { [SCENARIO]: deniedHash } } });

  async function take(student: { id: string }, answersOf: (frozenKey: ReturnType<typeof buildAnswerKey>, seed: number, salt: string) => Answers) {
    const started = await startAttempt({ assessmentId: assessment.id, userId: student.id, timeFactor: 1 }, now - 10 * MINUTE);
    if (!started.ok) throw new Error(started.reason);
    const q = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId: started.attemptId } });
    const key = buildAnswerKey(denied, q.seed, "intermediate", { salt: q.optionSalt });
    const saved = await saveAttemptAnswers(started.attemptId, { [q.slot]: answersOf(key, q.seed, q.optionSalt) } as AttemptAnswers, now - 8 * MINUTE);
    if (!saved.ok) throw new Error(saved.reason);
    const done = await submitAttempt(started.attemptId, now - 5 * MINUTE);
    if (!done.ok) throw new Error(done.reason);
    return started.attemptId;
  }
  const annAttempt = await take(students[0]!, (key) => modelAnswers(key));
  const benAttempt = await take(students[1]!, (key, seed, salt) => {
    const asOriginal = modelAnswers(buildAnswerKey(originalScenario, seed, "intermediate", { salt }));
    return { ...modelAnswers(key), ...Object.fromEntries(["apt-update/outcome/disposition", "apt-update/outcome/component"].map((id) => [id, asOriginal[id]!])) };
  });
  const cyAttempt = await take(students[2]!, (key, seed) => {
    const answers: Answers = { ...modelAnswers(key) };
    for (const blank of key.blanks) {
      if (blank.kind === "order" || !blank.source) continue;
      const forgot = worldValue(worldTrace(denied, seed, "snat", blank.flow), blank.source);
      if (forgot !== null && forgot !== blank.expected) {
        answers[blank.id] = forgot;
        break;
      }
    }
    return answers;
  });
  console.log(JSON.stringify({ password: SEED_PASSWORD, courseId: course.id, assessmentId: assessment.id, instructor, students, annAttempt, benAttempt, cyAttempt }));
  await db.$disconnect();
}

main().catch(async (error: unknown) => {
  console.error(error);
  await getDb().$disconnect().catch(() => {});
  process.exit(1);
});
