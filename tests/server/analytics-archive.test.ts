/**
 * The JSON course archive round trip on SQLite and PostgreSQL: a graded (and regraded) class is
 * exported, imported into a second, empty database, and exported again: the two archives are equal,
 * and the imported attempts still regrade against their frozen content to the same scores.
 */
import { afterAll, expect, test } from "vitest";
import { exportCourse, importCourse, type CourseArchive } from "@/lib/server/analytics/course-archive";
import { planRegrade } from "@/lib/server/analytics/regrade";
import { resetFrozenContentForTests } from "@/lib/server/assessments/content";
import { setDbForTests } from "@/lib/server/db";
import { type AnalyticsClass, seedAnalyticsClass } from "./support/analytics-class";
import { createPostgresTestDatabase, createSqliteTestDatabase, describeEachDatabase, TEST_POSTGRES_URL, type TestDatabase } from "./support/test-database";

describeEachDatabase("course archive", (current) => {
  let cls: AnalyticsClass;
  let archive: CourseArchive;
  let second: TestDatabase | undefined;
  afterAll(async () => {
    setDbForTests(current().db);
    await second?.drop();
  });

  test("export a graded class", async () => {
    cls = await seedAnalyticsClass({ profiles: ["all-right", "outcome-blank", "nothing"] });
    archive = JSON.parse(JSON.stringify(await exportCourse(cls.courseId)));
    expect(archive.attempts).toHaveLength(3);
    expect(archive.members.map((m) => m.role).sort()).toEqual(["assistant", "instructor", "student", "student", "student"]);
    expect(archive.scenarioContent.length).toBeGreaterThan(0);
    expect(archive.attempts.every((a) => a.events.length >= 3 && a.ledger.length === 1 && a.questions.length === 1)).toBe(true);
  });

  test("an unknown course exports nothing", async () => {
    expect(await exportCourse("nope")).toBeNull();
  });

  test("import into an empty database, then export again: the same archive", async () => {
    second = current().provider === "postgres" ? await createPostgresTestDatabase(TEST_POSTGRES_URL!) : await createSqliteTestDatabase();
    setDbForTests(second.db);
    resetFrozenContentForTests();
    expect(await importCourse(archive)).toEqual({ ok: true, courseId: cls.courseId });
    expect(JSON.parse(JSON.stringify(await exportCourse(cls.courseId)))).toEqual(archive);
  });

  test("the imported attempts regrade against their frozen content to the same scores", async () => {
    const plan = (await planRegrade(cls.assessmentId, "original"))!;
    expect(plan.attempts.map((a) => [a.problem, a.newScore === a.oldScore])).toEqual([[null, true], [null, true], [null, true]]);
  });

  test.each([
    ["the same course again", (a: CourseArchive) => a, "exists"],
    ["another format", (a: CourseArchive) => ({ ...a, format: "other/1" }), "invalid"],
    ["a member with an unknown role", (a: CourseArchive) => ({ ...a, course: { ...a.course, id: "x2", joinCode: "x2" }, members: [{ ...a.members[0]!, role: "owner" }] }), "invalid"],
    ["not an object", () => "hello", "invalid"],
  ])("refuses %s", async (_label, make, reason) => {
    const result = await importCourse(make(archive));
    expect(result.ok ? "ok" : result.reason).toBe(reason);
  });
});
