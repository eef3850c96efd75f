/**
 * A course with people and a published assessment, for tests of anything built on assessments
 * (taking, live view, gradebook, statistics, regrade, exports). Everything goes through the real
 * services (publishAssessment, startAttempt, saveAttemptAnswers, submitAttempt), with explicit times.
 * Use inside describeEachDatabase (getDb() is the suite's database).
 */
import { randomBytes } from "node:crypto";
import type { Answers as AttemptAnswers } from "@/lib/assessment/attempt";
import { AssessmentSchema, type AssessmentDefinition } from "@/lib/assessment/schema";
import { modelAnswers } from "@/lib/grader";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { startAttempt, submitAttempt, saveAttemptAnswers } from "@/lib/server/assessments/attempts";
import { frozenScenario } from "@/lib/server/assessments/content";
import { publishAssessment } from "@/lib/server/assessments/publish";

export interface Person {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

export interface ClassFixture {
  readonly courseId: string;
  readonly instructor: Person;
  readonly assistant: Person;
  readonly students: readonly Person[];
  /** Somebody in another course (for "404 everywhere" tests), with their own course. */
  readonly outsider: Person;
  readonly otherCourseId: string;
  readonly assessmentId: string;
  readonly definition: AssessmentDefinition;
}

/** 2027-03-08T09:00:00Z: the fixture exam's release (tests pass times relative to it). */
export const T0 = Date.parse("2027-03-08T09:00:00Z");
export const MINUTE = 60_000;

/** A small exam on two cheap scenarios: one question per zone, 60 minutes, open for 3 hours. */
export function examDefinition(overrides: Partial<Record<string, unknown>> = {}): AssessmentDefinition {
  return AssessmentSchema.parse({
    id: "fixture-exam",
    title: "Fixture exam",
    kind: "exam",
    zones: [
      { title: "Part 1", choose: 1, alternatives: [{ scenario: "aws-private-subnet-nat", difficulty: "beginner", points: 10 }] },
      { title: "Part 2", choose: 1, alternatives: [{ scenario: "two-offices-same-subnet", difficulty: "beginner", points: 10 }, { scenario: "ssh-via-bastion", difficulty: "beginner", points: 10 }] },
    ],
    variants: "per-student",
    access: { release: new Date(T0).toISOString(), close: new Date(T0 + 180 * MINUTE).toISOString(), timeLimitMinutes: 60, attempts: 1 },
    feedback: { score: "after-submit", correctness: "after-close", expected: "after-close", misconceptions: "after-close", journey: "after-close" },
    ...overrides,
  });
}

async function person(label: string, role = "learner"): Promise<Person> {
  const tag = randomBytes(4).toString("hex");
  const email = `${label}-${tag}@example.test`;
  const name = `${label} ${tag}`;
  const user = await getDb().user.create({ data: { email, name, role }, select: { id: true } });
  return { id: user.id, email, name };
}

async function course(title: string): Promise<string> {
  const row = await getDb().course.create({ data: { title, code: "NET-101", joinCode: randomBytes(6).toString("hex"), createdById: "fixture" }, select: { id: true } });
  return row.id;
}

/** Seeds a course (instructor, assistant, `students` students), another course with an outsider, and a published assessment. */
export async function seedClass(options: { students?: number; definition?: AssessmentDefinition; timeFactors?: Readonly<Record<number, number>> } = {}): Promise<ClassFixture> {
  const db = getDb();
  const definition = options.definition ?? examDefinition();
  const courseId = await course("Fixture course");
  const otherCourseId = await course("Another course");
  const instructor = await person("instructor", "instructor");
  const assistant = await person("assistant");
  const outsider = await person("outsider");
  const students: Person[] = [];
  for (let i = 0; i < (options.students ?? 3); i++) students.push(await person(`student${i}`));
  await db.courseMember.createMany({
    data: [
      { courseId, userId: instructor.id, role: "instructor" },
      { courseId, userId: assistant.id, role: "assistant" },
      ...students.map((s, i) => ({ courseId, userId: s.id, role: "student", timeFactor: options.timeFactors?.[i] ?? 1 })),
      { courseId: otherCourseId, userId: outsider.id, role: "student" },
    ],
  });
  const assessment = await db.assessment.create({
    data: { courseId, slug: definition.id, title: definition.title, kind: definition.kind, definition, secret: randomBytes(24).toString("base64url") },
    select: { id: true },
  });
  const published = await publishAssessment(assessment.id, instructor.id, new Date(T0 - 24 * 60 * MINUTE));
  if (!published.ok) throw new Error(`fixture: publish failed: ${published.message}`);
  return { courseId, instructor, assistant, students, outsider, otherCourseId, assessmentId: assessment.id, definition };
}

/** The model (fully correct) answers of every question of an attempt, by slot. */
export async function correctAnswers(attemptId: string): Promise<AttemptAnswers> {
  const questions = await getDb().attemptQuestion.findMany({ where: { attemptId } });
  const out: Record<string, AttemptAnswers[string]> = {};
  for (const q of questions) {
    const frozen = await frozenScenario(q.scenarioId, q.contentHash);
    const key = answerKeyFor(frozen.scenario, frozen.contentHash, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt });
    out[q.slot] = modelAnswers(key);
  }
  return out;
}

/** Starts, answers (all correct unless `answers` is given) and submits an attempt for a student of the fixture. */
export async function takeAssessment(fixture: ClassFixture, student: Person, at: { start: number; submit: number }, answers?: (correct: AttemptAnswers) => AttemptAnswers): Promise<string> {
  const member = await getDb().courseMember.findUniqueOrThrow({ where: { courseId_userId: { courseId: fixture.courseId, userId: student.id } } });
  const started = await startAttempt({ assessmentId: fixture.assessmentId, userId: student.id, timeFactor: member.timeFactor }, at.start);
  if (!started.ok) throw new Error(`fixture: start refused: ${started.reason}`);
  const correct = await correctAnswers(started.attemptId);
  const saved = await saveAttemptAnswers(started.attemptId, answers ? answers(correct) : correct, at.start + MINUTE);
  if (!saved.ok) throw new Error(`fixture: save refused: ${saved.reason}`);
  const submitted = await submitAttempt(started.attemptId, at.submit);
  if (!submitted.ok) throw new Error(`fixture: submit refused: ${submitted.reason}`);
  return started.attemptId;
}
