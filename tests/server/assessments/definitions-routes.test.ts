/**
 * The builder's routes for drafts: who may create, edit, export and delete, and what is refused:
 * an assistant editing (403), another course's instructor or a student (404), an invalid definition
 * (422 with its issues), a YAML file with errors (422 with line numbers), any change after publication (409).
 */
import { beforeAll, describe, expect, test, vi } from "vitest";
import { loadAssessmentText, type AssessmentDefinition } from "@/lib/assessment";
import { getDb } from "@/lib/server/db";
import { actAs, ANONYMOUS } from "../support/mock-actor";
import { type CourseFixture, examDefinition, jsonRequest, newCourse, params } from "../support/builder-fixture";
import { describeEachDatabase } from "../support/test-database";

vi.mock("@/lib/server/auth/actor", () => import("../support/mock-actor"));

/** Set to a scenario id to make every build of it throw, as a broken scenario would in the check. */
const breaking = vi.hoisted(() => ({ scenario: null as string | null }));
vi.mock("@/lib/grader", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/grader")>();
  return {
    ...real,
    buildAnswerKey: (...args: Parameters<typeof real.buildAnswerKey>) => {
      if (args[0].id === breaking.scenario) throw new Error("the simulation dropped the packet: NO_ROUTE");
      return real.buildAnswerKey(...args);
    },
  };
});

const collection = await import("@/app/api/v1/courses/[courseId]/assessments/route");
const single = await import("@/app/api/v1/assessments/[assessmentId]/route");
const yaml = await import("@/app/api/v1/assessments/[assessmentId]/yaml/route");
const publish = await import("@/app/api/v1/assessments/[assessmentId]/publish/route");
const publishNow = (assessmentId: string) => publish.POST(jsonRequest("POST", "/", {}), params({ assessmentId }));

async function create(courseId: string, body: unknown) {
  return collection.POST(jsonRequest("POST", `/api/v1/courses/${courseId}/assessments`, body), params({ courseId }));
}
async function save(assessmentId: string, body: unknown) {
  return single.PUT(jsonRequest("PUT", `/api/v1/assessments/${assessmentId}`, body), params({ assessmentId }));
}

describeEachDatabase("assessment drafts", () => {
  let course: CourseFixture;
  let other: CourseFixture;
  beforeAll(async () => {
    course = await newCourse();
    other = await newCourse();
  });

  async function draft(def: AssessmentDefinition = examDefinition(`d-${Math.random().toString(36).slice(2, 8)}`)) {
    actAs(course.instructor);
    const response = await create(course.courseId, { definition: def });
    expect(response.status).toBe(201);
    return (await response.json()).assessment as { id: string; definition: AssessmentDefinition; hasPassword: boolean };
  }

  test("an instructor creates a draft: it gets a random secret of at least 32 characters, never sent back", async () => {
    const created = await draft();
    const row = await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.status).toBe("draft");
    expect(row.secret.length).toBeGreaterThanOrEqual(32);
    const again = await draft();
    expect((await getDb().assessment.findUniqueOrThrow({ where: { id: again.id } })).secret).not.toBe(row.secret);
    const read = await single.GET(jsonRequest("GET", `/api/v1/assessments/${created.id}`), params({ assessmentId: created.id }));
    expect(JSON.stringify(await read.json())).not.toContain(row.secret);
  });

  test.each([
    ["an assistant", () => course.assistant, 403],
    ["a student of the course", () => ({ kind: "user" as const, userId: course.students[0]!.id, email: course.students[0]!.email, name: null, siteRole: "learner" as const }), 403],
    ["the instructor of another course", () => other.instructor, 404],
    ["someone signed out", () => ANONYMOUS, 401],
  ])("%s cannot create a draft (%s)", async (_label, who, status) => {
    actAs(who());
    const response = await create(course.courseId, { definition: examDefinition("not-allowed") });
    expect(response.status).toBe(status);
    expect(await getDb().assessment.count({ where: { courseId: course.courseId, slug: "not-allowed" } })).toBe(0);
  });

  test.each([
    ["an assistant", () => course.assistant, 403],
    ["the instructor of another course", () => other.instructor, 404],
  ])("%s cannot edit or delete a draft", async (_label, who, status) => {
    const created = await draft();
    actAs(who());
    expect((await save(created.id, { definition: { ...created.definition, title: "Changed" } })).status).toBe(status);
    expect((await single.DELETE(jsonRequest("DELETE", "/"), params({ assessmentId: created.id }))).status).toBe(status);
    expect((await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } })).title).toBe("Midterm");
  });

  test.each<[string, (d: AssessmentDefinition) => unknown, string]>([
    ["a zone choosing more than it has", (d) => ({ ...d, zones: [{ ...d.zones[0]!, choose: 3 }] }), "zones[0].choose"],
    ["an unknown scenario", (d) => ({ ...d, zones: [{ ...d.zones[0]!, alternatives: [{ scenario: "no-such-scenario", difficulty: "beginner", points: 5 }] }] }), "zones[0].alternatives[0].scenario"],
    ["an exam without a time limit", (d) => ({ ...d, access: { ...d.access, timeLimitMinutes: undefined } }), "access.timeLimitMinutes"],
    ["an unknown key", (d) => ({ ...d, colour: "blue" }), "(top level)"],
  ])("an invalid definition is refused with 422 and its issues: %s", async (_label, change, path) => {
    const created = await draft();
    actAs(course.instructor);
    const response = await save(created.id, { definition: change(created.definition), password: "clear" });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_definition");
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  test("saving replaces the definition; a password is hashed on the server and neither stored nor echoed as text", async () => {
    const created = await draft();
    actAs(course.instructor);
    const response = await save(created.id, { definition: { ...created.definition, title: "Midterm (v2)" }, password: { set: "open sesame 42" } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("open sesame 42");
    expect(text).not.toContain("scrypt$");
    expect(JSON.parse(text).assessment.hasPassword).toBe(true);
    const row = await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.title).toBe("Midterm (v2)");
    expect(JSON.stringify(row.definition)).not.toContain("open sesame 42");
    expect((row.definition as { access: { passwordHash: string } }).access.passwordHash).toMatch(/^scrypt\$/);
    // Saving again without a password change keeps the hash the builder never saw.
    expect((await save(created.id, { definition: { ...created.definition, title: "v3" } })).status).toBe(200);
    const kept = await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } });
    expect((kept.definition as { access: { passwordHash?: string } }).access.passwordHash).toBe((row.definition as { access: { passwordHash: string } }).access.passwordHash);
    expect((await save(created.id, { definition: created.definition, password: "clear" })).status).toBe(200);
    const cleared = await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } });
    expect((cleared.definition as { access: { passwordHash?: string } }).access.passwordHash).toBeUndefined();
  });

  test("a definition carrying a password instead of a hash is refused; one sent to the save route is ignored", async () => {
    actAs(course.instructor);
    const plain = { ...examDefinition("plain-password"), access: { ...examDefinition().access, passwordHash: "hunter2" } };
    const refused = await create(course.courseId, { definition: plain });
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.issues.map((i: { path: string }) => i.path)).toContain("access.passwordHash");
    const created = await draft();
    expect((await save(created.id, { definition: { ...created.definition, access: { ...created.definition.access, passwordHash: "scrypt$forgedforgedforged" } } })).status).toBe(200);
    const row = await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } });
    expect((row.definition as { access: { passwordHash?: string } }).access.passwordHash).toBeUndefined();
  });

  test("an id already used in the course is refused with 409", async () => {
    await draft(examDefinition("same-id"));
    actAs(course.instructor);
    const response = await create(course.courseId, { definition: examDefinition("same-id") });
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("id_taken");
  });

  test.each([
    ["an assistant", () => course.assistant, 403],
    ["the instructor of another course", () => other.instructor, 404],
  ])("%s cannot publish", async (_label, who, status) => {
    const created = await draft();
    actAs(who());
    expect((await publishNow(created.id)).status).toBe(status);
    expect((await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("draft");
  });

  test("publishing is refused while the check fails, naming the alternative and its failures", async () => {
    const created = await draft();
    actAs(course.instructor);
    breaking.scenario = "browser-to-google";
    try {
      const response = await publishNow(created.id);
      expect(response.status).toBe(422);
      const { error } = await response.json();
      expect(error.code).toBe("check_failed");
      expect(error.issues).toEqual([expect.objectContaining({ path: "zones[1].alternatives[0]", message: expect.stringContaining("NO_ROUTE") })]);
    } finally {
      breaking.scenario = null;
    }
    expect((await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("draft");
  });

  test("a stored draft that no longer validates (a scenario left the catalogue) is refused with 422", async () => {
    const created = await draft();
    const def = { ...created.definition, zones: [{ title: "Z", choose: 1, alternatives: [{ scenario: "retired-scenario", difficulty: "beginner", points: 5 }] }] };
    await getDb().assessment.update({ where: { id: created.id }, data: { definition: def } });
    actAs(course.instructor);
    const response = await publishNow(created.id);
    expect(response.status).toBe(422);
    expect((await response.json()).error.issues.map((i: { path: string }) => i.path)).toContain("zones[0].alternatives[0].scenario");
  });

  test("a published assessment is frozen: edit, delete and a second publish are refused with a reason, the definition stays", async () => {
    const created = await draft();
    actAs(course.instructor);
    const published = await publishNow(created.id);
    expect(published.status).toBe(200);
    expect((await published.json()).assessment.status).toBe("published");
    const row = await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } });
    expect(Object.keys(row.contentHashes as object).sort()).toEqual(["aws-private-subnet-nat", "browser-to-google", "two-offices-same-subnet"]);
    expect((await publishNow(created.id)).status).toBe(409);
    const edit = await save(created.id, { definition: { ...created.definition, title: "Sneaky" } });
    expect(edit.status).toBe(409);
    expect((await edit.json()).error).toMatchObject({ code: "published", message: expect.stringContaining("frozen") });
    expect((await single.DELETE(jsonRequest("DELETE", "/"), params({ assessmentId: created.id }))).status).toBe(409);
    expect((await getDb().assessment.findUniqueOrThrow({ where: { id: created.id } })).title).toBe("Midterm");
  });

  test("a draft can be deleted, and every change is in the audit trail", async () => {
    const created = await draft();
    actAs(course.instructor);
    expect((await save(created.id, { definition: created.definition })).status).toBe(200);
    expect((await single.DELETE(jsonRequest("DELETE", "/"), params({ assessmentId: created.id }))).status).toBe(204);
    expect(await getDb().assessment.findUnique({ where: { id: created.id } })).toBeNull();
    const actions = (await getDb().auditEntry.findMany({ where: { assessmentId: created.id }, orderBy: { at: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["assessment.create", "assessment.edit", "assessment.delete"]);
  });

  test("the list shows the course's assessments to staff only", async () => {
    const created = await draft();
    actAs(course.assistant);
    const list = await collection.GET(jsonRequest("GET", "/"), params({ courseId: course.courseId }));
    expect(list.status).toBe(200);
    expect((await list.json()).assessments.map((a: { id: string }) => a.id)).toContain(created.id);
    actAs(other.instructor);
    expect((await collection.GET(jsonRequest("GET", "/"), params({ courseId: course.courseId }))).status).toBe(404);
  });

  describe("YAML", () => {
    test("export, then import as a new draft: the definitions are equal", async () => {
      const created = await draft(examDefinition("round-trip"));
      actAs(course.instructor);
      const file = await yaml.GET(jsonRequest("GET", "/"), params({ assessmentId: created.id }));
      expect(file.status).toBe(200);
      expect(file.headers.get("content-disposition")).toContain("round-trip.yaml");
      const text = await file.text();
      const imported = await create(course.courseId, { yaml: text.replace("id: round-trip", "id: round-trip-copy") });
      expect(imported.status).toBe(201);
      const copy = (await imported.json()).assessment.definition;
      expect({ ...copy, id: "round-trip" }).toEqual(created.definition);
      const reloaded = loadAssessmentText(text, "x.yaml");
      expect(reloaded.ok && reloaded.definition).toEqual(created.definition);
    });

    test.each([
      ["a wrong type, on its own line", "id: y1\ntitle: T\nkind: exam\nzones:\n  - title: Z\n    choose: many\n", 6, "zones[0].choose"],
      ["an unknown scenario, on the line of its id", "id: y2\ntitle: T\nkind: homework\nzones:\n  - title: Z\n    choose: 1\n    alternatives:\n      - scenario: nope\n        difficulty: beginner\n        points: 1\naccess: {}\n", 8, "zones[0].alternatives[0].scenario"],
      ["a repeated key (broken YAML)", "id: y3\ntitle: T\nid: again\n", 3, "(yaml)"],
      ["an unknown key", "id: y4\ntitle: T\nkind: homework\ncolour: red\n", 4, "(top level)"],
    ])("an import with %s is refused with 422 and line %s", async (_label, text, line, path) => {
      actAs(course.instructor);
      const response = await create(course.courseId, { yaml: text });
      expect(response.status).toBe(422);
      const issues = (await response.json()).error.issues as { path: string; line: number }[];
      expect(issues).toContainEqual(expect.objectContaining({ path, line }));
    });

    test("an assistant cannot export (the file carries the password hash)", async () => {
      const created = await draft();
      actAs(course.assistant);
      expect((await yaml.GET(jsonRequest("GET", "/"), params({ assessmentId: created.id }))).status).toBe(403);
    });
  });
});
