import { describe, expect, test } from "vitest";
import { countAnswered, countStates, latestAttempts, liveRow, type LiveAttempt } from "@/lib/assessment/live";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { at, MIN } from "./support";

const START = at("2027-03-01T09:00:00Z");
const DEADLINE = START + 60 * MIN;

const attempt = (change: Partial<LiveAttempt> = {}): LiveAttempt => ({
  id: "a1", number: 1, status: "in_progress", deadline: DEADLINE, submittedAt: null, submittedBy: null, late: false,
  lastSavedAt: START + 5 * MIN, answers: { z0q0: { "f/1": "10.0.0.1", "f/2": "" }, z1q0: { "g/1": " 64 " } }, ...change,
});

describe("liveRow: each student's state", () => {
  test.each([
    ["no attempt: not started", null, START, "not-started", null],
    ["in progress: time left from the server's deadline", attempt(), START + 20 * MIN, "in-progress", 40 * MIN],
    ["in progress, untimed: no time left shown", attempt({ deadline: null }), START + 20 * MIN, "in-progress", null],
    ["in progress inside the grace: still in progress, 0 left", attempt(), DEADLINE + GRACE_MS, "in-progress", 0],
    ["in progress past deadline + grace: shown as auto-submitted", attempt(), DEADLINE + GRACE_MS + 1, "auto-submitted", null],
    ["submitted by the student on time", attempt({ status: "submitted", submittedAt: START + 30 * MIN, submittedBy: "student" }), START + 40 * MIN, "submitted", null],
    ["submitted late", attempt({ status: "submitted", submittedAt: START + 30 * MIN, submittedBy: "student", late: true }), START + 40 * MIN, "late", null],
    ["closed by the deadline", attempt({ status: "submitted", submittedAt: DEADLINE, submittedBy: "deadline" }), DEADLINE + MIN, "auto-submitted", null],
  ] as const)("%s", (_label, a, now, state, left) => {
    const row = liveRow(a, 5, now);
    expect(row.state).toBe(state);
    expect(row.timeLeftMs).toBe(left);
    expect(row.total).toBe(5);
  });

  test("an overdue attempt shows its deadline as the submit time and keeps its progress", () => {
    const row = liveRow(attempt(), 5, DEADLINE + GRACE_MS + 1);
    expect([row.submittedAt, row.answered, row.lastSavedAt]).toEqual([DEADLINE, 2, START + 5 * MIN]);
  });
});

describe("countAnswered: non-blank answers over all slots", () => {
  test.each([
    ["nothing", {}, 0],
    ["blank strings do not count", { z0q0: { a: "", b: "   " } }, 0],
    ["two slots", { z0q0: { a: "1", b: "" }, z1q0: { c: "x", d: "y" } }, 3],
    ["an ordering and a NAT entry count when they hold something", { z0q0: { o: ["a", "b"], e: [], n: { inside: "10.0.0.1:5000", outside: "" }, m: { inside: "" } } }, 2],
  ])("%s", (_label, answers, n) => {
    expect(countAnswered(answers)).toBe(n);
  });
});

describe("latestAttempts and countStates", () => {
  test("the highest attempt number per student wins, whatever the order", () => {
    const latest = latestAttempts([{ userId: "u1", number: 1 }, { userId: "u2", number: 1 }, { userId: "u1", number: 3 }, { userId: "u1", number: 2 }]);
    expect([...latest.entries()].map(([u, a]) => [u, a.number])).toEqual([["u1", 3], ["u2", 1]]);
  });

  test("every state is counted, absent ones as 0", () => {
    expect(countStates([{ state: "late" }, { state: "in-progress" }, { state: "in-progress" }])).toEqual({ "not-started": 0, "in-progress": 2, submitted: 0, late: 1, "auto-submitted": 0 });
  });
});
