import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeAnswers } from "@/lib/grader";
import { modelAnswers } from "@/lib/grader/model-answers";
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { scenario, scenarioIds } from "../helpers/scenarios";

const SEEDS = Array.from({ length: 100 }, (_, i) => i);

describe.each(scenarioIds())("%s", (id) => {
  test.each(DIFFICULTIES)("the simulator's own answers score full marks at %s, seeds 0..99", (difficulty) => {
    const s = scenario(id);
    const shortfalls: string[] = [];
    for (const seed of difficulty === "advanced" ? SEEDS : SEEDS.slice(0, 10)) {
      const key = buildAnswerKey(s, seed, difficulty);
      const result = gradeAnswers(key, modelAnswers(key), { scenario: s, contentHash: "test" });
      if (result.score !== result.maxScore) {
        shortfalls.push(`seed ${seed}: ${result.fields.filter((f) => f.status !== "correct").map((f) => `${f.id}: ${f.feedback}`).join("; ")}`);
      }
      expect(result.maxScore).toBeGreaterThan(0);
    }
    expect(shortfalls.slice(0, 3)).toEqual([]);
  });
});
