import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeAnswers } from "@/lib/grader";
import { modelAnswers } from "@/lib/grader/model-answers";
import { rngFor } from "@/lib/random";
import { scenario, scenarioIds } from "../helpers/scenarios";

const WEIRD: unknown[] = [
  null, undefined, 0, -1, 1e308, NaN, Infinity, true, "", " ", "\u0000", "a".repeat(100_000), "💥", "<script>alert(1)</script>",
  [], [1, 2, 3], {}, { inside: 5 }, { __proto__: { polluted: true } }, Object.create(null), "999.999.999.999:99999", "::", "1.2.3.4:", ":::1",
];

describe("random and hostile answers never throw", () => {
  test.each(scenarioIds())("%s", (id) => {
    const s = scenario(id);
    const key = buildAnswerKey(s, 3, "advanced");
    const ids = key.blanks.map((b) => b.id);
    const rng = rngFor(42, id);
    for (let round = 0; round < 200; round++) {
      const answers: Record<string, unknown> = {};
      for (const blankId of ids) if (rng.next() < 0.7) answers[blankId] = rng.pick(WEIRD);
      answers["not-a-blank"] = "x";
      answers["__proto__"] = { polluted: true };
      answers["constructor"] = "x";
      const result = gradeAnswers(key, answers, { scenario: s, contentHash: "t" });
      expect(result.fields).toHaveLength(ids.length);
      expect(Number.isFinite(result.score)).toBe(true);
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  test.each([null, undefined, 42, "answers", [], [1, 2], new Date(0)])("a whole submission of %s is graded as unanswered", (input) => {
    const s = scenario("browser-to-google");
    const key = buildAnswerKey(s, 0, "beginner");
    const result = gradeAnswers(key, input, { scenario: s, contentHash: "t" });
    expect(result.score).toBe(0);
    expect(result.fields.every((f) => f.status === "unanswered")).toBe(true);
  });

  test("unknown blank ids are reported, not graded", () => {
    const s = scenario("browser-to-google");
    const key = buildAnswerKey(s, 0, "beginner");
    const result = gradeAnswers(key, { ...modelAnswers(key), "nope/never": "1.2.3.4" }, { scenario: s, contentHash: "t" });
    expect(result.ignored).toEqual(["nope/never"]);
    expect(result.score).toBe(result.maxScore);
  });

  test("the same inputs always grade to the same result", () => {
    const s = scenario("browser-to-google");
    const key = buildAnswerKey(s, 7, "intermediate");
    const answers = { ...modelAnswers(key), "first-visit/tcp.syn@home-router/ip.ttl": "64" };
    const a = gradeAnswers(key, answers, { scenario: s, contentHash: "t" });
    const b = gradeAnswers(buildAnswerKey(s, 7, "intermediate"), answers, { scenario: s, contentHash: "t" });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
