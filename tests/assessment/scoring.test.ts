import { describe, expect, test } from "vitest";
import type { Credit } from "@/lib/assessment/deadline";
import { drawQuestions } from "@/lib/assessment/draw";
import { scoreAssessment, scoreAttempt, tryCredit } from "@/lib/assessment/scoring";
import { homework } from "./support";

// Zone A: 1 of 2 at 10 points; zone B: 2 of 3 at 5 points: 20 points per attempt.
const DEF = homework();
const DRAWN = drawQuestions(DEF, { secret: "s3cret-s3cret-s3cret", studentId: "ann", attemptNumber: 1 });
const ON_TIME: Credit = { timeliness: "on-time", percent: 100 };
const LATE_50: Credit = { timeliness: "late", percent: 50 };

describe("scoreAttempt: zone totals and the attempt total", () => {
  test.each([
    ["all right", { z0q0: 1, z1q0: 1, z1q1: 1 }, ON_TIME, [10, 10], 20, 100, 100],
    ["nothing answered", {}, ON_TIME, [0, 0], 0, 0, 0],
    // 10 x 0.5 + 5 x 1 + 5 x 0.2 = 5 + 6 = 11 of 20 = 55 %
    ["partly right", { z0q0: 0.5, z1q0: 1, z1q1: 0.2 }, ON_TIME, [5, 6], 11, 55, 55],
    ["late at 50 % credit: 55 % raw keeps 27.5 %", { z0q0: 0.5, z1q0: 1, z1q1: 0.2 }, LATE_50, [5, 6], 11, 55, 27.5],
    ["too late: nothing", { z0q0: 1, z1q0: 1, z1q1: 1 }, { timeliness: "too-late", percent: 0 } as Credit, [10, 10], 20, 100, 0],
    ["out-of-range and non-finite fractions are clamped", { z0q0: 1.7, z1q0: -1, z1q1: Number.NaN }, ON_TIME, [10, 0], 10, 50, 50],
    ["thirds do not show float dust", { z0q0: 1 / 3, z1q0: 1 / 3, z1q1: 1 / 3 }, ON_TIME, [3.333, 3.333], 6.666, 33.33, 33.33],
  ])("%s", (_label, fractions, credit, zoneEarned, earned, rawPercent, percent) => {
    const s = scoreAttempt(DEF, DRAWN, fractions, credit);
    expect(s.zones.map((z) => z.earned)).toEqual(zoneEarned);
    expect(s.zones.map((z) => [z.title, z.possible])).toEqual([["A", 10], ["B", 10]]);
    expect([s.earned, s.possible, s.rawPercent, s.percent]).toEqual([earned, 20, rawPercent, percent]);
  });
});

describe("tryCredit: the n-th attempt's cap", () => {
  test.each([
    [[100, 80, 60], 1, 100], [[100, 80, 60], 2, 80], [[100, 80, 60], 3, 60], [[100, 80, 60], 7, 60], [[100], 5, 100],
  ])("%j, attempt %i: %i %", (list, n, expected) => {
    expect(tryCredit(list, n)).toBe(expected);
  });
});

describe("scoreAssessment: best or last counts, with credit per try", () => {
  const withScoring = (counts: "best" | "last", creditPerTry: number[]) => homework((d) => { d.scoring = { counts, creditPerTry }; });
  test.each([
    ["best of three, no decay", withScoring("best", [100]), [50, 90, 70], 90, 2],
    ["last of three, no decay", withScoring("last", [100]), [50, 90, 70], 70, 3],
    // worth: 60 x 1.0 = 60, 90 x 0.8 = 72, 100 x 0.6 = 60
    ["best with [100, 80, 60]", withScoring("best", [100, 80, 60]), [60, 90, 100], 72, 2],
    ["last with [100, 80, 60]", withScoring("last", [100, 80, 60]), [60, 90, 100], 60, 3],
    ["a tie: the earlier attempt counts", withScoring("best", [100]), [80, 80], 80, 1],
    ["a single exam attempt", withScoring("best", [100]), [64.5], 64.5, 1],
  ])("%s", (_label, def, percents, percent, counted) => {
    // Given out of order: the attempt number decides, not the position.
    const attempts = percents.map((p, i) => ({ attemptNumber: i + 1, percent: p })).reverse();
    const s = scoreAssessment(def, attempts);
    expect([s.percent, s.countedAttempt]).toEqual([percent, counted]);
    expect(s.attempts.map((a) => a.attemptNumber)).toEqual(percents.map((_, i) => i + 1));
  });

  test("no graded attempt: 0 and none counted", () => {
    expect(scoreAssessment(DEF, [])).toEqual({ counts: "best", percent: 0, countedAttempt: null, attempts: [] });
  });
});
