import { describe, expect, test } from "vitest";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { feedbackCloseMs, visibleFeedback } from "@/lib/assessment/feedback";
import type { AssessmentOverride } from "@/lib/assessment/rules";
import { FEEDBACK_PARTS } from "@/lib/assessment/schema";
import { at, exam } from "./support";

// One part per moment, so each row shows exactly which moments have arrived.
const DEF = exam((d) => {
  d.feedback = { score: "after-submit", correctness: "after-close", expected: { date: "2027-03-10T09:00:00Z" }, misconceptions: "never", journey: "after-close" };
});
const SUBMITTED = at("2027-03-08T10:15:00Z");
const CLOSES = at("2027-03-08T12:00:00Z");
const DATE = at("2027-03-10T09:00:00Z");
const submitted = { submittedAt: SUBMITTED, closesAt: CLOSES };

describe("visibleFeedback: each moment at its edges", () => {
  test.each([
    ["not submitted, long after everything", { submittedAt: null, closesAt: CLOSES }, at("2030-01-01T00:00:00Z"), []],
    ["1 ms before the submit was recorded", submitted, SUBMITTED - 1, []],
    ["at the submit", submitted, SUBMITTED, ["score"]],
    ["exactly at close", submitted, CLOSES, ["score"]],
    ["at close + grace (a submit may still arrive)", submitted, CLOSES + GRACE_MS, ["score"]],
    ["1 ms after close + grace", submitted, CLOSES + GRACE_MS + 1, ["score", "correctness", "journey"]],
    ["1 ms before the date", submitted, DATE - 1, ["score", "correctness", "journey"]],
    ["at the date", submitted, DATE, ["score", "correctness", "expected", "journey"]],
    ["no close date: after-close never comes", { submittedAt: SUBMITTED, closesAt: null }, at("2030-01-01T00:00:00Z"), ["score", "expected"]],
  ])("%s", (_label, attempt, now, parts) => {
    expect(visibleFeedback(DEF, attempt, now).parts).toEqual(parts);
  });

  test("the detail says from when each hidden part will show", () => {
    const v = visibleFeedback(DEF, submitted, SUBMITTED);
    expect(v.detail.map((d) => [d.part, d.visible, d.from])).toEqual([
      ["score", true, SUBMITTED],
      ["correctness", false, CLOSES + GRACE_MS + 1],
      ["expected", false, DATE],
      ["misconceptions", false, null],
      ["journey", false, CLOSES + GRACE_MS + 1],
    ]);
  });

  test("the default is after close for every part: nothing leaks during or right after an exam", () => {
    const v = visibleFeedback(exam(), submitted, SUBMITTED + 1);
    expect(v.parts).toEqual([]);
    expect(v.detail.map((d) => d.moment)).toEqual(FEEDBACK_PARTS.map(() => "after-close"));
  });
});

describe("feedbackCloseMs: after close starts when nobody may hand in any more", () => {
  const o = (f: Partial<AssessmentOverride>): AssessmentOverride => ({ id: "o", studentId: "ann", reason: "r", ...f });
  test.each([
    ["the close date", exam(), [], CLOSES],
    ["the late date when there is one", exam((d) => { d.access.late = { until: "2027-03-08T13:00:00Z", creditPercent: 50 }; }), [], at("2027-03-08T13:00:00Z")],
    ["an extended student's close", exam(), [o({ close: "2027-03-08T15:00:00Z" })], at("2027-03-08T15:00:00Z")],
    ["an extended student's late date", exam(), [o({ lateUntil: "2027-03-09T15:00:00Z" })], at("2027-03-09T15:00:00Z")],
    ["an override that closes earlier changes nothing", exam(), [o({ close: "2027-03-08T11:00:00Z" })], CLOSES],
    ["no close date: never", exam((d) => { delete d.access.close; }), [o({ close: "2027-03-08T15:00:00Z" })], null],
  ])("%s", (_label, def, overrides, expected) => {
    expect(feedbackCloseMs(def, overrides)).toBe(expected);
  });
});
