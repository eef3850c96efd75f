import { describe, expect, test } from "vitest";
import type { AttemptEvent } from "@/lib/assessment/attempt";
import { timeSpent } from "@/lib/assessment/time-spent";

const S = 1_000;
const started = (at: number): AttemptEvent => ({ type: "started", at, deadline: null });
const saved = (at: number, ...slots: string[]): AttemptEvent => ({ type: "saved", at, answers: Object.fromEntries(slots.map((s) => [s, { x: "1" }])) });
const submitted = (at: number): AttemptEvent => ({ type: "submitted", at });
const reopened = (at: number): AttemptEvent => ({ type: "reopened", at, deadline: null, by: "i", reason: "r" });

describe("timeSpent: total working time and its share per question", () => {
  test.each([
    ["started and submitted, no saves", [started(0), submitted(60 * S)], 99 * S, 60 * S, {}],
    ["each save credits the time since the previous mark", [started(0), saved(30 * S, "z0q0"), saved(50 * S, "z1q0"), submitted(60 * S)], 0, 60 * S, { z0q0: 30 * S, z1q0: 20 * S }],
    ["a save carrying two questions splits its time", [started(0), saved(40 * S, "z0q0", "z1q0"), submitted(50 * S)], 0, 50 * S, { z0q0: 20 * S, z1q0: 20 * S }],
    ["still open: counted until `end`", [started(0), saved(10 * S, "z0q0")], 25 * S, 25 * S, { z0q0: 10 * S }],
    ["time while submitted does not count after a reopen", [started(0), saved(10 * S, "z0q0"), submitted(20 * S), reopened(100 * S), saved(130 * S, "z0q0"), submitted(140 * S)], 0, 60 * S, { z0q0: 40 * S }],
    ["staff and lock events do not move the marks", [started(0), { type: "lock-refused", at: 5 * S, what: "simulator" }, { type: "time-added", at: 6 * S, minutes: 5, by: "i", reason: "r" }, saved(10 * S, "z0q0"), submitted(10 * S)], 0, 10 * S, { z0q0: 10 * S }],
  ] as const)("%s", (_label, events, end, total, bySlot) => {
    expect(timeSpent(events as readonly AttemptEvent[], end)).toEqual({ totalMs: total, bySlot });
  });
});
