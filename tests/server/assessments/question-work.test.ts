import { afterAll, describe, expect, test, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { randomBytes } from "node:crypto";
import { buildAnswerKey, gradeAnswers, modelAnswers } from "@/lib/grader";
import { closeOverdueAttempts, saveAttemptAnswers, startAttempt } from "@/lib/server/assessments/attempts";
import { gradeQuestionWork, questionView, resetQuestionWorkForTests } from "@/lib/server/assessments/question-work";
import { studentAttempt } from "@/lib/server/assessments/student-view";
import { diagramFor, getScenario } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { closeSimulationPool } from "@/lib/server/simulation-pool/pool";
import { describeEachDatabase } from "../support/test-database";
import { correctAnswers, MINUTE, seedClass, T0, type ClassFixture } from "../support/class-fixture";

afterAll(async () => {
  resetQuestionWorkForTests({ runInline: false });
  await closeSimulationPool();
});

const QUESTIONS = [
  ["aws-private-subnet-nat", 10_001, "beginner"],
  ["two-offices-same-subnet", 42_424, "intermediate"],
  ["ssh-via-bastion", 77_777, "advanced"],
] as const;

function refOf(scenarioId: string, seed: number, difficulty: string, optionSalt = randomBytes(24).toString("base64url")) {
  const found = getScenario(scenarioId)!;
  return { scenarioId, contentHash: found.contentHash, seed, difficulty, optionSalt };
}

describe("a question's view and grading off the request thread", () => {
  test.each(QUESTIONS)("%s seed %i (%s): the pool's view is the key's sheet without its seed, and the variant's diagram", async (id, seed, difficulty) => {
    const ref = refOf(id, seed, difficulty);
    resetQuestionWorkForTests({ runInline: false });
    const pooled = await questionView(ref);
    resetQuestionWorkForTests({ runInline: true });
    const inline = await questionView(ref);
    const found = getScenario(id)!;
    const { seed: _seed, ...sheet } = buildAnswerKey(found.scenario, seed, difficulty, { salt: ref.optionSalt }).sheet;
    expect(pooled).toEqual(inline);
    expect(pooled).toEqual({ sheet, diagram: diagramFor(found.scenario, seed) });
    const text = JSON.stringify(pooled);
    expect(text).not.toContain('"expected"');
    expect(text).not.toContain(ref.optionSalt);
    expect(text).not.toContain(`"seed"`);
  });

  test("a view is kept frozen per question (same content, seed, difficulty and salt); another salt is another entry", async () => {
    resetQuestionWorkForTests({ runInline: true });
    const ref = refOf("aws-private-subnet-nat", 10_002, "beginner");
    const first = await questionView(ref);
    expect(await questionView({ ...ref })).toBe(first);
    expect(Object.isFrozen(first.sheet.flows[0])).toBe(true);
    expect(() => { (first.sheet as { title: string }).title = "changed"; }).toThrow();
    expect(await questionView({ ...ref, optionSalt: "another-salt" })).not.toBe(first);
  });

  test.each(QUESTIONS)("%s seed %i (%s): grading on the pool gives what the grader gives, for correct and empty answers", async (id, seed, difficulty) => {
    resetQuestionWorkForTests({ runInline: false });
    const ref = refOf(id, seed, difficulty);
    const found = getScenario(id)!;
    const key = buildAnswerKey(found.scenario, seed, difficulty, { salt: ref.optionSalt });
    for (const answers of [modelAnswers(key), {}]) {
      const expected = gradeAnswers(key, answers, found);
      const graded = await gradeQuestionWork(ref, answers);
      expect(graded).toEqual(expected);
    }
    expect((await gradeQuestionWork(ref, modelAnswers(key))).score).toBe(key.blanks.reduce((n, b) => n + b.weight, 0));
  });
});

describeEachDatabase("appending to an attempt's log: a short write guarded by the attempt's version", () => {
  let fx: ClassFixture;
  test("setup", async () => {
    resetQuestionWorkForTests({ runInline: false });
    fx = await seedClass({ students: 3 });
  });

  test("ten saves of one attempt at once: every one is kept, under consecutive sequence numbers", async () => {
    const started = await startAttempt({ assessmentId: fx.assessmentId, userId: fx.students[0]!.id, timeFactor: 1 }, T0);
    if (!started.ok) throw new Error(started.reason);
    const correct = await correctAnswers(started.attemptId);
    const blanks = Object.entries(correct.z0q0!).slice(0, 10);
    const results = await Promise.all(blanks.map(([blank, value], i) => saveAttemptAnswers(started.attemptId, { z0q0: { [blank]: value } }, T0 + MINUTE + i)));
    expect(results.every((r) => r.ok)).toBe(true);
    const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: started.attemptId }, include: { events: { orderBy: { seq: "asc" } } } });
    expect(row.answers).toEqual({ z0q0: Object.fromEntries(blanks) });
    expect(row.events.map((e) => e.seq)).toEqual(Array.from({ length: blanks.length + 1 }, (_, i) => i + 1));
  });

  test("a stale decision is never written: the close by the sweeper wins, the save is decided again and refused", async () => {
    const started = await startAttempt({ assessmentId: fx.assessmentId, userId: fx.students[2]!.id, timeFactor: 1 }, T0);
    if (!started.ok) throw new Error(started.reason);
    const db = getDb();
    const original = db.$transaction.bind(db);
    let closedFirst = false;
    const spy = vi.spyOn(db, "$transaction").mockImplementation((async (...args: Parameters<typeof db.$transaction>) => {
      if (!closedFirst) {
        closedFirst = true;
        expect(await closeOverdueAttempts(T0 + 61 * MINUTE, { id: started.attemptId })).toBe(1);
      }
      return (original as (...a: unknown[]) => unknown)(...args);
    }) as typeof db.$transaction);
    try {
      const saved = await saveAttemptAnswers(started.attemptId, { z0q0: { anything: "1" } }, T0 + 60 * MINUTE + 5_000);
      expect(saved).toMatchObject({ ok: false, reason: "deadline_passed" });
    } finally {
      spy.mockRestore();
    }
    const row = await db.assessmentAttempt.findUniqueOrThrow({ where: { id: started.attemptId }, include: { events: true, ledger: true } });
    expect(row).toMatchObject({ status: "submitted", submittedBy: "deadline", answers: {} });
    expect(row.events.map((e) => e.type)).toEqual(["started"]);
    expect(row.ledger.map((l) => l.kind)).toEqual(["graded"]);
    expect((await studentAttempt(started.attemptId, T0 + 62 * MINUTE))?.status).toBe("submitted");
  });
});
