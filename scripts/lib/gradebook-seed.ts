/**
 * A graded class for bench:gradebook, written straight into the database: an instructor, a course of
 * `students` students and `assessments` published homeworks of two questions, each student with one
 * submitted, graded attempt of every homework (events, ledger entry, question results). Results are
 * real gradings of one variant per scenario (a right and a half-answered sheet), copied to every
 * student to keep seeding fast; with `seeds: "per-student"` (the assessments' default) each question
 * row names its own seed, as a class drawing a variant per student would, so whatever needs an answer
 * key per question (the per-field CSV's expected values) has one to build per row.
 */
import { randomBytes } from "node:crypto";
import { AssessmentSchema } from "../../lib/assessment/schema";
import { buildAnswerKey, gradeAnswers, modelAnswers, storedResult } from "../../lib/grader";
import { getScenario } from "../../lib/server/catalogue";
import type { Db } from "../../lib/server/db";

export interface SeededGradebook {
  readonly courseId: string;
  readonly instructor: { readonly id: string; readonly email: string };
  readonly assessmentIds: readonly string[];
}

export type SeedMode = "per-student" | "shared";

const TEMPLATE_SCENARIOS = ["aws-private-subnet-nat", "two-offices-same-subnet"] as const;
const CHUNK = 250;
/** As the app stores an assessment question's grading (lib/server/assessments/grading.ts). */
const KEPT = { keepExpected: true } as const;

/** Seeds the class; returns the course, its instructor and the assessments in order. */
export async function seedGradebookClass(db: Db, students: number, assessments: number, seeds: SeedMode): Promise<SeededGradebook> {
  const templates = TEMPLATE_SCENARIOS.map((id, zone) => {
    const found = getScenario(id);
    if (!found) throw new Error(`the bench scenario ${id} is not in the catalogue`);
    const key = buildAnswerKey(found.scenario, 10_000 + zone, "beginner", { salt: "bench" });
    const model = modelAnswers(key);
    const half = Object.fromEntries(Object.entries(model).filter((_, i) => i % 2 === 0));
    return { id, zone, hash: found.contentHash, right: storedResult(gradeAnswers(key, model, found), KEPT), half: storedResult(gradeAnswers(key, half, found), KEPT) };
  });
  const tag = randomBytes(4).toString("hex");
  const instructor = await db.user.create({ data: { email: `bench-instructor-${tag}@example.test`, name: "Bench instructor", role: "instructor" } });
  const course = await db.course.create({ data: { title: "Bench course", code: "BENCH", joinCode: `bench${tag}`, createdById: instructor.id } });
  const users = Array.from({ length: students }, (_, i) => ({ id: `bench-${tag}-s${i}`, email: `s${i}-${tag}@example.test`, name: `Student ${i}` }));
  for (let i = 0; i < users.length; i += CHUNK) await db.user.createMany({ data: users.slice(i, i + CHUNK) });
  await db.courseMember.createMany({ data: [{ courseId: course.id, userId: instructor.id, role: "instructor" }, ...users.map((u) => ({ courseId: course.id, userId: u.id, role: "student" }))] });
  const assessmentIds: string[] = [];
  for (let a = 0; a < assessments; a++) {
    const definition = AssessmentSchema.parse({
      id: `hw-${a}`, title: `Homework ${a}`, kind: "homework", access: { attempts: 1 },
      zones: templates.map((t) => ({ title: `Part ${t.zone}`, choose: 1, alternatives: [{ scenario: t.id, difficulty: "beginner", points: 5 }] })),
    });
    const row = await db.assessment.create({ data: { courseId: course.id, slug: definition.id, title: definition.title, kind: "homework", definition, secret: randomBytes(24).toString("base64url"), status: "published", publishedAt: new Date(), contentHashes: Object.fromEntries(templates.map((t) => [t.id, t.hash])) } });
    assessmentIds.push(row.id);
    const at = new Date(Date.UTC(2027, 0, 4 + a * 7, 10));
    for (let i = 0; i < users.length; i += CHUNK) {
      const chunk = users.slice(i, i + CHUNK).map((u, j) => ({ u, n: i + j, id: `bench-${tag}-a${a}-s${i + j}` }));
      const questions = chunk.flatMap(({ n, id }) => templates.map((t) => {
        const result = (n + a + t.zone) % 3 === 0 ? t.half : t.right;
        const seed = seeds === "shared" ? 10_000 + t.zone : 100_000 + (n * assessments + a) * 2 + t.zone;
        return { attemptId: id, slot: `z${t.zone}q0`, zone: t.zone, alternative: 0, scenarioId: t.id, difficulty: "beginner", points: 5, seed, contentHash: t.hash, engineVersion: result.engineVersion, optionSalt: "bench", variantFingerprint: `${id}-${t.zone}`, result: result as never, score: 5 * result.score / result.maxScore };
      }));
      const scores = new Map<string, number>();
      for (const q of questions) scores.set(q.attemptId, (scores.get(q.attemptId) ?? 0) + q.score);
      await db.assessmentAttempt.createMany({ data: chunk.map(({ u, id }) => ({ id, assessmentId: row.id, userId: u.id, number: 1, status: "submitted", startedAt: new Date(at.getTime() - 1_200_000), submittedAt: at, submittedBy: "student", answers: {}, gradedAt: at, score: scores.get(id)!, maxScore: 10 })) });
      await db.attemptQuestion.createMany({ data: questions });
      await db.attemptEvent.createMany({ data: chunk.flatMap(({ id }) => [
        { attemptId: id, seq: 1, type: "started", at: new Date(at.getTime() - 1_200_000), data: { deadline: null } },
        { attemptId: id, seq: 2, type: "submitted", at, data: {} },
      ]) });
      await db.scoreLedgerEntry.createMany({ data: chunk.map(({ id }) => ({ attemptId: id, kind: "graded", newScore: scores.get(id)!, note: "bench", at })) });
    }
  }
  return { courseId: course.id, instructor: { id: instructor.id, email: instructor.email }, assessmentIds };
}
