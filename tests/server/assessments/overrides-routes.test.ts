/**
 * Per-student overrides: who may set them, what checkOverride refuses, the audit trail of every
 * change, and the effective-rules view that says for each value where it came from (assessment,
 * override with its reason, course time factor).
 */
import { beforeAll, expect, test, vi } from "vitest";
import { getDb } from "@/lib/server/db";
import { actAs } from "../support/mock-actor";
import { type CourseFixture, examDefinition, jsonRequest, newCourse, params } from "../support/builder-fixture";
import { describeEachDatabase } from "../support/test-database";

vi.mock("@/lib/server/auth/actor", () => import("../support/mock-actor"));

const collection = await import("@/app/api/v1/courses/[courseId]/assessments/route");
const overrides = await import("@/app/api/v1/assessments/[assessmentId]/overrides/route");
const single = await import("@/app/api/v1/assessments/[assessmentId]/overrides/[overrideId]/route");
const effective = await import("@/app/api/v1/assessments/[assessmentId]/effective-rules/route");

describeEachDatabase("assessment overrides", () => {
  let course: CourseFixture;
  let other: CourseFixture;
  let assessmentId: string;
  beforeAll(async () => {
    course = await newCourse(3, 1.5);
    other = await newCourse(1);
    actAs(course.instructor);
    const created = await collection.POST(jsonRequest("POST", "/", { definition: examDefinition() }), params({ courseId: course.courseId }));
    assessmentId = (await created.json()).assessment.id;
  });

  const post = (body: unknown) => overrides.POST(jsonRequest("POST", "/", body), params({ assessmentId }));
  const rulesOf = async (student: string) => effective.GET(jsonRequest("GET", `/x?student=${student}`), params({ assessmentId }));

  test.each<[string, () => Record<string, unknown>, string]>([
    ["no reason", () => ({ studentId: course.students[1]!.id, attempts: 2 }), "reason"],
    ["closing before it opens", () => ({ studentId: course.students[1]!.id, reason: "travel", close: "2027-01-15T08:00:00Z" }), "close"],
    ["a late date before the close", () => ({ studentId: course.students[1]!.id, reason: "x", close: "2027-01-16T11:00:00Z", lateUntil: "2027-01-16T10:00:00Z" }), "lateUntil"],
    ["a date without a zone", () => ({ studentId: course.students[1]!.id, reason: "x", close: "2027-01-16 11:00" }), "close"],
    ["a student of another course", () => ({ studentId: other.students[0]!.id, reason: "x", attempts: 2 }), "studentId"],
    ["nothing changed", () => ({ studentId: course.students[1]!.id, reason: "x" }), "(top level)"],
  ])("an override with %s is refused with 422 naming the field", async (_label, body, path) => {
    actAs(course.instructor);
    const response = await post(body());
    expect(response.status).toBe(422);
    expect((await response.json()).error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  test.each([
    ["an assistant", () => course.assistant, 403],
    ["another course's instructor", () => other.instructor, 404],
  ])("%s cannot set an override", async (_label, who, status) => {
    actAs(who());
    expect((await post({ studentId: course.students[2]!.id, reason: "x", attempts: 3 })).status).toBe(status);
    expect(await getDb().assessmentOverride.count({ where: { assessmentId, userId: course.students[2]!.id } })).toBe(0);
  });

  test("an override is created, replaced and deleted, each change audited with its reason", async () => {
    actAs(course.instructor);
    const student = course.students[1]!.id;
    const first = await post({ studentId: student, reason: "medical note", close: "2027-01-16T11:00:00Z" });
    expect(first.status).toBe(201);
    const { override } = await first.json();
    const second = await post({ studentId: student, reason: "medical note, extended", close: "2027-01-17T11:00:00Z", timeLimitMinutes: 90 });
    expect(second.status).toBe(200);
    expect((await second.json()).override.id).toBe(override.id);
    const listed = await overrides.GET(jsonRequest("GET", "/"), params({ assessmentId }));
    expect((await listed.json()).overrides).toEqual([expect.objectContaining({ id: override.id, studentId: student, close: "2027-01-17T11:00:00Z", timeLimitMinutes: 90, reason: "medical note, extended" })]);
    const noReason = await single.DELETE(jsonRequest("DELETE", `/x`), params({ assessmentId, overrideId: override.id }));
    expect(noReason.status).toBe(422);
    const gone = await single.DELETE(jsonRequest("DELETE", `/x?reason=recovered`), params({ assessmentId, overrideId: override.id }));
    expect(gone.status).toBe(204);
    const audit = await getDb().auditEntry.findMany({ where: { assessmentId, action: { startsWith: "override." } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.reason, a.actorId])).toEqual([
      ["override.create", "medical note", course.instructor.kind === "user" ? course.instructor.userId : ""],
      ["override.update", "medical note, extended", course.instructor.kind === "user" ? course.instructor.userId : ""],
      ["override.delete", "recovered", course.instructor.kind === "user" ? course.instructor.userId : ""],
    ]);
  });

  test("an override of another assessment cannot be deleted through this one", async () => {
    actAs(course.instructor);
    const created = await collection.POST(jsonRequest("POST", "/", { definition: examDefinition("other-exam") }), params({ courseId: course.courseId }));
    const otherId = (await created.json()).assessment.id;
    const made = await overrides.POST(jsonRequest("POST", "/", { studentId: course.students[2]!.id, reason: "x", attempts: 1, timeLimitMinutes: 70 }), params({ assessmentId: otherId }));
    const { override } = await made.json();
    expect((await single.DELETE(jsonRequest("DELETE", "/x?reason=y"), params({ assessmentId, overrideId: override.id }))).status).toBe(404);
  });

  test("the effective rules say each value and why: override, time factor, assessment default", async () => {
    actAs(course.instructor);
    const student = course.students[0]!.id; // time factor 1.5
    await post({ studentId: student, reason: "exam clash", release: "2027-01-15T13:00:00Z", close: "2027-01-15T15:00:00Z", passwordWaived: true });
    const response = await rulesOf(student);
    expect(response.status).toBe(200);
    const lines = new Map(((await response.json()).rules.lines as { rule: string; value: string; why: string[] }[]).map((l) => [l.rule, l]));
    expect(lines.get("Opens")).toMatchObject({ value: "2027-01-15T13:00:00Z", why: [expect.stringMatching(/^override .*\(exam clash\)$/)] });
    expect(lines.get("Time limit")).toMatchObject({ value: "90 minutes", why: ["assessment default", "course time factor 1.5"] });
    expect(lines.get("Attempts")).toMatchObject({ value: "1", why: ["assessment default"] });
    expect(lines.get("Password")).toMatchObject({ value: "not required" });
    expect((await rulesOf(other.students[0]!.id)).status).toBe(404);
    actAs(other.instructor);
    expect((await rulesOf(student)).status).toBe(404);
  });
});
