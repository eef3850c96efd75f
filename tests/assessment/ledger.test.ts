import { describe, expect, test } from "vitest";
import { adjustedFractions, checkAdjustment, fieldDeltas, foldLedger, type LedgerEntry } from "@/lib/assessment/ledger";

const graded = (newScore: number, at: number): LedgerEntry => ({ kind: "graded", slot: null, field: null, oldScore: null, newScore, at });
const regraded = (oldScore: number, newScore: number, at: number): LedgerEntry => ({ kind: "regraded", slot: null, field: null, oldScore, newScore, at });
const total = (oldScore: number, newScore: number, at: number): LedgerEntry => ({ kind: "adjusted", slot: null, field: null, oldScore, newScore, at });
const field = (slot: string, id: string, oldScore: number, newScore: number, at: number): LedgerEntry => ({ kind: "adjusted", slot, field: id, oldScore, newScore, at });

describe("foldLedger: the latest decision wins", () => {
  test.each([
    ["empty ledger: nothing graded", [], null, null, {}, false],
    ["graded only", [graded(60, 1)], 60, null, {}, false],
    ["a regrade replaces the automatic score", [graded(60, 1), regraded(60, 70, 2)], 70, null, {}, false],
    ["a manual total", [graded(60, 1), total(60, 75, 2)], 60, 75, {}, true],
    ["a regrade moves a manual total by what it changed (75 - 10)", [graded(60, 1), total(60, 75, 2), regraded(75, 65, 3)], 65, 65, {}, true],
    ["a regrade that changes nothing leaves a manual total", [graded(60, 1), total(60, 75, 2), regraded(75, 75, 3)], 75, 75, {}, true],
    ["a later manual total replaces an earlier one", [graded(60, 1), total(60, 75, 2), total(75, 65, 3)], 60, 65, {}, true],
    ["a field credit after a manual total brings back the computed total", [graded(60, 1), total(60, 75, 2), field("z0q0", "f/1", 0, 2, 3)], 60, null, { z0q0: 2 }, true],
    ["field credit raised twice keeps the first automatic points", [graded(60, 1), field("z0q0", "f/1", 0.5, 1, 2), field("z0q0", "f/1", 1, 2, 3)], 60, null, { z0q0: 1.5 }, true],
    ["credit taken away is a negative delta", [graded(60, 1), field("z1q0", "g", 3, 1, 2)], 60, null, { z1q0: -2 }, true],
    ["two fields of one question add up", [graded(60, 1), field("z0q0", "a", 0, 1, 2), field("z0q0", "b", 0, 0.5, 3)], 60, null, { z0q0: 1.5 }, true],
    ["a new grading (reopened, handed in again) drops the adjustments of the old answers", [graded(60, 1), total(60, 75, 2), field("z0q0", "f", 0, 2, 3), graded(40, 4)], 40, null, {}, true],
    ["entries are folded by time, not by their order in the list", [total(60, 75, 2), graded(60, 1)], 60, 75, {}, true],
  ] as const)("%s", (_label, entries, automatic, manualTotal, deltas, adjusted) => {
    const state = foldLedger(entries);
    expect([state.automatic, state.manualTotal, state.adjusted]).toEqual([automatic, manualTotal, adjusted]);
    expect(fieldDeltas(state)).toEqual(deltas);
  });
});

describe("adjustedFractions: graded points plus field credit, within 0..max", () => {
  const gradedQuestions = { z0q0: { score: 4, maxScore: 8 }, z1q0: { score: 1, maxScore: 4 }, z1q1: { score: 0, maxScore: 0 } };
  test.each([
    ["no adjustment: the graded share", [], { z0q0: 0.5, z1q0: 0.25, z1q1: 0 }],
    ["two points more on z0q0", [field("z0q0", "f", 0, 2, 1)], { z0q0: 0.75, z1q0: 0.25, z1q1: 0 }],
    ["never above the question's maximum", [field("z0q0", "f", 0, 9, 1)], { z0q0: 1, z1q0: 0.25, z1q1: 0 }],
    ["never below zero", [field("z1q0", "g", 3, 0, 1)], { z0q0: 0.5, z1q0: 0, z1q1: 0 }],
  ] as const)("%s", (_label, entries, fractions) => {
    expect(adjustedFractions(gradedQuestions, foldLedger(entries))).toEqual(fractions);
  });
});

describe("checkAdjustment: a note is required, the value stays in range", () => {
  test.each([
    ["fine", 7, 10, "Accepted the alternative notation", true, null],
    ["zero is fine", 0, 10, "Copied work", true, null],
    ["the maximum is fine", 10, 10, "Full marks after review", true, null],
    ["empty note", 7, 10, "", false, "note_required"],
    ["blank note", 7, 10, "   \n", false, "note_required"],
    ["negative", -1, 10, "x", false, "out_of_range"],
    ["above the maximum", 10.5, 10, "x", false, "out_of_range"],
    ["not a number", Number.NaN, 10, "x", false, "out_of_range"],
    ["a note too long", 5, 10, "x".repeat(2001), false, "out_of_range"],
  ])("%s", (_label, value, max, note, ok, reason) => {
    const r = checkAdjustment(value, max, note);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect([r.reason, r.message.length > 0]).toEqual([reason, true]);
  });
});
