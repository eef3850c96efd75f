import { describe, expect, test } from "vitest";
import { buildAnswerKey, buildAnswerSheet } from "@/lib/grader";
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { scenario, scenarioIds } from "../helpers/scenarios";

// A student's view is built with buildAnswerSheet (no explanations): it must be the key's sheet, exactly.
describe("the sheet alone is the key's sheet", () => {
  test.each(scenarioIds())("%s: the same sheet at every difficulty, for catalogue and salted keyings", (id) => {
    const s = scenario(id);
    for (const difficulty of DIFFICULTIES) {
      for (const seed of [0, 7, 12_345]) {
        expect(buildAnswerSheet(s, seed, difficulty)).toEqual(buildAnswerKey(s, seed, difficulty).sheet);
        const keying = { salt: `salt-${seed}` };
        expect(buildAnswerSheet(s, seed, difficulty, keying)).toEqual(buildAnswerKey(s, seed, difficulty, keying).sheet);
      }
    }
  });

  test("a different salt keys the options differently (the salt is used, not ignored)", () => {
    const s = scenario("aws-private-subnet-nat");
    const a = JSON.stringify(buildAnswerSheet(s, 3, "advanced", { salt: "one" }));
    const b = JSON.stringify(buildAnswerSheet(s, 3, "advanced", { salt: "two" }));
    expect(a).not.toEqual(b);
  });
});
