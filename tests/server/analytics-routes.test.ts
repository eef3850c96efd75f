/**
 * The analytics routes' refusals and answers on SQLite and PostgreSQL: exports for staff who may
 * grade (instructor, assistant), the regrade for instructors only; a student of the course gets
 * 403, anyone outside it 404, nobody signed in 401; bad input 422, never a 500.
 */
import { beforeAll, expect, test, vi } from "vitest";
import { GET as exportFile } from "@/app/api/v1/courses/[courseId]/exports/[file]/route";
import { POST as importArchive } from "@/app/api/v1/courses/import/route";
import { POST as regrade } from "@/app/api/v1/assessments/[assessmentId]/regrade/route";
import { getDb } from "@/lib/server/db";
import { call } from "./support/api-client";
import { actAs, ANONYMOUS, userActor } from "./support/mock-actor";
import { type AnalyticsClass, seedAnalyticsClass } from "./support/analytics-class";
import { describeEachDatabase } from "./support/test-database";

vi.mock("@/lib/server/auth/actor", () => import("./support/mock-actor"));

describeEachDatabase("analytics routes", () => {
  let cls: AnalyticsClass;
  type Who = "instructor" | "assistant" | "student" | "outsider" | "anonymous";
  const as = (who: Who) => {
    const fx = cls.fixture;
    // The fixture's instructor has the site role that may create courses (seedClass makes it so).
    actAs(who === "anonymous" ? ANONYMOUS : userActor(who === "student" ? fx.students[0]! : who === "instructor" ? { ...fx.instructor, role: "instructor" } : fx[who]));
  };
  beforeAll(async () => {
    cls = await seedAnalyticsClass({ profiles: ["all-right", "nothing"] });
  });

  test.each<[Who, number]>([
    ["instructor", 200],
    ["assistant", 200],
    ["student", 403],
    ["outsider", 404],
    ["anonymous", 401],
  ])("gradebook.csv as %s: %i", async (who, status) => {
    as(who);
    const response = await call(exportFile, "GET", "/x", { params: { courseId: cls.courseId, file: "gradebook.csv" } });
    expect(response.status).toBe(status);
    if (status === 200) {
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="gradebook-/);
      expect((await response.text()).split("\r\n").filter(Boolean)).toHaveLength(3);
    }
  });

  test.each([
    ["an unknown file", cls_ => ({ courseId: cls_.courseId, file: "secrets.csv" }), 404],
    ["another course", cls_ => ({ courseId: cls_.fixture.otherCourseId, file: "gradebook.csv" }), 404],
    ["no such course", () => ({ courseId: "nope", file: "gradebook.csv" }), 404],
  ] as [string, (c: AnalyticsClass) => Record<string, string>, number][])("exports, instructor, %s: %i", async (_label, params, status) => {
    as("instructor");
    expect((await call(exportFile, "GET", "/x", { params: params(cls) })).status).toBe(status);
  });

  test.each<[Who, number]>([
    ["instructor", 200],
    ["assistant", 403],
    ["student", 403],
    ["outsider", 404],
    ["anonymous", 401],
  ])("course.json (with secrets and seeds) as %s: %i", async (who, status) => {
    as(who);
    const response = await call(exportFile, "GET", "/x", { params: { courseId: cls.courseId, file: "course.json" } });
    expect(response.status).toBe(status);
    if (status === 200) expect((await response.json()).course.id).toBe(cls.courseId);
  });

  test.each([
    ["a learner may not create courses", "outsider", "{}", 403],
    ["nobody signed in", "anonymous", "{}", 401],
    ["not JSON", "instructor", "{", 422],
    ["not an archive", "instructor", "{\"format\":\"x\"}", 422],
  ] as [string, Who, string, number][])("import: %s", async (_label, who, raw, status) => {
    as(who);
    expect((await call(importArchive, "POST", "/x", { raw })).status).toBe(status);
  });

  test("import of a course this database already holds: 409", async () => {
    as("instructor");
    const archive = await (await call(exportFile, "GET", "/x", { params: { courseId: cls.courseId, file: "course.json" } })).text();
    expect((await call(importArchive, "POST", "/x", { raw: archive })).status).toBe(409);
  });

  const body = { target: "original", reason: "checking the original content", allowLower: false };

  test.each<[Who, number]>([
    ["assistant", 403],
    ["student", 403],
    ["outsider", 404],
    ["anonymous", 401],
  ])("regrade as %s: %i, nothing written", async (who, status) => {
    as(who);
    const before = await getDb().scoreLedgerEntry.count();
    const response = await call(regrade, "POST", "/x", { params: { assessmentId: cls.assessmentId }, body });
    expect(response.status).toBe(status);
    expect(await getDb().scoreLedgerEntry.count()).toBe(before);
  });

  test.each([
    ["no reason", { target: "current" }],
    ["an unknown target", { ...body, target: "tomorrow" }],
    ["an unknown key", { ...body, extra: 1 }],
  ])("regrade with %s: 422", async (_label, bad) => {
    as("instructor");
    expect((await call(regrade, "POST", "/x", { params: { assessmentId: cls.assessmentId }, body: bad })).status).toBe(422);
  });

  test("regrade with a reason holding half a character (a lone surrogate): 400, nothing written", async () => {
    as("instructor");
    const before = await getDb().scoreLedgerEntry.count();
    expect((await call(regrade, "POST", "/x", { params: { assessmentId: cls.assessmentId }, body: { ...body, reason: "typo fix \uD800" } })).status).toBe(400);
    expect(await getDb().scoreLedgerEntry.count()).toBe(before);
  });

  test("regrade of an unknown assessment: 404", async () => {
    as("instructor");
    expect((await call(regrade, "POST", "/x", { params: { assessmentId: "nope" }, body })).status).toBe(404);
  });

  test("the instructor regrades against the original content: every score unchanged", async () => {
    as("instructor");
    const response = await call(regrade, "POST", "/x", { params: { assessmentId: cls.assessmentId }, body });
    expect(response.status).toBe(200);
    const { applied } = await response.json();
    expect(applied.map((a: { verdict: string }) => a.verdict)).toEqual(["unchanged", "unchanged"]);
  });

  test("the regrade form redirects back to the page with the outcome", async () => {
    as("instructor");
    const form = new URLSearchParams({ target: "original", reason: "checking", scope: "all" }).toString();
    const response = await call(regrade, "POST", "/x", { params: { assessmentId: cls.assessmentId }, raw: form, contentType: "application/x-www-form-urlencoded" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/teach/courses/${cls.courseId}/assessments/${cls.assessmentId}/regrade?changed=0&kept=0`);
  });
});
