import { describe, expect, test } from "vitest";
import type { AttemptEvent } from "@/lib/assessment/attempt";
import { secondsPerSlot } from "@/lib/assessment/time-on-question";

const started = (at: number): AttemptEvent => ({ type: "started", at: at * 1000, deadline: null });
const saved = (at: number, answers: Record<string, Record<string, string>>): AttemptEvent => ({ type: "saved", at: at * 1000, answers });

describe("secondsPerSlot", () => {
  test.each([
    ["no saves: nothing known", [started(0), { type: "submitted", at: 60_000 } as AttemptEvent], {}],
    ["one question answered in two saves", [started(0), saved(30, { z0q0: { a: "1" } }), saved(50, { z0q0: { a: "1", b: "2" } })], { z0q0: 50 }],
    ["a save that changed nothing counts for nobody", [started(0), saved(30, { z0q0: { a: "1" } }), saved(90, { z0q0: { a: "1" } })], { z0q0: 30 }],
    ["two questions changed in one save share its time", [started(0), saved(40, { z0q0: { a: "1" }, z1q0: { a: "2" } })], { z0q0: 20, z1q0: 20 }],
    ["moving between questions", [started(0), saved(10, { z0q0: { a: "1" } }), saved(70, { z0q0: { a: "1" }, z1q0: { x: "y" } }), saved(75, { z0q0: { a: "3" }, z1q0: { x: "y" } })], { z0q0: 15, z1q0: 60 }],
    ["clearing an answer is a change", [started(0), saved(10, { z0q0: { a: "1" } }), saved(15, {})], { z0q0: 15 }],
    ["a reopened attempt counts from the reopening", [started(0), saved(10, { z0q0: { a: "1" } }), { type: "reopened", at: 500_000, deadline: null, by: "i", reason: "r" } as AttemptEvent, saved(520, { z0q0: { a: "2" } })], { z0q0: 30 }],
  ])("%s", (_label, events, expected) => {
    expect(secondsPerSlot(events)).toEqual(expected);
  });
});
