/**
 * What a learner reads is fully rendered: for every scenario, difficulty and several seeds, the
 * story and the questions hold no unrendered template, no doubled prefix ("10.0.0.0/16/16") and no
 * "undefined" or "NaN"; and a beginner is asked enough to practise with.
 */
import { describe, expect, test } from "vitest";
import { buildAnswerKey } from "@/lib/grader";
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { scenario, scenarioIds } from "../helpers/scenarios";

const SEEDS = [0, 1, 2, 7, 42, 1234];
const MIN_BEGINNER_BLANKS = 6;

const PROBLEMS: readonly (readonly [string, RegExp])[] = [
  ["an unrendered template", /\$\{|\{\{/],
  ["a doubled prefix", /\d+\.\d+\.\d+\.\d+\/\d+\/\d+/],
  ["undefined", /\bundefined\b/],
  ["NaN", /\bNaN\b/],
];

describe.each(scenarioIds())("%s", (id) => {
  test.each(DIFFICULTIES)("the story and questions are fully rendered at %s", (difficulty) => {
    const found: string[] = [];
    for (const seed of SEEDS) {
      const sheet = buildAnswerKey(scenario(id), seed, difficulty).sheet;
      const texts = [sheet.story, sheet.title, ...sheet.flows.flatMap((f) => [f.title, f.question ?? "", ...f.questions.map((q) => q.prompt), ...f.rows.map((r) => r.title)])];
      for (const text of texts) for (const [name, pattern] of PROBLEMS) if (pattern.test(text)) found.push(`seed ${seed}: ${name} in "${pattern.exec(text)?.[0]}" (${text.slice(0, 80)})`);
    }
    expect(found.slice(0, 5)).toEqual([]);
  });

  test(`a beginner is asked at least ${MIN_BEGINNER_BLANKS} blanks`, () => {
    expect(buildAnswerKey(scenario(id), 0, "beginner").blanks.length).toBeGreaterThanOrEqual(MIN_BEGINNER_BLANKS);
  });
});
