/**
 * Preview and check before publishing: the preview draws what the real draw draws and sends the
 * sheets as students see them (no expected value, no seed, no secret); the check builds and
 * simulates every alternative for a sweep of seeds, names failures, and refuses people who may not edit.
 */
import { beforeAll, expect, test, vi } from "vitest";
import { drawQuestions } from "@/lib/assessment";
import { answerKeyFor, getScenario } from "@/lib/server/catalogue";
import { checkAlternative, sweepSeed } from "@/lib/server/assessments/check-sweep";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { getDb } from "@/lib/server/db";
import { contextOf, distinctiveValues, leaks, strings } from "../../helpers/leaks";
import { actAs } from "../support/mock-actor";
import { type CourseFixture, examDefinition, jsonRequest, newCourse, params } from "../support/builder-fixture";
import { describeEachDatabase } from "../support/test-database";

vi.mock("@/lib/server/auth/actor", () => import("../support/mock-actor"));

const collection = await import("@/app/api/v1/courses/[courseId]/assessments/route");
const preview = await import("@/app/api/v1/assessments/[assessmentId]/preview/route");
const check = await import("@/app/api/v1/assessments/[assessmentId]/check/route");

describeEachDatabase("assessment preview and check", () => {
  let course: CourseFixture;
  let other: CourseFixture;
  let assessmentId: string;
  beforeAll(async () => {
    course = await newCourse(2);
    other = await newCourse(1);
    actAs(course.instructor);
    const created = await collection.POST(jsonRequest("POST", "/", { definition: examDefinition() }), params({ courseId: course.courseId }));
    assessmentId = (await created.json()).assessment.id;
  });

  const ask = (students: string[]) => preview.POST(jsonRequest("POST", "/", { students }), params({ assessmentId }));

  test("each student gets what the real draw gives them, and their sheets leak no expected value, seed or secret", async () => {
    actAs(course.instructor);
    const who = [course.students[0]!.id, course.students[1]!.id, "student 1", "student 2"];
    const response = await ask(who);
    expect(response.status).toBe(200);
    const body = await response.json();
    const stored = (await getAssessment(assessmentId))!;
    const text = JSON.stringify(body);
    let scanned = 0;
    expect(text).not.toContain(stored.secret);
    for (const [i, student] of (body.students as { student: string; questions: { slot: string; scenarioId: string; sheet: unknown; diagram: { nodes: [] } }[] }[]).entries()) {
      expect(student.student).toBe(who[i]);
      const drawn = drawQuestions(stored.definition, { secret: stored.secret, studentId: who[i]!, attemptNumber: 1 });
      expect(student.questions.map((q) => [q.slot, q.scenarioId])).toEqual(drawn.map((q) => [q.slot, q.scenarioId]));
      for (const [n, q] of student.questions.entries()) {
        const d = drawn[n]!;
        const found = getScenario(d.scenarioId)!;
        const key = answerKeyFor(found.scenario, found.contentHash, d.seed, d.difficulty);
        const sheet = q.sheet as Parameters<typeof contextOf>[0]["sheet"];
        scanned += key.blanks.flatMap((b) => distinctiveValues(b)).length;
        expect(leaks(q, key.blanks, contextOf({ sheet }, q.diagram))).toEqual([]);
        expect(strings(q)).not.toContain(String(d.seed));
        expect(Object.keys(q.sheet as object)).not.toContain("seed");
      }
    }
    // The scan looked for real values: a sheet carrying its key would have failed it.
    expect(scanned).toBeGreaterThan(10);
  });

  test.each([
    ["a student of another course", () => [other.students[0]!.id]],
    ["a made-up label", () => ["student 42"]],
    ["too many students", () => ["student 1", "student 2", "student 3", "student 4", "student 5", "student 6"]],
  ])("preview refuses %s with 422", async (_label, students) => {
    actAs(course.instructor);
    expect((await ask(students())).status).toBe(422);
  });

  test.each([
    ["an assistant", () => course.assistant, 403],
    ["another course's instructor", () => other.instructor, 404],
  ])("%s may neither preview nor check", async (_label, who, status) => {
    actAs(who());
    expect((await ask(["student 1"])).status).toBe(status);
    expect((await check.POST(jsonRequest("POST", "/", { zone: 0, alternative: 0 }), params({ assessmentId }))).status).toBe(status);
  });

  test("the check runs one alternative for 20 seeds in the assessment range and passes", async () => {
    actAs(course.instructor);
    const response = await check.POST(jsonRequest("POST", "/", { zone: 1, alternative: 0 }), params({ assessmentId }));
    expect(response.status).toBe(200);
    const { result } = await response.json();
    expect(result).toMatchObject({ zone: 1, alternative: 0, scenarioId: "browser-to-google", seedsChecked: 20, seedsPlanned: 20, failures: [], passed: true });
    expect((await check.POST(jsonRequest("POST", "/", { zone: 5, alternative: 0 }), params({ assessmentId }))).status).toBe(422);
  });

  test("sweep seeds are reproducible, distinct and never public seeds", () => {
    const seeds = Array.from({ length: 20 }, (_, n) => sweepSeed("s".repeat(43), "midterm", 0, 0, n));
    expect(new Set(seeds).size).toBe(20);
    expect(seeds.every((s) => s >= 10_000)).toBe(true);
    expect(sweepSeed("s".repeat(43), "midterm", 0, 0, 3)).toBe(seeds[3]);
  });

  test.each([
    ["a scenario that left the catalogue", { scenario: "gone-scenario", difficulty: "beginner" as const, points: 1 }, /not in the catalogue/],
  ])("a failing alternative is reported, not thrown: %s", async (_label, alternative, message) => {
    const stored = (await getAssessment(assessmentId))!;
    const broken = { ...stored, definition: { ...stored.definition, zones: [{ title: "Z", choose: 1, alternatives: [alternative] }] } };
    const result = checkAlternative(broken, 0, 0)!;
    expect(result.passed).toBe(false);
    expect(result.failures[0]).toMatch(message);
  });

  test("a sweep over its time budget stops and does not pass", async () => {
    const stored = (await getAssessment(assessmentId))!;
    let clock = 0;
    const result = checkAlternative(stored, 1, 0, { budgetMs: 5, now: () => (clock += 3) })!;
    expect(result.passed).toBe(false);
    expect(result.seedsChecked).toBeLessThan(20);
    expect(result.failures.at(-1)).toMatch(/budget/);
  });

  test("the database still holds the draft unchanged (preview and check write nothing)", async () => {
    expect(await getDb().assessmentAttempt.count({ where: { assessmentId } })).toBe(0);
  });
});
