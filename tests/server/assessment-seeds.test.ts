import { describe, expect, test } from "vitest";
import { FIRST_ASSESSMENT_SEED, VARIANT_SEED_MAX } from "@/lib/assessment/draw";
import { ATTEMPT_SEED_MAX, PUBLIC_SEED_MAX } from "@/lib/server/practice/secrets";

describe("assessment seeds are out of the public routes' reach", () => {
  test.each([
    ["the first assessment seed is above every public seed", FIRST_ASSESSMENT_SEED > PUBLIC_SEED_MAX],
    ["the last assessment seed fits the seed column", VARIANT_SEED_MAX <= ATTEMPT_SEED_MAX],
  ])("%s", (_label, holds) => {
    expect(holds).toBe(true);
  });
});
