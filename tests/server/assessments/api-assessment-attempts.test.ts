/**
 * /api/v1/assessment-attempts: start, state, autosave and submit on the server's clock, with every
 * refusal on both databases: outside the course (404), not started (404), another student's attempt
 * (404), forged times (ignored), a replayed submit (409 already_submitted, graded once), a save or
 * submit after the deadline + grace (409 deadline_passed with the time; the saved answers are then
 * submitted and graded), and no expected value in any response before the feedback moment.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as start } from "@/app/api/v1/assessment-attempts/route";
import { GET as getState } from "@/app/api/v1/assessment-attempts/[id]/route";
import { PUT as save } from "@/app/api/v1/assessment-attempts/[id]/answers/route";
import { POST as submit } from "@/app/api/v1/assessment-attempts/[id]/submit/route";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { getDb } from "@/lib/server/db";
import { NextRequest } from "next/server";
import { BASE, call, json } from "../support/api-client";
import { actAs, ANONYMOUS, userActor } from "../support/mock-actor";
import { correctAnswers, MINUTE, seedClass, T0, type ClassFixture } from "../support/class-fixture";
import { describeEachDatabase } from "../support/test-database";
import { attemptSecrets, scanForLeaks } from "./support/assessment-leaks";

vi.mock("@/lib/server/auth/actor", () => import("../support/mock-actor"));

/** The server's clock (only Date: timers stay real for the database drivers). */
const clock = (t: number) => vi.setSystemTime(t);
const at = (id: string) => ({ params: { id } });

describeEachDatabase("assessment attempts API", () => {
  let fx: ClassFixture;
  const as = (p: { id: string; email: string }) => actAs(userActor(p));
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    fx = await seedClass({ students: 4, timeFactors: { 1: 1.5 } });
  });
  afterAll(() => vi.useRealTimers());

  describe("start", () => {
    test.each([
      ["an anonymous caller", () => actAs(ANONYMOUS), () => fx.assessmentId, 401, "sign_in_required"],
      ["a student of another course", () => as(fx.outsider), () => fx.assessmentId, 404, "not_found"],
      ["an unknown assessment", () => as(fx.students[0]!), () => "nosuchassessment", 404, "not_found"],
      ["before the release", () => { as(fx.students[0]!); clock(T0 - MINUTE); }, () => fx.assessmentId, 409, "not_released"],
    ])("%s is refused", async (_label, who, id, status, code) => {
      who();
      const r = await call(start, "POST", "/api/v1/assessment-attempts", { body: { assessmentId: id() } });
      expect({ status: r.status, code: (await json(r)).error.code }).toEqual({ status, code });
    });

    test("a start fixes the deadline on the server's clock; a time in the body is ignored", async () => {
      as(fx.students[0]!);
      clock(T0 + MINUTE);
      const r = await call(start, "POST", "/api/v1/assessment-attempts", { body: { assessmentId: fx.assessmentId, now: new Date(T0 - 600 * MINUTE).toISOString(), startedAt: 0, deadline: "2099-01-01T00:00:00Z" } });
      expect(r.status).toBe(201);
      const body = await json(r);
      expect(body).toMatchObject({ deadline: new Date(T0 + 61 * MINUTE).toISOString(), serverNow: new Date(T0 + MINUTE).toISOString(), href: `/courses/${fx.courseId}/attempts/${body.id}` });
      const again = await call(start, "POST", "/api/v1/assessment-attempts", { body: { assessmentId: fx.assessmentId } });
      expect({ status: again.status, code: (await json(again)).error.code }).toEqual({ status: 409, code: "attempt_in_progress" });
    });

    test("the 1.5x student's deadline is 90 minutes from their start", async () => {
      as(fx.students[1]!);
      clock(T0 + 2 * MINUTE);
      const body = await json(await call(start, "POST", "/api/v1/assessment-attempts", { body: { assessmentId: fx.assessmentId } }));
      expect(body.deadline).toBe(new Date(T0 + 92 * MINUTE).toISOString());
    });
  });

  describe("state, save and submit", () => {
    let attemptId: string;
    beforeAll(async () => {
      attemptId = (await getDb().assessmentAttempt.findFirstOrThrow({ where: { userId: fx.students[0]!.id } })).id;
    });

    test.each([
      ["an anonymous caller", () => actAs(ANONYMOUS), 401],
      ["a student of another course", () => as(fx.outsider), 404],
      ["a classmate", () => as(fx.students[2]!), 404],
      ["the course's assistant (staff read attempts elsewhere)", () => as(fx.assistant), 404],
    ])("%s gets nothing from any route", async (_label, who, status) => {
      who();
      clock(T0 + 3 * MINUTE);
      const responses = [
        await call(getState, "GET", "/", at(attemptId)),
        await call(save, "PUT", "/", { ...at(attemptId), body: { answers: { z0q0: { x: "1" } } } }),
        await call(submit, "POST", "/", { ...at(attemptId), body: {} }),
      ];
      expect(responses.map((r) => r.status)).toEqual([status, status, status]);
    });

    test.each([["GET"], ["PUT"], ["POST submit"]])("an attempt that was never started: 404 on %s", async (method) => {
      as(fx.students[0]!);
      const none = at("cnosuchattempt000000000000");
      const r = method === "GET" ? await call(getState, "GET", "/", none) : method === "PUT" ? await call(save, "PUT", "/", { ...none, body: { answers: {} } }) : await call(submit, "POST", "/", { ...none, body: {} });
      expect(r.status).toBe(404);
    });

    test("the state has the deadline, the server's now and the sheets, and no expected value", async () => {
      as(fx.students[0]!);
      clock(T0 + 5 * MINUTE);
      const body = await json(await call(getState, "GET", "/", at(attemptId)));
      expect(body).toMatchObject({ status: "in_progress", deadline: new Date(T0 + 61 * MINUTE).toISOString(), serverNow: new Date(T0 + 5 * MINUTE).toISOString() });
      expect(body.questions.map((q: { slot: string }) => q.slot)).toEqual(["z0q0", "z1q0"]);
      const secrets = await attemptSecrets(attemptId);
      expect(scanForLeaks(body, secrets)).toEqual([]);
    });

    test("a save is dated by the server: a forged time is ignored; a slot the attempt lacks is dropped", async () => {
      as(fx.students[0]!);
      clock(T0 + 10 * MINUTE);
      // The first question answered right, the second left blank: its expected values are what a leak would show.
      const answers = await correctAnswers(attemptId);
      const r = await call(save, "PUT", "/", { ...at(attemptId), body: { answers: { z0q0: answers.z0q0, z9q9: { x: "1" } }, at: T0 - 999 * MINUTE, savedAt: "2020-01-01T00:00:00Z" } });
      expect(r.status).toBe(200);
      expect((await json(r)).savedAt).toBe(new Date(T0 + 10 * MINUTE).toISOString());
      const last = await getDb().attemptEvent.findFirstOrThrow({ where: { attemptId }, orderBy: { seq: "desc" } });
      expect([last.type, last.at.getTime()]).toEqual(["saved", T0 + 10 * MINUTE]);
      const stored = (await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).answers as object;
      expect(Object.keys(stored)).toEqual(["z0q0"]);
    });

    test("submit grades once; a replayed submit is 409 already_submitted and grades nothing more", async () => {
      as(fx.students[0]!);
      clock(T0 + 20 * MINUTE);
      // As a script would send it: JSON content type, no body at all.
      const request = new NextRequest(new URL("/", BASE), { method: "POST", headers: { "content-type": "application/json", "content-length": "0" } });
      const first = await (submit as unknown as (r: NextRequest, c: unknown) => Promise<Response>)(request, { params: Promise.resolve({ id: attemptId }) });
      expect(first.status).toBe(200);
      for (let i = 0; i < 3; i++) {
        const replay = await call(submit, "POST", "/", { ...at(attemptId), body: { at: T0 } });
        expect({ status: replay.status, code: (await json(replay)).error.code }).toEqual({ status: 409, code: "already_submitted" });
      }
      const saveAfter = await call(save, "PUT", "/", { ...at(attemptId), body: { answers: { z0q0: { x: "1" } } } });
      expect((await json(saveAfter)).error.code).toBe("already_submitted");
      expect(await getDb().scoreLedgerEntry.count({ where: { attemptId, kind: "graded" } })).toBe(1);
    });

    test("after submitting, before the close: the score only (this exam's rule), and no expected value", async () => {
      as(fx.students[0]!);
      clock(T0 + 30 * MINUTE);
      const body = await json(await call(getState, "GET", "/", at(attemptId)));
      expect(body.results.feedback.parts).toEqual(["score"]);
      expect(body.results.feedback.score).toEqual({ earned: 10, possible: 20 });
      expect(body.results.feedback.questions.map((q: { earned: number }) => q.earned)).toEqual([10, 0]);
      expect(scanForLeaks(body, await attemptSecrets(attemptId))).toEqual([]);
    });

    test("after the close + grace, the expected values are there (the scan is live)", async () => {
      as(fx.students[0]!);
      clock(T0 + 181 * MINUTE);
      const body = await json(await call(getState, "GET", "/", at(attemptId)));
      expect(body.results.feedback.parts).toEqual(["score", "correctness", "expected", "misconceptions", "journey"]);
      expect(scanForLeaks(body, await attemptSecrets(attemptId)).length).toBeGreaterThan(0);
    });
  });

  describe("the deadline", () => {
    test("a save or submit after the deadline + grace: 409 deadline_passed with the time; the saved answers are submitted at the deadline and graded", async () => {
      const student = fx.students[3]!;
      as(student);
      clock(T0 + 100 * MINUTE);
      const started = await json(await call(start, "POST", "/api/v1/assessment-attempts", { body: { assessmentId: fx.assessmentId } }));
      const deadline = Date.parse(started.deadline);
      expect(deadline).toBe(T0 + 160 * MINUTE);
      const answers = await correctAnswers(started.id);
      clock(deadline + GRACE_MS); // the last instant a save still counts
      expect((await call(save, "PUT", "/", { ...at(started.id), body: { answers: { z0q0: answers.z0q0 } } })).status).toBe(200);
      clock(deadline + GRACE_MS + 1);
      const late = await call(save, "PUT", "/", { ...at(started.id), body: { answers: { z1q0: answers.z1q0 }, at: deadline - MINUTE } });
      expect(late.status).toBe(409);
      const error = (await json(late)).error;
      expect(error).toMatchObject({ code: "deadline_passed", deadline: new Date(deadline).toISOString() });
      expect(error.message).toContain("were submitted");
      const lateSubmit = await call(submit, "POST", "/", { ...at(started.id), body: {} });
      expect((await json(lateSubmit)).error.code).toMatch(/deadline_passed|already_submitted/);
      const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: started.id } });
      expect({ status: row.status, by: row.submittedBy, at: row.submittedAt?.getTime(), graded: row.gradedAt !== null, score: row.score }).toEqual({ status: "submitted", by: "deadline", at: deadline, graded: true, score: 10 });
      expect(await getDb().scoreLedgerEntry.count({ where: { attemptId: started.id, kind: "graded" } })).toBe(1);
    });
  });
});
