/**
 * The gradebook query and manual adjustments on a fixture class, on both databases: best vs last,
 * late and override marks, missing cells, server-side sort and filter; adjustments appended to the
 * ledger with the score recomputed from it, the note required, and who may adjust.
 */
import { beforeAll, describe, expect, test, vi } from "vitest";
import { POST as adjust } from "@/app/api/v1/assessment-attempts/[id]/adjustments/route";
import type { GradebookQuery } from "@/lib/assessment/gradebook";
import { isStoredResult } from "@/lib/grader";
import { gradeQuestion } from "@/lib/server/assessments/grading";
import { getDb } from "@/lib/server/db";
import { loadGradebook } from "@/lib/server/gradebook/gradebook";
import { loadAttemptDetail } from "@/lib/server/gradebook/attempt-detail";
import { call, json } from "../support/api-client";
import { correctAnswers, examDefinition, MINUTE, seedClass, T0, takeAssessment, type ClassFixture } from "../support/class-fixture";
import { actAs, userActor } from "../support/mock-actor";
import { describeEachDatabase } from "../support/test-database";
import { startAttempt } from "@/lib/server/assessments/attempts";
import { studentScore } from "@/lib/server/assessments/student-score";

vi.mock("@/lib/server/auth/actor", () => import("../support/mock-actor"));

const HOMEWORK = examDefinition({
  id: "fixture-homework", title: "Fixture homework", kind: "homework",
  access: { release: new Date(T0).toISOString(), close: new Date(T0 + 180 * MINUTE).toISOString(), timeLimitMinutes: 60, attempts: 3, late: { until: new Date(T0 + 300 * MINUTE).toISOString(), creditPercent: 50 } },
});
const QUERY: GradebookQuery = { q: "", status: "all", sort: "name", dir: "asc" };

describeEachDatabase("gradebook and manual adjustments", () => {
  let fx: ClassFixture;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    fx = await seedClass({ students: 4, definition: HOMEWORK });
    const [s0, s1, , s3] = fx.students;
    // s0: all right, then a second attempt with part 2 left blank. s1: all right but late. s2: nothing. s3: in progress.
    ids.first = await takeAssessment(fx, s0!, { start: T0, submit: T0 + 10 * MINUTE });
    ids.second = await takeAssessment(fx, s0!, { start: T0 + 20 * MINUTE, submit: T0 + 30 * MINUTE }, (c) => ({ z0q0: c.z0q0! }));
    ids.late = await takeAssessment(fx, s1!, { start: T0 + 190 * MINUTE, submit: T0 + 200 * MINUTE });
    const started = await startAttempt({ assessmentId: fx.assessmentId, userId: s3!.id, timeFactor: 1 }, T0);
    if (!started.ok) throw new Error(started.reason);
    ids.running = started.attemptId;
    await getDb().assessmentOverride.create({ data: { assessmentId: fx.assessmentId, userId: fx.students[2]!.id, rules: { attempts: 5 }, reason: "illness", createdById: fx.instructor.id } });
  }, 120_000);

  const cellOf = async (query: GradebookQuery, email: string) => {
    const view = await loadGradebook(fx.courseId, query);
    return view.rows.find((r) => r.student.email === email)?.cells[0];
  };

  test("best counts: 100 % from the first attempt; late at half credit is marked; no attempt is empty", async () => {
    const view = await loadGradebook(fx.courseId, QUERY);
    expect(view.students).toBe(4);
    const cells = Object.fromEntries(view.rows.map((r) => [r.student.email, r.cells[0]!]));
    const [s0, s1, s2, s3] = fx.students.map((s) => cells[s.email]!);
    expect([s0!.percent, s0!.countedAttemptId, s0!.attempts]).toEqual([100, ids.first, 2]);
    expect([s1!.percent, s1!.marks.late]).toEqual([50, true]);
    expect([s2!.percent, s2!.marks.overridden, s3!.percent, s3!.marks.inProgress]).toEqual([null, true, null, true]);
  });

  test("last counts: the second attempt's score", async () => {
    const definition = { ...HOMEWORK, scoring: { counts: "last", creditPerTry: [100] } };
    await getDb().assessment.update({ where: { id: fx.assessmentId }, data: { definition } });
    const s0 = await cellOf(QUERY, fx.students[0]!.email);
    await getDb().assessment.update({ where: { id: fx.assessmentId }, data: { definition: HOMEWORK } });
    expect(s0!.countedAttemptId).toBe(ids.second);
    expect(s0!.percent).toBe(50);
  });

  test.each([
    ["sorted by score, best first; nothing graded last", { ...QUERY, sort: "total", dir: "desc" }, [0, 1, 2, 3]],
    ["filtered: late", { ...QUERY, status: "late" }, [1]],
    ["filtered: in progress", { ...QUERY, status: "in-progress" }, [3]],
    ["filtered: overridden", { ...QUERY, status: "overridden" }, [2]],
  ] as const)("%s", async (_label, query, students) => {
    const view = await loadGradebook(fx.courseId, query as GradebookQuery);
    const order = view.rows.map((r) => fx.students.findIndex((s) => s.id === r.student.id));
    if (query.sort === "total") expect(order.slice(0, 2)).toEqual(students.slice(0, 2));
    else expect(order).toEqual(students);
  });

  const post = (attemptId: string, body: unknown) => call(adjust, "POST", `/api/v1/assessment-attempts/${attemptId}/adjustments`, { params: { id: attemptId }, body });

  describe("adjustments", () => {
    test.each([
      ["the attempt's own student: 403", () => fx.students[0]!, 403],
      ["a student of another course: 404", () => fx.outsider, 404],
    ])("%s", async (_label, who, status) => {
      actAs(userActor(who()));
      expect((await post(ids.first!, { scope: "attempt", score: 5, note: "x" })).status).toBe(status);
    });

    test.each([
      ["no note: 422 note_required", () => ({ scope: "attempt", score: 15, note: "  " }), () => ids.second!, 422, "note_required"],
      ["above the maximum: 422", () => ({ scope: "attempt", score: 21, note: "x" }), () => ids.second!, 422, "out_of_range"],
      ["an unknown field: 422", () => ({ scope: "field", slot: "z0q0", field: "nope", points: 1, note: "x" }), () => ids.second!, 422, "unknown_field"],
      ["an attempt still in progress: 409", () => ({ scope: "attempt", score: 5, note: "x" }), () => ids.running!, 409, "not_graded"],
    ])("refused: %s", async (_label, body, attempt, status, code) => {
      actAs(userActor(fx.assistant));
      const response = await post(attempt(), body());
      expect(response.status).toBe(status);
      expect((await json(response)).error.code).toBe(code);
    });

    test("refusals wrote nothing to the ledger", async () => {
      expect(await getDb().scoreLedgerEntry.count({ where: { kind: "adjusted" } })).toBe(0);
    });

    test("an assistant gives full credit for one blank field: ledger entry, score recomputed from the ledger", async () => {
      const attempt = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: ids.second! }, include: { questions: true } });
      const q = attempt.questions.find((x) => x.slot === "z1q0")!;
      expect(isStoredResult(q.result)).toBe(true);
      const graded = await gradeQuestion(q, undefined);
      const field = graded.fields[0]!;
      expect(field.status).toBe("unanswered");
      actAs(userActor(fx.assistant));
      const response = await post(ids.second!, { scope: "field", slot: "z1q0", field: field.id, points: field.weight, note: "Answered on paper" });
      expect(response.status).toBe(200);
      // Part 2 is worth 10 points; the field adds weight / maxScore of it.
      const expected = Math.round((10 + (10 * field.weight) / graded.maxScore) * 1000) / 1000;
      expect((await json(response)).score).toBe(expected);
      const entries = await getDb().scoreLedgerEntry.findMany({ where: { attemptId: ids.second! }, orderBy: { at: "asc" } });
      expect(entries.map((e) => e.kind)).toEqual(["graded", "adjusted"]);
      expect(entries[1]).toMatchObject({ slot: "z1q0", field: field.id, oldScore: 0, newScore: field.weight, note: "Answered on paper", actorId: fx.assistant.id });
      expect((await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: ids.second! } })).score).toBe(expected);
    });

    test("a new total stands; a later field credit brings the computed total back", async () => {
      actAs(userActor(fx.instructor));
      const total = await post(ids.second!, { scope: "attempt", score: 18, note: "Regraded by hand after review" });
      expect([total.status, (await json(total)).score]).toEqual([200, 18]);
      const s0 = await cellOf(QUERY, fx.students[0]!.email);
      // Best of 100 % and 90 % is still the first attempt; the adjusted mark follows the counted attempt.
      expect([s0!.percent, s0!.marks.adjusted]).toEqual([100, false]);
      const withLast = await cellOf({ ...QUERY, status: "adjusted" }, fx.students[0]!.email);
      expect(withLast).toBeUndefined();
      const ledger = await getDb().scoreLedgerEntry.findMany({ where: { attemptId: ids.second!, kind: "adjusted" }, orderBy: [{ at: "asc" }, { id: "asc" }] });
      expect(ledger.at(-1)).toMatchObject({ slot: null, field: null, newScore: 18, note: "Regraded by hand after review", actorId: fx.instructor.id });
      // Taking the field credit back: the total follows the questions again (part 1 right, part 2 blank: 10 points).
      const q = (await getDb().attemptQuestion.findFirstOrThrow({ where: { attemptId: ids.second!, slot: "z1q0" } }));
      const field = (await gradeQuestion(q, undefined)).fields[0]!;
      const back = await post(ids.second!, { scope: "field", slot: "z1q0", field: field.id, points: 0, note: "Paper answer was for another question" });
      expect([back.status, (await json(back)).score]).toEqual([200, 10]);
      expect(await getDb().scoreLedgerEntry.count({ where: { attemptId: ids.second!, kind: "adjusted" } })).toBe(3);
    });

    test("adjusting the counted attempt marks the gradebook cell", async () => {
      actAs(userActor(fx.instructor));
      expect((await post(ids.late!, { scope: "attempt", score: 15, note: "Late for a documented reason" })).status).toBe(200);
      const s1 = await cellOf({ ...QUERY, status: "adjusted" }, fx.students[1]!.email);
      expect([s1!.percent, s1!.marks.adjusted]).toEqual([75, true]);
    });
  });

  describe("what the student sees (studentScore)", () => {
    test("score released after submit: the adjusted score with the instructor's note", async () => {
      const seen = await studentScore(ids.late!, T0 + 400 * MINUTE);
      expect(seen).toMatchObject({ visible: true, score: 15, maxScore: 20, percent: 75, late: true, adjusted: true });
      expect(seen!.visible && seen!.notes.map((n) => [n.scope, n.note])).toEqual([["attempt", "Late for a documented reason"]]);
    });

    test("a field adjustment names the question, never the field", async () => {
      const seen = await studentScore(ids.second!, T0 + 400 * MINUTE);
      expect(seen!.visible && seen!.notes.map((n) => [n.scope, n.question])).toEqual([["question", 2], ["attempt", null], ["question", 2]]);
      expect(JSON.stringify(seen)).not.toMatch(/"field"|z1q0/);
    });

    test.each([
      ["the score part at a date still to come: hidden, with when", { date: "2030-01-01T00:00:00Z" }, Date.parse("2030-01-01T00:00:00Z")],
      ["never: hidden, no date", "never", null],
    ] as const)("%s", async (_label, moment, from) => {
      const definition = { ...HOMEWORK, feedback: { ...HOMEWORK.feedback, score: moment } };
      await getDb().assessment.update({ where: { id: fx.assessmentId }, data: { definition } });
      const seen = await studentScore(ids.late!, T0 + 400 * MINUTE);
      await getDb().assessment.update({ where: { id: fx.assessmentId }, data: { definition: HOMEWORK } });
      expect(seen).toEqual({ visible: false, graded: true, from });
    });

    test("an attempt in progress: not graded, nothing shown", async () => {
      expect(await studentScore(ids.running!, T0 + 5 * MINUTE)).toMatchObject({ visible: false, graded: false });
    });
  });

  test("the attempt detail: hop by hop with expected values and reasons, time per question, events, the ledger", async () => {
    const detail = (await loadAttemptDetail(ids.second!, T0 + 400 * MINUTE))!;
    expect(detail.questions.map((q) => [q.slot, q.earned, q.points])).toEqual([["z0q0", 10, 10], ["z1q0", 0, 10]]);
    const fields = (slot: string) => detail.questions.find((q) => q.slot === slot)!.flows!.flatMap((f) => f.hops.flatMap((h) => h.fields));
    expect(fields("z0q0").length).toBeGreaterThan(0);
    for (const f of fields("z0q0")) {
      expect(f.status).toMatch(/correct|accepted-alternative/);
      expect(f.reason.length).toBeGreaterThan(10);
    }
    const blank = fields("z1q0");
    expect(blank.every((f) => f.status === "unanswered" && f.expected.length > 0)).toBe(true);
    expect(blank[0]!.adjustedPoints).toBe(0);
    expect(detail.questions[0]!.flows!.every((f) => f.hops.every((h) => h.title.length > 0))).toBe(true);
    // Started at T0 + 20 min, saved (part 1 only) a minute later, submitted at T0 + 30 min.
    expect([detail.totalTimeMs, detail.questions[0]!.timeSpentMs, detail.questions[1]!.timeSpentMs]).toEqual([10 * MINUTE, MINUTE, 0]);
    expect(detail.events.map((e) => e.type)).toEqual(["started", "saved", "submitted"]);
    expect(detail.ledger.map((e) => e.kind)).toEqual(["graded", "adjusted", "adjusted", "adjusted"]);
    expect(detail.ledger[0]!.actor).toBe("automatic grading");
    expect(detail.ledger[1]!.actor).toBe(fx.assistant.name);
    expect(detail.adjusted).toBe(true);
  });

  test("correct answers helper sanity: every question graded full on the first attempt", async () => {
    const answers = await correctAnswers(ids.first!);
    expect(Object.keys(answers).sort()).toEqual(["z0q0", "z1q0"]);
  });
});
