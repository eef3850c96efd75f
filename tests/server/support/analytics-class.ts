/**
 * A small graded class for the analytics tests, on tests/server/support/class-fixture.ts: a course
 * with an instructor, an assistant and six students, one published homework on the AWS NAT
 * scenario (intermediate, 10 points), and one graded attempt per student whose answers follow a
 * profile (all right, the outcome predicted as a denial, the outcome left blank, ...). Everything
 * goes through the real services, so a regrade against the frozen content must reproduce it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Answers as AttemptAnswers } from "@/lib/assessment/attempt";
import { AssessmentSchema, type AssessmentDefinition } from "@/lib/assessment/schema";
import { buildAnswerKey, modelAnswers, type Answers } from "@/lib/grader";
import type { AnswerKey } from "@/lib/grader/types";
import { loadScenarioText } from "@/lib/scenario/load";
import type { ScenarioFile } from "@/lib/scenario/schema";
import { saveAttemptAnswers, startAttempt, submitAttempt } from "@/lib/server/assessments/attempts";
import { frozenScenario } from "@/lib/server/assessments/content";
import { answerKeyFor } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { CONTENT_DIR } from "../../helpers/scenarios";
import { type ClassFixture, MINUTE, seedClass, T0 } from "./class-fixture";

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
  readonly fixture: ClassFixture;
  readonly courseId: string;
  readonly assessmentId: string;
  /** Students in profile order, each with their one graded attempt. */
  readonly students: readonly { readonly userId: string; readonly email: string; readonly profile: Profile; readonly attemptId: string }[];
}

/** Homework on the AWS NAT scenario, intermediate, POINTS points, scores shown after submit. */
export function natHomework(): AssessmentDefinition {
  return AssessmentSchema.parse({
    id: "nat-homework", title: "NAT homework", kind: "homework",
    zones: [{ title: "Part 1", choose: 1, alternatives: [{ scenario: SCENARIO_ID, difficulty: "intermediate", points: POINTS }] }],
    access: { release: new Date(T0).toISOString(), attempts: 3 },
    feedback: { score: "after-submit", correctness: "after-submit", expected: "after-submit", misconceptions: "after-submit", journey: "after-submit" },
  });
}

/**
 * Seeds the class through the real services (publish, start, save, submit, grade): one attempt per
 * profile, started at `start` (default T0 + 1 minute) and submitted 20 minutes later.
 */
export async function seedAnalyticsClass(options: { readonly profiles?: readonly Profile[]; readonly start?: number } = {}): Promise<AnalyticsClass> {
  const profiles = options.profiles ?? PROFILES;
  const fixture = await seedClass({ students: profiles.length, definition: natHomework() });
  const denied = loadScenario(deniedText());
  const start = options.start ?? T0 + MINUTE;
  const students: AnalyticsClass["students"][number][] = [];
  for (const [i, profile] of profiles.entries()) {
    const student = fixture.students[i]!;
    const started = await startAttempt({ assessmentId: fixture.assessmentId, userId: student.id, timeFactor: 1 }, start);
    if (!started.ok) throw new Error(`analytics fixture: start refused: ${started.reason}`);
    const q = await getDb().attemptQuestion.findFirstOrThrow({ where: { attemptId: started.attemptId } });
    const frozen = await frozenScenario(q.scenarioId, q.contentHash);
    const before = answerKeyFor(frozen.scenario, frozen.contentHash, q.seed, "intermediate", { salt: q.optionSalt });
    const after = buildAnswerKey(denied, q.seed, "intermediate", { salt: q.optionSalt });
    const saved = await saveAttemptAnswers(started.attemptId, { [q.slot]: answersFor(profile, before, after) } as AttemptAnswers, start + 5 * MINUTE);
    if (!saved.ok) throw new Error(`analytics fixture: save refused: ${saved.reason}`);
    const submitted = await submitAttempt(started.attemptId, start + 20 * MINUTE);
    if (!submitted.ok) throw new Error(`analytics fixture: submit refused: ${submitted.reason}`);
    students.push({ userId: student.id, email: student.email, profile, attemptId: started.attemptId });
  }
  return { fixture, courseId: fixture.courseId, assessmentId: fixture.assessmentId, students };
}
