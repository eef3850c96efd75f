/**
 * Add time and reopen through their routes, on both databases: who may (instructor), who gets 403
 * (assistant) or 404 (anyone outside the course, another student), which attempt states are
 * refused with a 409, and that every accepted action lands in the event log and the audit trail.
 */
import { beforeAll, describe, expect, test, vi } from "vitest";
import { POST as addTime } from "@/app/api/v1/assessment-attempts/[id]/time/route";
import { POST as reopen } from "@/app/api/v1/assessment-attempts/[id]/reopen/route";
import { GET as live } from "@/app/api/v1/assessments/[assessmentId]/live/route";
import { getDb } from "@/lib/server/db";
import { call, json } from "../support/api-client";
import { actAs, ANONYMOUS, userActor } from "../support/mock-actor";
import { describeEachDatabase } from "../support/test-database";
import { seedAttempt, seedCourse } from "./seed";

vi.mock("@/lib/server/auth/actor", () => import("../support/mock-actor"));

const MIN = 60_000;

describeEachDatabase("staff actions on attempts", () => {
  let c: Awaited<ReturnType<typeof seedCourse>>;
  let timed: { id: string };
  let untimed: { id: string };
  let submitted: { id: string };
  let startedAt: number;

  beforeAll(async () => {
    c = await seedCourse();
    startedAt = Date.now() - 10 * MIN;
    timed = await seedAttempt(c.assessment.id, c.ann.id, [{ type: "started", at: startedAt, deadline: startedAt + 60 * MIN }]);
    untimed = await seedAttempt(c.assessment.id, c.ben.id, [{ type: "started", at: startedAt, deadline: null }]);
    submitted = await seedAttempt(c.assessment.id, c.ann.id, [{ type: "started", at: startedAt - 100 * MIN, deadline: null }, { type: "submitted", at: startedAt - 50 * MIN }], 0);
  });

  const time = (id: string, body: unknown) => call(addTime, "POST", `/api/v1/assessment-attempts/${id}/time`, { params: { id }, body });
  const reopenIt = (id: string, body: unknown) => call(reopen, "POST", `/api/v1/assessment-attempts/${id}/reopen`, { params: { id }, body });

  describe("refusals", () => {
    test.each([
      ["anonymous: 401", () => ANONYMOUS, 401, "sign_in_required"],
      ["an assistant of the course: 403", () => userActor(c.assistant), 403, "forbidden"],
      ["an instructor of another course: 404", () => userActor(c.outsider), 404, "not_found"],
      ["another student of the course: 404", () => userActor(c.ben), 404, "not_found"],
      ["the attempt's own student: 403", () => userActor(c.ann), 403, "forbidden"],
    ])("add time as %s", async (_label, who, status, code) => {
      actAs(who());
      const response = await time(timed.id, { minutes: 5, reason: "fire alarm" });
      expect(response.status).toBe(status);
      expect((await json(response)).error.code).toBe(code);
    });

    test.each([
      ["add time to an untimed attempt", () => time(untimed.id, { minutes: 5, reason: "x" }), 409, "untimed"],
      ["add time to a submitted attempt", () => time(submitted.id, { minutes: 5, reason: "x" }), 409, "already_submitted"],
      ["reopen an attempt in progress", () => reopenIt(timed.id, { reason: "x" }), 409, "not_submitted"],
      ["reopen until a deadline already passed", () => reopenIt(submitted.id, { deadline: "2020-01-01T00:00:00Z", reason: "x" }), 409, "deadline_in_past"],
      ["add time without a reason", () => time(timed.id, { minutes: 5, reason: "  " }), 422, "invalid_input"],
      ["add zero minutes", () => time(timed.id, { minutes: 0, reason: "x" }), 422, "invalid_input"],
      ["an unknown attempt", () => time("nope", { minutes: 5, reason: "x" }), 404, "not_found"],
    ])("%s", async (_label, request, status, code) => {
      actAs(userActor(c.instructor));
      const response = await request();
      expect(response.status).toBe(status);
      const body = await json(response);
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(5);
    });

    test("a refused action writes nothing", async () => {
      expect(await getDb().auditEntry.count({ where: { attemptId: { in: [untimed.id, submitted.id] } } })).toBe(0);
      expect(await getDb().attemptEvent.count({ where: { attemptId: untimed.id } })).toBe(1);
    });
  });

  test("add time: the deadline moves, an event and an audit entry say who and why", async () => {
    actAs(userActor(c.instructor));
    const response = await time(timed.id, { minutes: 15, reason: "fire alarm" });
    expect(response.status).toBe(200);
    const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: timed.id } });
    expect(row.deadline!.getTime()).toBe(startedAt + 75 * MIN);
    const events = await getDb().attemptEvent.findMany({ where: { attemptId: timed.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, "started"], [2, "time-added"]]);
    expect(events[1]!.data).toMatchObject({ minutes: 15, by: c.instructor.id, reason: "fire alarm" });
    const audit = await getDb().auditEntry.findMany({ where: { attemptId: timed.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ courseId: c.course.id, assessmentId: c.assessment.id, actorId: c.instructor.id, action: "time-added", reason: "fire alarm" });
    expect(audit[0]!.detail).toContain("added 15 min");
  });

  test("reopen: a submitted attempt is in progress again until the new deadline, logged", async () => {
    actAs(userActor(c.instructor));
    const before = Date.now();
    const response = await reopenIt(submitted.id, { minutes: 30, reason: "browser crashed" });
    expect(response.status).toBe(200);
    const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(row.status).toBe("in_progress");
    expect(row.submittedAt).toBeNull();
    expect(row.deadline!.getTime()).toBeGreaterThanOrEqual(before + 30 * MIN);
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { attemptId: submitted.id } });
    expect(audit).toMatchObject({ action: "reopened", reason: "browser crashed", actorId: c.instructor.id });
    // Reopened: adding time now works; reopening again is refused.
    expect((await time(submitted.id, { minutes: 5, reason: "more" })).status).toBe(200);
    expect((await reopenIt(submitted.id, { reason: "again" })).status).toBe(409);
  });

  test("the live view: staff read every student's state; a student of the course gets 403, an outsider 404", async () => {
    actAs(userActor(c.assistant));
    const response = await call(live, "GET", `/api/v1/assessments/${c.assessment.id}/live`, { params: { assessmentId: c.assessment.id } });
    expect(response.status).toBe(200);
    const view = await json(response);
    const states = Object.fromEntries(view.rows.map((r: { email: string; state: string }) => [r.email, r.state]));
    expect(states).toEqual({ [c.ann.email]: "in-progress", [c.ben.email]: "in-progress" });
    const ann = view.rows.find((r: { email: string }) => r.email === c.ann.email);
    expect(ann.timeLeftMs).toBeGreaterThan(0);
    expect(view.audit.map((e: { action: string }) => e.action).sort()).toEqual(["reopened", "time-added", "time-added"]);
    actAs(userActor(c.ann));
    expect((await call(live, "GET", "/x", { params: { assessmentId: c.assessment.id } })).status).toBe(403);
    actAs(userActor(c.outsider));
    expect((await call(live, "GET", "/x", { params: { assessmentId: c.assessment.id } })).status).toBe(404);
  });
});
