import { describe, expect, test } from "vitest";
import { authorizeCourse } from "@/lib/server/auth/policy";
import type { CourseAction } from "@/lib/server/auth/policies/course";
import {
  addPeopleCommand,
  changeRoleCommand,
  createCourseCommand,
  type FormState,
  regenerateJoinCodeCommand,
  removeMemberCommand,
  renameCourseCommand,
  setJoinOpenCommand,
  setTimeFactorCommand,
} from "@/lib/server/courses/commands";
import { getCourseDetail, listMyCourses, listTaughtCourses } from "@/lib/server/courses/courses";
import { listRoster } from "@/lib/server/courses/roster";
import { getDb } from "@/lib/server/db";
import { account, form, type TestAccount } from "./courses-support";
import { describeEachDatabase } from "./support/test-database";

interface Course {
  readonly id: string;
  readonly joinCode: string;
  readonly instructor: TestAccount;
  readonly assistant: TestAccount;
  readonly student: TestAccount;
}

async function course(label: string): Promise<Course> {
  const instructor = await account(`${label}-instructor`, "instructor");
  const created = await createCourseCommand(instructor.actor, form({ title: `Networks ${label}`, code: "NET-101" }));
  if (created.status !== "ok" || !created.courseId) throw new Error(`could not create a course: ${JSON.stringify(created)}`);
  const courseId = created.courseId;
  const assistant = await account(`${label}-assistant`);
  const student = await account(`${label}-student`);
  await getDb().courseMember.createMany({ data: [{ courseId, userId: assistant.id, role: "assistant" }, { courseId, userId: student.id, role: "student" }] });
  const { joinCode } = await getDb().course.findUniqueOrThrow({ where: { id: courseId } });
  return { id: courseId, joinCode, instructor, assistant, student };
}

function expectRefused(state: FormState | { status: string }, refusal: string) {
  expect(state).toMatchObject({ status: "error", refusal });
}

describeEachDatabase("courses", () => {
  describe("creating a course", () => {
    test.each([
      { label: "a learner", role: "learner" as const, refusal: "forbidden" },
    ])("$label may not create a course ($refusal)", async ({ role, refusal }) => {
      const someone = await account("creator", role);
      expectRefused(await createCourseCommand(someone.actor, form({ title: "Mine", code: "X" })), refusal);
    });

    test("anonymous and guests are asked to sign in", async () => {
      expectRefused(await createCourseCommand({ kind: "anonymous" }, form({ title: "Mine", code: "X" })), "sign_in_required");
      expectRefused(await createCourseCommand({ kind: "guest", guestId: "g1" }, form({ title: "Mine", code: "X" })), "sign_in_required");
    });

    test.each(["instructor", "admin"] as const)("an %s creates a course and becomes its instructor, with an open join code", async (role) => {
      const creator = await account("creator", role);
      const created = await createCourseCommand(creator.actor, form({ title: "  Networks 1 ", code: "NET-1" }));
      expect(created).toMatchObject({ status: "ok" });
      const courseId = created.status === "ok" ? created.courseId! : "";
      const detail = await getCourseDetail(courseId);
      expect(detail).toMatchObject({ title: "Networks 1", code: "NET-1", joinOpen: true, counts: { instructor: 1, assistant: 0, student: 0, invited: 0 } });
      expect(detail?.joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(await listTaughtCourses(creator.id)).toEqual([{ id: courseId, title: "Networks 1", code: "NET-1", role: "instructor" }]);
      const audit = await getDb().auditEntry.findMany({ where: { courseId } });
      expect(audit.map((a) => a.action)).toEqual(["course.create"]);
    });

    test.each([
      { label: "no title", fields: { title: " ", code: "X" }, field: "title" },
      { label: "title too long", fields: { title: "x".repeat(121), code: "X" }, field: "title" },
      { label: "no code", fields: { title: "T" }, field: "code" },
    ])("bad input is a field error: $label", async ({ fields, field }) => {
      const creator = await account("creator", "instructor");
      const state = await createCourseCommand(creator.actor, form(fields));
      expect(state.status).toBe("error");
      expect(state.status === "error" && state.fields?.[field]?.length).toBeGreaterThan(0);
    });
  });

  describe("rights are per course", () => {
    const MANAGE_COMMANDS = [
      { label: "rename", run: renameCourseCommand, fields: { title: "Hijacked", code: "H" } },
      { label: "regenerate the join code", run: regenerateJoinCodeCommand, fields: {} },
      { label: "close joining", run: setJoinOpenCommand, fields: { open: "false" } },
      { label: "add people", run: addPeopleCommand, fields: { emails: "someone@example.com" } },
      { label: "change a role", run: changeRoleCommand, fields: { role: "instructor" }, target: true },
      { label: "set a time factor", run: setTimeFactorCommand, fields: { factor: "1.5", reason: "accommodation" }, target: true },
      { label: "remove a member", run: removeMemberCommand, fields: {}, target: true },
    ];

    test.each(MANAGE_COMMANDS)("the instructor of another course gets not_found: $label", async ({ run, fields, target }) => {
      const a = await course("a");
      const b = await course("b");
      const state = await run(a.instructor.actor, form({ courseId: b.id, ...(target ? { userId: b.student.id } : {}), ...fields }));
      expectRefused(state, "not_found");
      expect((await getCourseDetail(b.id))?.title).toBe("Networks b");
    });

    test.each(MANAGE_COMMANDS)("an assistant is forbidden to $label", async ({ run, fields, target }) => {
      const c = await course("c");
      const state = await run(c.assistant.actor, form({ courseId: c.id, ...(target ? { userId: c.student.id } : {}), ...fields }));
      expectRefused(state, "forbidden");
    });

    test.each(MANAGE_COMMANDS)("a student is forbidden to $label", async ({ run, fields, target }) => {
      const c = await course("c");
      const state = await run(c.student.actor, form({ courseId: c.id, ...(target ? { userId: c.assistant.id } : {}), ...fields }));
      expectRefused(state, "forbidden");
    });

    test("a made-up course id is not_found, never a crash", async () => {
      const c = await course("c");
      for (const courseId of ["nope", "", "../../etc", "x".repeat(500)]) {
        expectRefused(await renameCourseCommand(c.instructor.actor, form({ courseId, title: "T", code: "C" })), "not_found");
      }
    });

    const PAGES: { label: string; action: CourseAction; instructor: string; assistant: string; student: string; outsider: string }[] = [
      { label: "overview, roster, audit (course.view-work)", action: "course.view-work", instructor: "ok", assistant: "ok", student: "forbidden", outsider: "not_found" },
      { label: "roster changes and settings (course.manage)", action: "course.manage", instructor: "ok", assistant: "forbidden", student: "forbidden", outsider: "not_found" },
      { label: "the student's course page (course.view)", action: "course.view", instructor: "ok", assistant: "ok", student: "ok", outsider: "not_found" },
    ];

    test.each(PAGES)("who reaches $label", async ({ action, ...expected }) => {
      const c = await course("pages");
      const other = await course("other");
      const actors = { instructor: c.instructor, assistant: c.assistant, student: c.student, outsider: other.instructor };
      for (const [who, person] of Object.entries(actors)) {
        const decision = await authorizeCourse(person.actor, action, c.id);
        expect({ who, answer: decision.ok ? "ok" : decision.reason }).toEqual({ who, answer: expected[who as keyof typeof actors] });
      }
    });
  });

  describe("settings", () => {
    test("rename and open/close joining are recorded in the audit trail", async () => {
      const c = await course("s");
      expect(await renameCourseCommand(c.instructor.actor, form({ courseId: c.id, title: "Networks II", code: "NET-102" }))).toMatchObject({ status: "ok" });
      expect(await setJoinOpenCommand(c.instructor.actor, form({ courseId: c.id, open: "false" }))).toMatchObject({ status: "ok" });
      expect(await getCourseDetail(c.id)).toMatchObject({ title: "Networks II", code: "NET-102", joinOpen: false });
      const actions = (await getDb().auditEntry.findMany({ where: { courseId: c.id }, orderBy: { at: "asc" } })).map((a) => a.action);
      expect(actions).toEqual(["course.create", "course.rename", "join.close"]);
    });

    test("regenerating gives a different code", async () => {
      const c = await course("s");
      await regenerateJoinCodeCommand(c.instructor.actor, form({ courseId: c.id }));
      expect((await getCourseDetail(c.id))?.joinCode).not.toBe(c.joinCode);
    });
  });

  describe("roles, time factors and removal", () => {
    test("the last instructor can be neither demoted nor removed", async () => {
      const c = await course("last");
      const demote = await changeRoleCommand(c.instructor.actor, form({ courseId: c.id, userId: c.instructor.id, role: "student" }));
      expect(demote).toMatchObject({ status: "error", message: expect.stringContaining("at least one instructor") });
      const remove = await removeMemberCommand(c.instructor.actor, form({ courseId: c.id, userId: c.instructor.id }));
      expect(remove).toMatchObject({ status: "error", message: expect.stringContaining("at least one instructor") });
      expect((await getCourseDetail(c.id))?.counts.instructor).toBe(1);
    });

    test("with a second instructor, the first may step down and then be removed", async () => {
      const c = await course("two");
      expect(await changeRoleCommand(c.instructor.actor, form({ courseId: c.id, userId: c.assistant.id, role: "instructor" }))).toMatchObject({ status: "ok" });
      expect(await changeRoleCommand(c.instructor.actor, form({ courseId: c.id, userId: c.instructor.id, role: "assistant" }))).toMatchObject({ status: "ok" });
      // Now an assistant: no longer allowed to manage.
      expectRefused(await removeMemberCommand(c.instructor.actor, form({ courseId: c.id, userId: c.student.id })), "forbidden");
      expect(await removeMemberCommand(c.assistant.actor, form({ courseId: c.id, userId: c.instructor.id }))).toMatchObject({ status: "ok" });
      expect((await listRoster(c.id)).members.map((m) => [m.email, m.role])).toEqual([[c.assistant.email, "instructor"], [c.student.email, "student"]]);
    });

    test("two instructors demoting each other at once leave one instructor", async () => {
      const c = await course("race");
      await changeRoleCommand(c.instructor.actor, form({ courseId: c.id, userId: c.assistant.id, role: "instructor" }));
      const both = await Promise.all([
        changeRoleCommand(c.instructor.actor, form({ courseId: c.id, userId: c.assistant.id, role: "student" })),
        changeRoleCommand(c.assistant.actor, form({ courseId: c.id, userId: c.instructor.id, role: "student" })),
      ]);
      expect((await getCourseDetail(c.id))?.counts.instructor).toBeGreaterThanOrEqual(1);
      expect(both.filter((s) => s.status === "ok").length).toBeGreaterThanOrEqual(1);
    });

    test("a bad role is a field error", async () => {
      const c = await course("role");
      const state = await changeRoleCommand(c.instructor.actor, form({ courseId: c.id, userId: c.student.id, role: "owner" }));
      expect(state).toMatchObject({ status: "error", fields: { role: [expect.any(String)] } });
    });

    test("a student's time factor is stored with its reason in the audit trail", async () => {
      const c = await course("tf");
      const state = await setTimeFactorCommand(c.instructor.actor, form({ courseId: c.id, userId: c.student.id, factor: "1.5", reason: "Extra time plan 2026-14" }));
      expect(state).toMatchObject({ status: "ok" });
      const member = (await listRoster(c.id)).members.find((m) => m.userId === c.student.id);
      expect(member?.timeFactor).toBe(1.5);
      const entry = await getDb().auditEntry.findFirstOrThrow({ where: { courseId: c.id, action: "member.time-factor" } });
      expect(entry).toMatchObject({ actorId: c.instructor.id, reason: "Extra time plan 2026-14", detail: `${c.student.email}: time factor 1 → 1.5` });
    });

    test.each([
      { label: "below 1", factor: "0.5", reason: "why not", field: "factor" },
      { label: "above 10", factor: "11", reason: "why not", field: "factor" },
      { label: "not a number", factor: "lots", reason: "why not", field: "factor" },
      { label: "no reason", factor: "2", reason: "", field: "reason" },
    ])("time factor refused: $label", async ({ factor, reason, field }) => {
      const c = await course("tf");
      const state = await setTimeFactorCommand(c.instructor.actor, form({ courseId: c.id, userId: c.student.id, factor, reason }));
      expect(state).toMatchObject({ status: "error", fields: { [field]: [expect.any(String)] } });
    });

    test("time factors are for students only", async () => {
      const c = await course("tf");
      const state = await setTimeFactorCommand(c.instructor.actor, form({ courseId: c.id, userId: c.assistant.id, factor: "2", reason: "no reason needed" }));
      expect(state).toMatchObject({ status: "error", message: "Time factors apply to students only." });
    });

    test("changing someone who is not a member says so", async () => {
      const c = await course("nm");
      const stranger = await account("stranger");
      const state = await removeMemberCommand(c.instructor.actor, form({ courseId: c.id, userId: stranger.id }));
      expect(state).toMatchObject({ status: "error", message: "That person is not a member of this course." });
    });
  });

  test("each person sees their own courses with their role", async () => {
    const c = await course("mine");
    expect((await listMyCourses(c.student.id)).map((x) => [x.id, x.role])).toEqual([[c.id, "student"]]);
    expect(await listTaughtCourses(c.student.id)).toEqual([]);
    expect((await listTaughtCourses(c.assistant.id)).map((x) => x.role)).toEqual(["assistant"]);
  });
});
