import { describe, expect, test } from "vitest";
import { applyAttemptEvent } from "@/lib/assessment/attempt";
import { checkAssessment } from "@/lib/assessment/check";
import { fixDeadline } from "@/lib/assessment/deadline";
import { drawQuestions } from "@/lib/assessment/draw";
import { explainRules } from "@/lib/assessment/explain";
import { visibleFeedback } from "@/lib/assessment/feedback";
import { effectiveRules, type AssessmentOverride } from "@/lib/assessment/rules";
import { scoreAssessment, scoreAttempt } from "@/lib/assessment/scoring";
import { assessmentStatistics } from "@/lib/assessment/statistics";
import { at, CATALOGUE, exam } from "./support";

/** Freezes a value and everything inside it, so any write by the code under test throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The core's results are plain data (they survive JSON, so the server can store and send them as
 * they are) and it never writes to its inputs (they are frozen here: a write would throw).
 */
const DEF = deepFreeze(exam((d) => { d.feedback = { score: "after-submit" }; }));
const OVERRIDES: readonly AssessmentOverride[] = deepFreeze([{ id: "o", studentId: "ann", reason: "r", close: "2027-03-08T13:00:00Z" }]);
const NOW = at("2027-03-08T10:00:00Z");
const RULES = deepFreeze(effectiveRules(DEF, OVERRIDES, { id: "ann", timeFactor: 1.5 }, NOW));
const DRAWN = deepFreeze(drawQuestions(DEF, { secret: "s3cret-s3cret-s3cret", studentId: "ann", attemptNumber: 1 }));

describe("plain data in, plain data out, inputs untouched", () => {
  test.each([
    ["checkAssessment", () => checkAssessment(DEF, CATALOGUE)],
    ["effectiveRules", () => effectiveRules(DEF, OVERRIDES, { id: "ann", timeFactor: 1.5 }, NOW)],
    ["explainRules", () => explainRules(DEF, RULES)],
    ["fixDeadline", () => fixDeadline(RULES, NOW)],
    ["drawQuestions", () => drawQuestions(DEF, { secret: "s3cret-s3cret-s3cret", studentId: "ann", attemptNumber: 1 })],
    ["scoreAttempt", () => scoreAttempt(DEF, DRAWN, deepFreeze({ z0q0: 1, z1q0: 0.5 }), deepFreeze({ timeliness: "on-time", percent: 100 }))],
    ["scoreAssessment", () => scoreAssessment(DEF, deepFreeze([{ attemptNumber: 2, percent: 50 }, { attemptNumber: 1, percent: 70 }]))],
    ["visibleFeedback", () => visibleFeedback(DEF, deepFreeze({ submittedAt: NOW, closesAt: NOW + 1 }), NOW)],
    ["applyAttemptEvent", () => applyAttemptEvent(null, deepFreeze({ type: "started", at: NOW, deadline: NOW + 60_000 }))],
    ["assessmentStatistics", () => assessmentStatistics(deepFreeze([
      { studentId: "a", questions: [{ questionId: "q", earned: 1, possible: 2, seconds: 10, fields: [{ at: "h", field: "f", status: "wrong" as const, misconception: "m" }] }] },
      { studentId: "b", questions: [{ questionId: "q", earned: 2, possible: 2, seconds: null, fields: [] }] },
    ]))],
  ])("%s", (_label, run) => {
    const out = run();
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});
