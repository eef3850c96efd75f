/** The progress page's pure parts: what to practise next, drill totals, attempts as listed. */
import { describe, expect, test } from "vitest";
import type { AttemptRecord } from "@/lib/server/attempts";
import type { ScenarioSummary } from "@/lib/server/catalogue";
import { type ConceptProgress, suggestPractice, summariseDrills, toProgressAttempt } from "@/lib/server/progress";

function scenario(id: string, difficulty: ScenarioSummary["difficulty"], concepts: ScenarioSummary["concepts"]): ScenarioSummary {
  return { id, title: id.toUpperCase(), summary: "", difficulty, concepts, flows: 1, contentHash: "x" };
}

const SCENARIOS = [
  scenario("nat-advanced", "advanced", ["nat", "routing"]),
  scenario("nat-basics", "beginner", ["nat"]),
  scenario("dns-mid", "intermediate", ["dns", "tcp"]),
  scenario("tls", "beginner", ["tls"]),
];

const mastery = (concept: string, earned: number, possible: number): ConceptProgress => ({ concept, earned, possible, ratio: possible ? earned / possible : 0, attempts: 1 });

describe("suggestPractice", () => {
  test.each([
    {
      label: "nothing practised: fundamentals first, easiest scenario first",
      mastery: [],
      expected: [["routing", null, ["nat-advanced"]], ["nat", null, ["nat-basics", "nat-advanced"]], ["dns", null, ["dns-mid"]]],
    },
    {
      label: "the weakest practised concepts come first, then untouched ones",
      mastery: [mastery("dns", 1, 10), mastery("nat", 5, 10)],
      expected: [["dns", 0.1, ["dns-mid"]], ["nat", 0.5, ["nat-basics", "nat-advanced"]], ["routing", null, ["nat-advanced"]]],
    },
    {
      label: "mastered concepts are not suggested",
      mastery: [mastery("nat", 9, 10), mastery("routing", 10, 10), mastery("dns", 10, 10), mastery("tcp", 9, 10)],
      expected: [["tls", null, ["tls"]]],
    },
    {
      label: "a concept no scenario teaches is skipped",
      mastery: [mastery("kubernetes", 0, 10), mastery("tls", 2, 10)],
      expected: [["tls", 0.2, ["tls"]], ["routing", null, ["nat-advanced"]], ["nat", null, ["nat-basics", "nat-advanced"]]],
    },
  ])("$label", ({ mastery: m, expected }) => {
    const out = suggestPractice(m, SCENARIOS);
    expect(out.map((s) => [s.concept, s.ratio, s.scenarios.map((x) => x.id)])).toEqual(expected);
  });
});

describe("summariseDrills", () => {
  test.each([
    { label: "no drills", rows: [], drills: 0, correct: 0, total: 0, kinds: [] },
    {
      label: "sums across kinds, kinds sorted",
      rows: [{ kind: "subnet-facts", drills: 2, correct: 7, total: 10 }, { kind: "classful-class", drills: 3, correct: 2, total: 3 }],
      drills: 5, correct: 9, total: 13, kinds: ["classful-class", "subnet-facts"],
    },
  ])("$label", ({ rows, drills, correct, total, kinds }) => {
    const s = summariseDrills(rows);
    expect(s).toMatchObject({ drills, correct, total });
    expect(s.byKind.map((k) => k.kind)).toEqual(kinds);
  });
});

describe("toProgressAttempt", () => {
  const base = {
    id: "a1", userId: "u1", guestId: null, scenarioId: "browser-to-google", contentHash: "h", engineVersion: "1", seed: 3,
    difficulty: "beginner", mode: "practice", status: "submitted", answers: {}, result: {}, score: 7.5, maxScore: 10,
    createdAt: new Date("2026-11-20T10:00:00Z"), updatedAt: new Date("2026-11-20T10:05:00Z"), submittedAt: new Date("2026-11-20T10:05:00Z"),
  } as AttemptRecord;
  const titles = new Map([["browser-to-google", "What happens when you type google.com?"]]);

  test.each([
    { label: "graded", attempt: base, percent: 75, title: "What happens when you type google.com?" },
    { label: "in progress", attempt: { ...base, status: "in_progress", score: null, maxScore: null, submittedAt: null }, percent: null, title: "What happens when you type google.com?" },
    { label: "nothing to score", attempt: { ...base, score: 0, maxScore: 0 }, percent: null, title: "What happens when you type google.com?" },
    { label: "a scenario no longer in the catalogue", attempt: { ...base, scenarioId: "gone" }, percent: 75, title: "gone" },
  ])("$label", ({ attempt, percent, title }) => {
    const out = toProgressAttempt(attempt as AttemptRecord, titles);
    expect(out).toMatchObject({ id: "a1", percent, scenarioTitle: title, href: "/practice/a1", createdAt: "2026-11-20T10:00:00.000Z" });
  });
});
