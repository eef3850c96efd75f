import { describe, expect, test } from "vitest";
import { drawQuestions, FIRST_ASSESSMENT_SEED, VARIANT_SEED_COUNT, VARIANT_SEED_MAX } from "@/lib/assessment/draw";
import { homework } from "./support";

const SECRET = "s3cret-s3cret-s3cret";
// Zone A draws 1 of 2, zone B draws 2 of 3.
const PER_STUDENT = homework();
const SAME = homework((d) => { d.variants = "same-for-everyone"; });
const draw = (def = PER_STUDENT, studentId = "ann", attemptNumber = 1, secret = SECRET) => drawQuestions(def, { secret, studentId, attemptNumber });
const picks = (qs: ReturnType<typeof draw>) => qs.map((q) => `${q.zone}:${q.alternative}:${q.seed}`).join(" ");

describe("drawQuestions", () => {
  test("each zone gets `choose` distinct alternatives, in the zone's order, with slots and seeds", () => {
    const qs = draw();
    expect(qs.map((q) => q.zone)).toEqual([0, 1, 1]);
    expect(qs.map((q) => q.slot)).toEqual(["z0q0", "z1q0", "z1q1"]);
    expect(qs[1]!.alternative).toBeLessThan(qs[2]!.alternative);
    for (const q of qs) {
      expect(q.seed).toBeGreaterThanOrEqual(FIRST_ASSESSMENT_SEED);
      expect(q.seed).toBeLessThanOrEqual(VARIANT_SEED_MAX);
      expect(q.scenarioId).toBe(PER_STUDENT.zones[q.zone]!.alternatives[q.alternative]!.scenario);
    }
  });

  test("deterministic: the same inputs give the same draw", () => {
    expect(draw()).toEqual(draw());
  });

  test.each([
    ["another student", () => draw(PER_STUDENT, "bob")],
    ["another attempt", () => draw(PER_STUDENT, "ann", 2)],
    ["another secret", () => draw(PER_STUDENT, "ann", 1, "another-secret-value")],
  ])("per-student mode: %s gets other seeds", (_label, other) => {
    expect(other().map((q) => q.seed)).not.toEqual(draw().map((q) => q.seed));
  });

  test("same-for-everyone mode: every student's n-th attempt is identical, the next attempt differs", () => {
    const ann = picks(draw(SAME, "ann"));
    for (const s of ["bob", "cho", "dev", "eve"]) expect(picks(draw(SAME, s))).toBe(ann);
    expect(picks(draw(SAME, "ann", 2))).not.toBe(ann);
  });

  test("ids that would collide when joined naively stay apart", () => {
    const a = drawQuestions({ ...PER_STUDENT, id: "a|b" }, { secret: SECRET, studentId: "c", attemptNumber: 1 });
    const b = drawQuestions({ ...PER_STUDENT, id: "a" }, { secret: SECRET, studentId: "b|c", attemptNumber: 1 });
    expect(picks(a)).not.toBe(picks(b));
  });

  test.each([
    ["attempt 0", { secret: SECRET, studentId: "ann", attemptNumber: 0 }, /attemptNumber/],
    ["attempt 1.5", { secret: SECRET, studentId: "ann", attemptNumber: 1.5 }, /attemptNumber/],
    ["a short secret", { secret: "short", studentId: "ann", attemptNumber: 1 }, /secret/],
  ])("refuses %s", (_label, input, message) => {
    expect(() => drawQuestions(PER_STUDENT, input)).toThrow(message);
  });
});

describe("draws are uniform and independent (3,000 students)", () => {
  const N = 3000;
  const draws = Array.from({ length: N }, (_, i) => draw(PER_STUDENT, `student-${i}`));

  // Chi-square with the 0.1% critical value: a correct draw fails this about once in a thousand
  // runs of *different* data; the data here is fixed, so the test is deterministic.
  const chiSquare = (counts: number[], expected: number) => counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);

  test("zone A: each of its 2 alternatives about half the time", () => {
    const counts = [0, 0];
    for (const qs of draws) counts[qs[0]!.alternative]! += 1;
    expect(chiSquare(counts, N / 2)).toBeLessThan(10.83); // 1 degree of freedom
  });

  test("zone B: each of its 3 pairs about a third of the time", () => {
    const pairs = new Map<string, number>();
    for (const qs of draws) {
      const key = `${qs[1]!.alternative}${qs[2]!.alternative}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect([...pairs.keys()].sort()).toEqual(["01", "02", "12"]);
    expect(chiSquare([...pairs.values()], N / 3)).toBeLessThan(13.82); // 2 degrees of freedom
  });

  test("zone A's pick tells nothing about zone B's (the 6 joint outcomes are even)", () => {
    const joint = new Map<string, number>();
    for (const qs of draws) {
      const key = `${qs[0]!.alternative}/${qs[1]!.alternative}${qs[2]!.alternative}`;
      joint.set(key, (joint.get(key) ?? 0) + 1);
    }
    expect(joint.size).toBe(6);
    expect(chiSquare([...joint.values()], N / 6)).toBeLessThan(20.52); // 5 degrees of freedom
  });

  test("seeds spread over their range (10 deciles) and rarely repeat", () => {
    const seeds = draws.map((qs) => qs[0]!.seed);
    const deciles = new Array<number>(10).fill(0);
    for (const s of seeds) deciles[Math.floor(((s - FIRST_ASSESSMENT_SEED) / VARIANT_SEED_COUNT) * 10)]! += 1;
    expect(chiSquare(deciles, N / 10)).toBeLessThan(27.88); // 9 degrees of freedom
    // 3,000 draws from a million: about 4.5 collisions expected by the birthday bound.
    expect(N - new Set(seeds).size).toBeLessThan(15);
  });
});

describe("the draw is pinned: changing it would re-draw every stored attempt", () => {
  test("the example exam, for one student, gives these questions and seeds", async () => {
    const { createHmac } = await import("node:crypto");
    const { loadAssessmentText } = await import("@/lib/assessment/load");
    const { fixtureText } = await import("./support");
    const loaded = loadAssessmentText(fixtureText(), "f.yaml");
    if (!loaded.ok) throw new Error("fixture");
    const secret = "golden-secret-0001";
    const qs = drawQuestions(loaded.definition, { secret, studentId: "ann", attemptNumber: 1 });
    expect(qs.map((q) => [q.slot, q.scenarioId, q.seed])).toEqual([
      ["z0q0", "browser-to-google", 61727],
      ["z1q0", "aws-private-subnet-nat", 660571],
      ["z1q1", "two-offices-same-subnet", 590494],
    ]);
    // The seeds follow the documented derivation, recomputed with Node's own HMAC: the first
    // 32-bit word of HMAC(secret, JSON[id, "student:<id>", attempt] + "|zone:z|alternative:a|seed#0"),
    // modulo 1,000,000, plus 10,000 (above every public seed).
    for (const q of qs) {
      const label = `${JSON.stringify([loaded.definition.id, "student:ann", 1])}|zone:${q.zone}|alternative:${q.alternative}|seed#0`;
      const word = createHmac("sha256", secret).update(label).digest().readUInt32BE(0);
      expect(q.seed).toBe(10_000 + (word % 1_000_000));
    }
  });
});
