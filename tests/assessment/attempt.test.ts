import { describe, expect, test } from "vitest";
import { applyAttemptEvent, closeIfOverdue, replayAttempt, type AttemptEvent, type AttemptSnapshot } from "@/lib/assessment/attempt";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { at, MIN } from "./support";

const START = at("2027-03-08T09:30:00Z");
const DEADLINE = at("2027-03-08T10:30:00Z");
const started: AttemptEvent = { type: "started", at: START, deadline: DEADLINE };
const save = (t: number, answers: Record<string, Record<string, string>>): AttemptEvent => ({ type: "saved", at: t, answers });
const staff = { by: "prof", reason: "fire alarm" };

function run(events: AttemptEvent[]): AttemptSnapshot {
  let state: AttemptSnapshot | null = null;
  for (const e of events) {
    const r = applyAttemptEvent(state, e);
    if (!r.ok) throw new Error(`${e.type}: ${r.reason}`);
    state = r.state;
  }
  return state!;
}

describe("applyAttemptEvent: what is accepted", () => {
  test("saves merge blank by blank; a later save of a blank replaces it", () => {
    const s = run([started, save(START + MIN, { z0q0: { a: "1", b: "2" } }), save(START + 2 * MIN, { z0q0: { b: "3" }, z1q0: { c: "4" } })]);
    expect(s.answers).toEqual({ z0q0: { a: "1", b: "3" }, z1q0: { c: "4" } });
    expect(s.lastSavedAt).toBe(START + 2 * MIN);
    expect(s.status).toBe("in-progress");
  });

  test("a submit ends it, by the student", () => {
    const s = run([started, { type: "submitted", at: DEADLINE - MIN }]);
    expect([s.status, s.submittedAt, s.submittedBy]).toEqual(["submitted", DEADLINE - MIN, "student"]);
  });

  test("add time, then the student may save later", () => {
    const s = run([started, { type: "time-added", at: START + MIN, minutes: 15, ...staff }, save(DEADLINE + 10 * MIN, { z0q0: { a: "x" } })]);
    expect(s.deadline).toBe(DEADLINE + 15 * MIN);
    expect(s.audit).toEqual([{ at: START + MIN, by: "prof", action: "time-added", detail: "+15 min", reason: "fire alarm" }]);
  });

  test("reopen a submitted attempt with a new deadline", () => {
    const s = run([started, { type: "submitted", at: START + MIN }, { type: "reopened", at: START + 2 * MIN, deadline: DEADLINE + MIN, ...staff }]);
    expect([s.status, s.deadline, s.submittedAt, s.submittedBy]).toEqual(["in-progress", DEADLINE + MIN, null, null]);
    expect(s.audit.map((a) => [a.action, a.detail, a.by, a.reason])).toEqual([["reopened", "deadline 8 Mar 2027, 10:31:00 UTC", "prof", "fire alarm"]]);
  });

  test("set the deadline (e.g. expire now): recorded with who, when and why", () => {
    const s = run([started, { type: "deadline-set", at: START + MIN, deadline: START + MIN, ...staff }]);
    expect(s.deadline).toBe(START + MIN);
    expect(s.audit).toEqual([{ at: START + MIN, by: "prof", action: "deadline-set", detail: "deadline 8 Mar 2027, 09:31:00 UTC", reason: "fire alarm" }]);
    expect(closeIfOverdue(s, START + MIN + GRACE_MS + 1).submittedBy).toBe("deadline");
  });

  test("the exam lock's refusals are kept for the instructor, even after submitting", () => {
    const s = run([started, { type: "lock-refused", at: START + MIN, what: "simulator" }, { type: "submitted", at: START + 2 * MIN }, { type: "lock-refused", at: START + 3 * MIN, what: "practice" }]);
    expect(s.lockRefusals).toEqual([{ at: START + MIN, what: "simulator" }, { at: START + 3 * MIN, what: "practice" }]);
  });
});

describe("applyAttemptEvent: named refusals, state unchanged", () => {
  const inProgress = run([started]);
  const submitted = run([started, { type: "submitted", at: START + MIN }]);
  const untimed = run([{ type: "started", at: START, deadline: null }]);
  test.each([
    ["a save before starting", null, save(START, {}), "not_started"],
    ["starting twice", inProgress, { ...started, at: START + 1 }, "already_started"],
    ["a save dated before the last event (a forged or replayed time)", inProgress, save(START - 1, {}), "out_of_order"],
    ["a save at the grace edge is accepted", inProgress, save(DEADLINE + GRACE_MS, {}), null],
    ["a save 1 ms after the grace", inProgress, save(DEADLINE + GRACE_MS + 1, {}), "deadline_passed"],
    ["a submit 1 ms after the grace", inProgress, { type: "submitted", at: DEADLINE + GRACE_MS + 1 }, "deadline_passed"],
    ["a replayed submit", submitted, { type: "submitted", at: START + 2 * MIN }, "already_submitted"],
    ["a save after submitting", submitted, save(START + 2 * MIN, {}), "already_submitted"],
    ["adding time to a submitted attempt", submitted, { type: "time-added", at: START + 2 * MIN, minutes: 5, ...staff }, "already_submitted"],
    ["adding time after the deadline passed (it was submitted by the deadline)", inProgress, { type: "time-added", at: DEADLINE + GRACE_MS + 1, minutes: 5, ...staff }, "already_submitted"],
    ["adding time to an untimed attempt", untimed, { type: "time-added", at: START + 1, minutes: 5, ...staff }, "untimed"],
    ["adding no time", inProgress, { type: "time-added", at: START + 1, minutes: 0, ...staff }, "invalid_event"],
    ["reopening an attempt in progress", inProgress, { type: "reopened", at: START + 1, deadline: DEADLINE, ...staff }, "not_submitted"],
    ["an event without a time", inProgress, save(Number.NaN, {}), "invalid_event"],
  ] as [string, AttemptSnapshot | null, AttemptEvent, string | null][])("%s", (_label, state, event, reason) => {
    const r = applyAttemptEvent(state, event);
    expect(r.ok ? null : r.reason).toBe(reason);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });

  test("reopening after the deadline closed it works (the attempt counts as submitted)", () => {
    const s = run([started, { type: "reopened", at: DEADLINE + 5 * MIN, deadline: DEADLINE + 20 * MIN, ...staff }]);
    expect([s.status, s.deadline]).toEqual(["in-progress", DEADLINE + 20 * MIN]);
  });
});

describe("closeIfOverdue: no attempt is left ungraded, nothing saved is lost", () => {
  const withAnswers = run([started, save(START + MIN, { z0q0: { a: "1" } }), save(DEADLINE + GRACE_MS, { z0q0: { b: "2" } })]);
  test.each([
    ["before the deadline", DEADLINE - 1, "in-progress", null],
    ["at the grace edge", DEADLINE + GRACE_MS, "in-progress", null],
    ["1 ms after the grace: submitted at the deadline", DEADLINE + GRACE_MS + 1, "submitted", DEADLINE],
  ])("%s", (_label, now, status, submittedAt) => {
    const s = closeIfOverdue(withAnswers, now);
    expect([s.status, s.submittedAt]).toEqual([status, submittedAt]);
    // The answers saved up to the grace edge are all still there.
    expect(s.answers).toEqual({ z0q0: { a: "1", b: "2" } });
    if (status === "submitted") expect(s.submittedBy).toBe("deadline");
  });

  test("an untimed attempt is never closed by time", () => {
    const untimed = run([{ type: "started", at: START, deadline: null }]);
    expect(closeIfOverdue(untimed, Number.MAX_SAFE_INTEGER).status).toBe("in-progress");
  });
});

describe("replayAttempt", () => {
  const log: AttemptEvent[] = [started, save(START + MIN, { z0q0: { a: "1" } }), { type: "time-added", at: START + 2 * MIN, minutes: 10, ...staff }, save(DEADLINE + 5 * MIN, { z0q0: { a: "2" } })];

  test("the same log gives the same state (deterministic), and equals applying it event by event", () => {
    expect(replayAttempt(log, START + 3 * MIN)).toEqual(replayAttempt(log, START + 3 * MIN));
    expect(replayAttempt(log, DEADLINE)).toEqual(run(log));
  });

  test("read after the (extended) deadline: submitted at that deadline with the last answers", () => {
    const s = replayAttempt(log, DEADLINE + 10 * MIN + GRACE_MS + 1)!;
    expect([s.status, s.submittedAt, s.submittedBy, s.answers]).toEqual(["submitted", DEADLINE + 10 * MIN, "deadline", { z0q0: { a: "2" } }]);
  });

  test("an empty log is no attempt; a corrupt log throws with the event's index", () => {
    expect(replayAttempt([], 0)).toBeNull();
    expect(() => replayAttempt([started, { type: "submitted", at: START + 1 }, { type: "submitted", at: START + 2 }], START + 3)).toThrow(/event 2 \(submitted\).*already_submitted/);
  });
});
