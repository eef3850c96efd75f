/**
 * A small graded class for the analytics tests: a course with an instructor, an assistant and six
 * students, one published homework on the AWS NAT scenario (intermediate, 10 points) whose
 * content is frozen by hash, and one graded attempt per student whose answers follow a profile
 * (all right, the outcome predicted as a denial, the outcome left blank, ...). Grading uses the
 * real grader on the frozen content, so a regrade against it must reproduce every stored result.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { AssessmentSchema } from "@/lib/assessment/schema";
import { contentHashOf } from "@/lib/content/scenario-files";
import { buildAnswerKey, gradeAnswers, modelAnswers, storedResult, type Answers } from "@/lib/grader";
import type { AnswerKey } from "@/lib/grader/types";
import { loadScenarioText } from "@/lib/scenario/load";
import type { ScenarioFile } from "@/lib/scenario/schema";
import type { Db } from "@/lib/server/db";
import { CONTENT_DIR } from "../../helpers/scenarios";

export const SCENARIO_ID = "aws-private-subnet-nat";
export const OUTCOME = ["apt-update/outcome/disposition", "apt-update/outcome/component"] as const;
/** The return traffic's ACL rule; flipping it to deny changes exactly the two outcome blanks. */
export const ACL_RULE = "{ rule: 110, protocol: tcp, ports: [1024, 65535], cidr: 0.0.0.0/0, action: allow }";
export const POINTS = 10;

export type Profile = "all-right" | "predicts-denial" | "outcome-blank" | "early-slip" | "nothing" | "garbage";

/** The answers a profile gives, from the keys of the original and the ACL-denied content. */
export function answersFor(profile: Profile, before: AnswerKey, after: AnswerKey): Answers {
  const model = modelAnswers(before);
  const without = (ids: readonly string[]) => Object.fromEntries(Object.entries(model).filter(([id]) => !ids.includes(id)));
  switch (profile) {
    case "all-right": return model;
    case "predicts-denial": return { ...model, ...Object.fromEntries(OUTCOME.map((id) => [id, modelAnswers(after)[id]!])) };
    case "outcome-blank": return without(OUTCOME);
    case "early-slip": return { ...model, "apt-update/tcp.syn@app-server/src": "10.9.9.9" };
    case "nothing": return {};
    case "garbage": return Object.fromEntries(Object.keys(model).map((id) => [id, "not an answer"]));
  }
}

export const PROFILES: readonly Profile[] = ["all-right", "predicts-denial", "outcome-blank", "early-slip", "nothing", "garbage"];

export function loadScenario(text: string): ScenarioFile {
  const r = loadScenarioText(text, `${SCENARIO_ID}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.scenario;
}

export function originalText(): string {
  return readFileSync(path.join(CONTENT_DIR, `${SCENARIO_ID}.yaml`), "utf8");
}

/** The scenario with the return traffic denied by the private subnet's ACL. */
export function deniedText(): string {
  return originalText().replace(ACL_RULE, ACL_RULE.replace("allow", "deny"));
}

export interface AnalyticsClass {
  readonly courseId: string;
  readonly assessmentId: string;
  readonly instructorId: string;
  readonly assistantId: string;
  /** Students in PROFILES order. */
  readonly students: readonly { readonly userId: string; readonly email: string; readonly profile: Profile; readonly attemptId: string }[];
  readonly contentHash: string;
}

let counter = 0;

/** Seeds the class; ids are unique per call so several classes can share a database. */
export async function seedAnalyticsClass(db: Db, options: { readonly profiles?: readonly Profile[]; readonly gradedAt?: Date } = {}): Promise<AnalyticsClass> {
  const profiles = options.profiles ?? PROFILES;
  const n = ++counter;
  const tag = `${n}-${Math.random().toString(36).slice(2, 8)}`;
  const text = originalText();
  const contentHash = contentHashOf(Buffer.from(text, "utf8"));
  const original = loadScenario(text);
  const denied = loadScenario(deniedText());
  await db.scenarioContent.upsert({ where: { hash: contentHash }, update: {}, create: { hash: contentHash, scenarioId: SCENARIO_ID, source: text } });
  const user = (role: string, i: number) => db.user.create({ data: { email: `${role}${i}-${tag}@example.test`, name: `${role} ${i}`, role: "learner" } });
  const instructor = await user("instructor", 0);
  const assistant = await user("assistant", 0);
  const course = await db.course.create({ data: { title: `Networks ${tag}`, code: "NET-101", joinCode: `J${tag}`, createdById: instructor.id } });
  await db.courseMember.createMany({ data: [{ courseId: course.id, userId: instructor.id, role: "instructor" }, { courseId: course.id, userId: assistant.id, role: "assistant" }] });
  const definition = AssessmentSchema.parse({
    id: "nat-homework", title: "NAT homework", kind: "homework",
    zones: [{ title: "Part 1", choose: 1, alternatives: [{ scenario: SCENARIO_ID, difficulty: "intermediate", points: POINTS }] }],
    access: { attempts: 3 }, feedback: { score: "after-submit", correctness: "after-submit", expected: "after-submit", misconceptions: "after-submit", journey: "after-submit" },
  });
  const assessment = await db.assessment.create({
    data: {
      courseId: course.id, slug: definition.id, title: definition.title, kind: definition.kind, definition, secret: `secret-${tag}-0123456789abcdef`,
      status: "published", publishedAt: new Date("2027-01-04T09:00:00Z"), contentHashes: { [SCENARIO_ID]: contentHash }, engineVersion: "test",
    },
  });
  const gradedAt = options.gradedAt ?? new Date("2027-01-05T10:00:00Z");
  const students: AnalyticsClass["students"][number][] = [];
  for (const [i, profile] of profiles.entries()) {
    const student = await user("student", i);
    await db.courseMember.create({ data: { courseId: course.id, userId: student.id, role: "student" } });
    const seed = 10_000 + n * 100 + i;
    const optionSalt = `salt-${tag}-${i}`;
    const before = buildAnswerKey(original, seed, "intermediate", { salt: optionSalt });
    const after = buildAnswerKey(denied, seed, "intermediate", { salt: optionSalt });
    const answers = answersFor(profile, before, after);
    const graded = gradeAnswers(before, answers, { scenario: original, contentHash });
    const score = Math.round((graded.score / graded.maxScore) * POINTS * 1000) / 1000;
    const startedAt = new Date(gradedAt.getTime() - 20 * 60_000);
    const attempt = await db.assessmentAttempt.create({
      data: {
        assessmentId: assessment.id, userId: student.id, number: 1, status: "submitted", startedAt, submittedAt: gradedAt, submittedBy: "student",
        answers: { z0q0: answers } as never, gradedAt, score, maxScore: POINTS,
        questions: { create: [{ slot: "z0q0", zone: 0, alternative: 0, scenarioId: SCENARIO_ID, difficulty: "intermediate", points: POINTS, seed, contentHash, engineVersion: graded.engineVersion, optionSalt, variantFingerprint: `fp-${tag}-${i}`, result: storedResult(graded) as never, score }] },
        events: { create: [
          { seq: 1, type: "started", at: startedAt, data: { type: "started", at: startedAt.getTime(), deadline: null } },
          { seq: 2, type: "saved", at: new Date(startedAt.getTime() + 300_000), data: { type: "saved", at: startedAt.getTime() + 300_000, answers: { z0q0: answers } } as never },
          { seq: 3, type: "submitted", at: gradedAt, data: { type: "submitted", at: gradedAt.getTime() } },
        ] },
        ledger: { create: [{ kind: "graded", newScore: score, note: "graded on submission", at: gradedAt }] },
      },
    });
    students.push({ userId: student.id, email: student.email, profile, attemptId: attempt.id });
  }
  return { courseId: course.id, assessmentId: assessment.id, instructorId: instructor.id, assistantId: assistant.id, students, contentHash };
}
