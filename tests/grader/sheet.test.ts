import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeSubmission } from "@/lib/grader";
import { modelAnswers } from "@/lib/grader/model-answers";
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { ENGINE_VERSION } from "@/lib/engine/version";
import { scenario, scenarioIds } from "../helpers/scenarios";

describe("the public sheet gives nothing away", () => {
  test.each(scenarioIds())("%s: no shown value equals an asked value", (id) => {
    const s = scenario(id);
    for (const difficulty of DIFFICULTIES) {
      for (const seed of [0, 5, 9]) {
        const key = buildAnswerKey(s, seed, difficulty);
        const secrets = new Set(key.blanks.flatMap((b) => [b.expected, ...b.parts.map((p) => p.expected)]));
        const shown = key.sheet.flows.flatMap((f) => f.rows.flatMap((r) => r.context.map((c) => c.value)));
        expect(shown.filter((v) => secrets.has(v))).toEqual([]);
        const json = JSON.stringify(key.sheet);
        expect(json).not.toContain('"expected"');
        expect(json).not.toContain('"refs"');
        for (const b of key.blanks) if (b.kind === "order") expect(b.options!.map((o) => o.id)).not.toEqual(b.parts.map((p) => p.expected));
      }
    }
  });

  test("harder levels ask more", () => {
    const s = scenario("browser-to-google");
    const counts = DIFFICULTIES.map((d) => buildAnswerKey(s, 0, d).blanks.length);
    expect(counts[0]).toBeLessThan(counts[1]!);
    expect(counts[1]).toBeLessThan(counts[2]!);
  });
});

describe("regrading", () => {
  test("records the content hash, engine version and seed, and regrades identically", () => {
    const s = scenario("two-offices-same-subnet");
    const key = buildAnswerKey(s, 4, "intermediate");
    const submission = { seed: 4, difficulty: "intermediate" as const, answers: modelAnswers(key) };
    const first = gradeSubmission({ scenario: s, contentHash: "v1" }, submission);
    const again = gradeSubmission({ scenario: s, contentHash: "v1" }, submission);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ contentHash: "v1", engineVersion: ENGINE_VERSION, seed: 4, percent: 100 });
    const changed = gradeSubmission({ scenario: s, contentHash: "v2" }, submission);
    expect(changed.contentHash).toBe("v2");
  });
});
