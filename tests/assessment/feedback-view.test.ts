/**
 * The results view keeps only the visible feedback parts: each part's data appears exactly when
 * it is listed, and without "expected" no expected value of the grading is anywhere in the view
 * (whatever else is shown), because the grader's sentences and reasons quote them.
 */
import { describe, expect, test } from "vitest";
import { attemptFeedback, questionFeedback, type QuestionGrading } from "@/lib/assessment/feedback-view";
import { FEEDBACK_PARTS, type FeedbackPart } from "@/lib/assessment/schema";
import { buildAnswerKey, gradeAnswers } from "@/lib/grader";
import { scenario } from "../helpers/scenarios";
import { distinctiveValues, leaks } from "../helpers/leaks";

const file = scenario("browser-to-google");
const key = buildAnswerKey(file, 4321, "advanced");
// Every answer wrong, so no expected value reaches the view through what the student typed.
const answers = Object.fromEntries(key.blanks.map((b) => [b.id, "10.99.99.99"]));
const result = gradeAnswers(key, answers, { scenario: file, contentHash: "test" });
const question: QuestionGrading = { slot: "z0q0", title: "A browser", points: 20, answers, result };

/** Every subset of the five parts. */
const SUBSETS: FeedbackPart[][] = Array.from({ length: 32 }, (_, mask) => FEEDBACK_PARTS.filter((_, i) => mask & (1 << i)));
// The labels are the public sheet's own words ("does the cache have google.com?"): shown before any answer.
const noContext = { story: "", cells: result.fields.map((f) => f.label), diagram: [] };

describe("questionFeedback: each part appears exactly when listed", () => {
  test.each(SUBSETS.map((parts) => [parts.join("+") || "(nothing)", parts] as const))("%s", (_label, parts) => {
    const view = questionFeedback(question, parts);
    const field = view.fields.find((f) => result.fields.some((r) => r.id === f.id && r.misconception))
      ?? view.fields[0]!;
    expect(view.fields.length).toBe(result.fields.length);
    expect(view.earned !== undefined).toBe(parts.includes("score"));
    expect(field.status !== undefined).toBe(parts.includes("correctness"));
    expect(view.firstDivergence !== undefined).toBe(parts.includes("correctness"));
    expect(field.expected !== undefined && field.reason !== undefined).toBe(parts.includes("expected"));
    expect(view.misconceptions !== undefined).toBe(parts.includes("misconceptions"));
    if (!parts.includes("expected")) {
      expect(key.blanks.flatMap((b) => distinctiveValues(b)).length).toBeGreaterThan(5);
      expect(leaks(view, key.blanks, noContext)).toEqual([]);
    } else {
      // The check is live: with the part, the values are there.
      expect(leaks(view, key.blanks, noContext).length).toBeGreaterThan(5);
    }
  });
});

describe("attemptFeedback", () => {
  test.each([
    ["score visible", ["score"] as FeedbackPart[], { earned: 12.5, possible: 20 }],
    ["score hidden", ["correctness"] as FeedbackPart[], undefined],
  ])("%s", (_label, parts, score) => {
    const view = attemptFeedback([question], { earned: 12.5, possible: 20 }, parts);
    expect(view.score).toEqual(score);
    expect(view.parts).toEqual(parts);
  });

  test("with the score part, a question's earned points scale the grader's score to its points", () => {
    const view = questionFeedback(question, ["score"]);
    expect(view.earned).toBeCloseTo((result.score / result.maxScore) * 20, 2);
  });

  test("an ungraded question shows only what was typed", () => {
    const view = questionFeedback({ ...question, result: null }, [...FEEDBACK_PARTS]);
    expect(view).toEqual({ slot: "z0q0", title: "A browser", points: 20, fields: [] });
  });
});
