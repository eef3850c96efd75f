import { describe, expect, test } from "vitest";
import { changeAccountCommand } from "@/lib/server/admin/commands";
import { listSiteAudit, searchUsers } from "@/lib/server/admin/users";
import { addPeopleCommand, cancelInviteCommand, createCourseCommand, joinCommand, regenerateJoinCodeCommand, setJoinOpenCommand } from "@/lib/server/courses/commands";
import { getCourseDetail } from "@/lib/server/courses/courses";
import { listRoster } from "@/lib/server/courses/roster";
import { getDb } from "@/lib/server/db";
import { claimInvitesQuietly, createUserWithPassword } from "@/lib/server/users";
import { account, form, uniqueEmail } from "./courses-support";
import { describeEachDatabase } from "./support/test-database";

async function newCourse() {
  const instructor = await account("instructor", "instructor");
  const created = await createCourseCommand(instructor.actor, form({ title: "Networks", code: "NET" }));
  if (created.status !== "ok") throw new Error("could not create a course");
  const courseId = created.courseId!;
  const joinCode = async () => (await getDb().course.findUniqueOrThrow({ where: { id: courseId } })).joinCode;
  return { courseId, instructor, joinCode };
}

describeEachDatabase("course people", () => {
  describe("joining by code or link", () => {
    test("a signed-in user joins as a student, in any spelling of the code; joining again changes nothing", async () => {
      const { courseId, joinCode } = await newCourse();
      const learner = await account("learner");
      const code = (await joinCode()).toLowerCase().replace("-", " ");
      expect(await joinCommand(learner.actor, form({ code }))).toEqual({ status: "ok", message: "You joined the course.", courseId });
      expect(await joinCommand(learner.actor, form({ code }))).toMatchObject({ status: "ok", message: "You are already in this course (as student)." });
      expect((await getCourseDetail(courseId))?.counts.student).toBe(1);
    });

    test("the instructor following their own link keeps the instructor role", async () => {
      const { courseId, instructor, joinCode } = await newCourse();
      expect(await joinCommand(instructor.actor, form({ code: await joinCode() }))).toMatchObject({ status: "ok", message: "You are already in this course (as instructor)." });
      expect((await getCourseDetail(courseId))?.counts).toMatchObject({ instructor: 1, student: 0 });
    });

    test("a closed course refuses to join, and opening it again lets people in", async () => {
      const { courseId, instructor, joinCode } = await newCourse();
      const learner = await account("learner");
      await setJoinOpenCommand(instructor.actor, form({ courseId, open: "false" }));
      expect(await joinCommand(learner.actor, form({ code: await joinCode() }))).toMatchObject({ status: "error", message: expect.stringContaining("not taking new members") });
      await setJoinOpenCommand(instructor.actor, form({ courseId, open: "true" }));
      expect(await joinCommand(learner.actor, form({ code: await joinCode() }))).toMatchObject({ status: "ok" });
    });

    test("a regenerated code stops the old code; the new one works", async () => {
      const { instructor, courseId, joinCode } = await newCourse();
      const old = await joinCode();
      await regenerateJoinCodeCommand(instructor.actor, form({ courseId }));
      const learner = await account("learner");
      expect(await joinCommand(learner.actor, form({ code: old }))).toMatchObject({ status: "error", message: expect.stringContaining("No course has this join code") });
      expect(await joinCommand(learner.actor, form({ code: await joinCode() }))).toMatchObject({ status: "ok", courseId });
    });

    test.each(["", "ABCD", "ABCD-EFG0", "x".repeat(41), "'; DROP TABLE Course; --"])("a malformed code is refused with a message: %j", async (code) => {
      const learner = await account("learner");
      expect((await joinCommand(learner.actor, form({ code }))).status).toBe("error");
    });

    test("guests and anonymous visitors are asked to sign in", async () => {
      const { joinCode } = await newCourse();
      expect(await joinCommand({ kind: "guest", guestId: "g" }, form({ code: await joinCode() }))).toMatchObject({ refusal: "sign_in_required" });
      expect(await joinCommand({ kind: "anonymous" }, form({ code: await joinCode() }))).toMatchObject({ refusal: "sign_in_required" });
    });
  });

  describe("adding people from a list or CSV", () => {
    test("the report says, per line, added / invited / already a member / invalid with its line number", async () => {
      const { courseId, instructor } = await newCourse();
      const existing = await account("existing");
      const member = await account("member");
      await getDb().courseMember.create({ data: { courseId, userId: member.id, role: "student" } });
      const newcomer = uniqueEmail("newcomer");
      const csv = ["Name,Email", `Existing,${existing.email.toUpperCase()}`, `New,${newcomer}`, `Member,${member.email}`, "Broken,not-an-email", `Again,${newcomer}`].join("\n");
      const file = new File([csv], "class.csv", { type: "text/csv" });
      const state = await addPeopleCommand(instructor.actor, form({ courseId, emails: "", file }));
      expect(state.status).toBe("report");
      if (state.status !== "report") return;
      expect(state.report.map(({ line, outcome }) => [line, outcome])).toEqual([
        [2, "added"],
        [3, "invited"],
        [4, "already_member"],
        [5, "invalid"],
        [6, "duplicate"],
      ]);
      expect(state.message).toBe("1 added, 1 invited, 1 already there, 2 skipped.");
      const roster = await listRoster(courseId);
      expect(roster.members.map((m) => m.email)).toContain(existing.email);
      expect(roster.invites.map((i) => i.email)).toEqual([newcomer]);

      // The same list again: nobody is added twice.
      const again = await addPeopleCommand(instructor.actor, form({ courseId, emails: `${existing.email}\n${newcomer}` }));
      expect(again.status === "report" && again.report.map((r) => r.outcome)).toEqual(["already_member", "already_invited"]);
    });

    test.each([
      { label: "nothing pasted", emails: "", message: "Paste at least one email, or choose a CSV file." },
      { label: "an unclosed quote", emails: '"ada@example.com', message: expect.stringContaining("could not be read") },
      { label: "over 60 KB", emails: "a@example.com\n".repeat(5000), message: expect.stringContaining("too large") },
    ])("a list that cannot be read is one clear error: $label", async ({ emails, message }) => {
      const { courseId, instructor } = await newCourse();
      expect(await addPeopleCommand(instructor.actor, form({ courseId, emails }))).toMatchObject({ status: "error", message });
      expect((await listRoster(courseId)).invites).toEqual([]);
    });

    test("a cancelled invite is not claimed", async () => {
      const { courseId, instructor } = await newCourse();
      const email = uniqueEmail("cancelled");
      await addPeopleCommand(instructor.actor, form({ courseId, emails: email }));
      expect(await cancelInviteCommand(instructor.actor, form({ courseId, email }))).toMatchObject({ status: "ok" });
      const created = await createUserWithPassword({ email, password: "a long enough password" });
      expect(created.ok && (await getDb().courseMember.count({ where: { userId: created.user.id } }))).toBe(0);
    });
  });

  describe("invites become memberships", () => {
    test("on sign-up with the invited email (any case), in every course that invited it", async () => {
      const first = await newCourse();
      const second = await newCourse();
      const email = uniqueEmail("invited");
      await addPeopleCommand(first.instructor.actor, form({ courseId: first.courseId, emails: email }));
      await addPeopleCommand(second.instructor.actor, form({ courseId: second.courseId, emails: email }));

      const created = await createUserWithPassword({ email: email.toUpperCase(), password: "a long enough password" });
      expect(created.ok).toBe(true);
      if (!created.ok) return;
      const memberships = await getDb().courseMember.findMany({ where: { userId: created.user.id }, orderBy: { courseId: "asc" } });
      expect(memberships.map((m) => [m.courseId, m.role]).sort()).toEqual([[first.courseId, "student"], [second.courseId, "student"]].sort());
      expect(await getDb().courseInvite.count({ where: { email } })).toBe(0);
      const audit = await getDb().auditEntry.findFirst({ where: { courseId: first.courseId, action: "invite.claim" } });
      expect(audit?.actorId).toBe(created.user.id);
    });

    test("on sign-in of an account created elsewhere (OAuth, a script), claimed once however often it signs in", async () => {
      const { courseId, instructor } = await newCourse();
      const email = uniqueEmail("oauth");
      await addPeopleCommand(instructor.actor, form({ courseId, emails: email }));
      // Created without the sign-up hook, as an import might.
      const user = await getDb().user.create({ data: { email } });
      await Promise.all([claimInvitesQuietly(user.id, email), claimInvitesQuietly(user.id, email)]);
      await claimInvitesQuietly(user.id, email);
      expect(await getDb().courseMember.count({ where: { courseId, userId: user.id } })).toBe(1);
      expect(await getDb().auditEntry.count({ where: { courseId, action: "invite.claim" } })).toBe(1);
    });
  });

  describe("admin page actions", () => {
    test.each([
      { label: "a learner", role: "learner" as const },
      { label: "an instructor", role: "instructor" as const },
    ])("$label may not change accounts", async ({ role }) => {
      const someone = await account("someone", role);
      const target = await account("target");
      expect(await changeAccountCommand(someone.actor, form({ userId: target.id, change: "admin" }))).toMatchObject({ status: "error", refusal: "forbidden" });
      expect((await getDb().user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("learner");
    });

    test("signed-out visitors are asked to sign in", async () => {
      const target = await account("target");
      expect(await changeAccountCommand({ kind: "anonymous" }, form({ userId: target.id, change: "admin" }))).toMatchObject({ refusal: "sign_in_required" });
    });

    test("an admin grants and revokes instructor, disables and enables, each change logged", async () => {
      const admin = await account("admin", "admin");
      const target = await account("target");
      const steps = [
        { change: "instructor", role: "instructor", disabled: false },
        { change: "admin", role: "admin", disabled: false },
        { change: "learner", role: "learner", disabled: false },
        { change: "disable", role: "learner", disabled: true },
        { change: "enable", role: "learner", disabled: false },
      ];
      for (const step of steps) {
        expect(await changeAccountCommand(admin.actor, form({ userId: target.id, change: step.change }))).toMatchObject({ status: "ok" });
        const row = await getDb().user.findUniqueOrThrow({ where: { id: target.id } });
        expect({ change: step.change, role: row.role, disabled: row.disabledAt !== null }).toEqual(step);
      }
      const log = await getDb().siteAuditEntry.findMany({ where: { targetUserId: target.id }, orderBy: { at: "asc" } });
      expect(log.map((e) => [e.actorId, e.action])).toEqual(steps.map((s) => [admin.id, s.change === "disable" || s.change === "enable" ? s.change : "role"]));
      expect((await listSiteAudit()).some((e) => e.actorEmail === admin.email && e.detail === `${target.email}: enabled`)).toBe(true);
    });

    test.each(["learner", "instructor", "disable"])("an admin cannot %s themself", async (change) => {
      const admin = await account("admin", "admin");
      expect(await changeAccountCommand(admin.actor, form({ userId: admin.id, change }))).toMatchObject({ status: "error", message: expect.stringContaining("your own") });
      const row = await getDb().user.findUniqueOrThrow({ where: { id: admin.id } });
      expect([row.role, row.disabledAt]).toEqual(["admin", null]);
    });

    test.each([
      { label: "an unknown role", fields: { userId: "u1", change: "owner" } },
      { label: "no user", fields: { change: "admin" } },
      { label: "an unknown user", fields: { userId: "nobody", change: "admin" } },
    ])("bad input is a message: $label", async ({ fields }) => {
      const admin = await account("admin", "admin");
      expect((await changeAccountCommand(admin.actor, form(fields))).status).toBe("error");
    });

    test("search finds accounts by part of the email, any case", async () => {
      const target = await account("findme");
      const part = target.email.slice(0, 14).toUpperCase();
      expect((await searchUsers(part)).map((u) => u.email)).toEqual([target.email]);
      expect(await searchUsers("no-such-address-anywhere")).toEqual([]);
    });
  });
});
