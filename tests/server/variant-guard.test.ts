/**
 * The study routes cannot be pointed at a live attempt's variant: /grade, /simulate (by id or
 * inline) and /scenarios/:id/sheet answer 409 `variant_in_practice` while an attempt on the same
 * variant (same fingerprint, whatever the seed or difficulty) is in progress, and serve it again
 * once that attempt is submitted. Attempts get seeds outside the public range.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test, vi } from "vitest";
import { POST as grade } from "@/app/api/v1/grade/route";
import { POST as simulate } from "@/app/api/v1/simulate/route";
import { GET as getSheet } from "@/app/api/v1/scenarios/[id]/sheet/route";
import { simulate as runSimulation } from "@/lib/simulate";
import { seedFingerprint, variantFingerprint } from "@/lib/scenario/fingerprint";
import { getScenario } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { startPractice, submitPractice } from "@/lib/server/practice";
import { ATTEMPT_SEED_MIN, drawAttemptSecrets, PUBLIC_SEED_MAX } from "@/lib/server/practice/secrets";
import { call, json } from "./support/api-client";
import { actAs, newGuest } from "./support/mock-owner";
import { describeEachDatabase } from "./support/test-database";
import { seedAttempt, seedCourseWithAssessment } from "./support/exam-fixture";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));

const GOOGLE = "browser-to-google";
const googleYaml = fs.readFileSync(path.join(__dirname, "../../content/scenarios/browser-to-google.yaml"), "utf8");
const scenario = () => getScenario(GOOGLE)!.scenario;

/** Every public route that could grade, simulate or show the variant for (seed, difficulty). */
const routes = (seed: number) => [
  { label: "POST /grade", run: () => call(grade, "POST", "/api/v1/grade", { body: { scenarioId: GOOGLE, seed, difficulty: "advanced", answers: {} } }) },
  { label: "POST /simulate by id", run: () => call(simulate, "POST", "/api/v1/simulate", { body: { scenarioId: GOOGLE, seed } }) },
  { label: "POST /simulate inline", run: () => call(simulate, "POST", "/api/v1/simulate", { body: { scenario: googleYaml, seed } }) },
  { label: "GET /scenarios/:id/sheet", run: () => call(getSheet, "GET", `/api/v1/scenarios/${GOOGLE}/sheet`, { params: { id: GOOGLE }, query: { seed: String(seed), difficulty: "intermediate" } }) },
];

describe("fingerprints and seeds", () => {
  test("a trace's fingerprint is its seed's fingerprint; other seeds differ", () => {
    const trace = runSimulation(scenario(), { seed: 4242 });
    expect(variantFingerprint(trace.scenarioId, trace.variables)).toBe(seedFingerprint(scenario(), 4242));
    expect(seedFingerprint(scenario(), 4243)).not.toBe(seedFingerprint(scenario(), 4242));
    expect(variantFingerprint("other-id", trace.variables)).not.toBe(seedFingerprint(scenario(), 4242));
  });

  test("attempts draw seeds above the public range, with fresh salts and labels", () => {
    const drawn = Array.from({ length: 200 }, () => drawAttemptSecrets(scenario()));
    expect(drawn.every((d) => d.seed >= ATTEMPT_SEED_MIN && d.seed > PUBLIC_SEED_MAX && d.seed <= 2_147_483_646)).toBe(true);
    expect(new Set(drawn.map((d) => d.optionSalt)).size).toBe(200);
    expect(new Set(drawn.map((d) => d.seed)).size).toBeGreaterThan(195);
    expect(drawn.every((d) => !d.label.includes(String(d.seed)))).toBe(true);
  });
});


describeEachDatabase("variant guard", () => {
  test("an attempt on a public variant (possible only through a tool) closes it on every study route until submitted", async () => {
    const owner = newGuest();
    actAs(owner);
    const seed = 4_100 + Math.floor(Math.random() * 800);
    const started = await startPractice(owner, GOOGLE, "beginner", seed);
    if (!started.ok) throw new Error("no attempt");
    for (const route of routes(seed)) {
      const response = await route.run();
      expect({ route: route.label, status: response.status }).toEqual({ route: route.label, status: 409 });
      expect((await json(response)).error.code).toBe("variant_in_practice");
    }
    for (const route of routes(seed + 1)) expect({ route: route.label, status: (await route.run()).status }).toEqual({ route: route.label, status: 200 });

    expect((await submitPractice(started.attempt.id, owner)).ok).toBe(true);
    for (const route of routes(seed)) expect({ route: route.label, status: (await route.run()).status }).toEqual({ route: route.label, status: 200 });
  });

  test("two seeds that draw the same variant: refused by fingerprint, not by seed", async () => {
    const owner = newGuest();
    actAs(owner);
    const started = await startPractice(owner, GOOGLE, "advanced");
    if (!started.ok) throw new Error("no attempt");
    const publicSeed = 5_000 + Math.floor(Math.random() * 800);
    expect(started.attempt.seed).not.toBe(publicSeed);
    // As if the variable pools were so small that the attempt's secret seed drew this public seed's values.
    await getDb().attempt.update({ where: { id: started.attempt.id }, data: { variantFingerprint: seedFingerprint(scenario(), publicSeed) } });
    for (const route of routes(publicSeed)) expect({ route: route.label, status: (await route.run()).status }).toEqual({ route: route.label, status: 409 });
  });

  test("another learner's open attempt closes the variant too (a second account is free)", async () => {
    const seed = 5_900 + Math.floor(Math.random() * 90);
    const started = await startPractice(newGuest(), GOOGLE, "intermediate", seed);
    if (!started.ok) throw new Error("no attempt");
    actAs(newGuest());
    expect((await routes(seed)[0]!.run()).status).toBe(409);
    actAs(null);
    expect((await routes(seed)[1]!.run()).status).toBe(409);
  });
});

describeEachDatabase("variant guard: assessment questions", () => {
  test("a question drawn for an assessment attempt in progress closes its variant on every study route until the attempt is submitted", async () => {
    actAs(newGuest());
    const { course, assessment } = await seedCourseWithAssessment("homework");
    const { attempt } = await seedAttempt(assessment.id, course.id);
    const publicSeed = 6_000 + Math.floor(Math.random() * 800);
    // As if the attempt's secret seed drew the same values as this public seed.
    await getDb().attemptQuestion.create({
      data: {
        attemptId: attempt.id, slot: "z0q0", zone: 0, alternative: 0, scenarioId: GOOGLE, difficulty: "beginner", points: 10, seed: 123_456,
        contentHash: getScenario(GOOGLE)!.contentHash, engineVersion: "test", optionSalt: "salt-of-the-test-question", variantFingerprint: seedFingerprint(scenario(), publicSeed),
      },
    });
    for (const route of routes(publicSeed)) {
      const response = await route.run();
      expect({ route: route.label, status: response.status }).toEqual({ route: route.label, status: 409 });
      expect((await json(response)).error.code).toBe("variant_in_practice");
    }
    await getDb().assessmentAttempt.update({ where: { id: attempt.id }, data: { status: "submitted", submittedAt: new Date() } });
    for (const route of routes(publicSeed)) expect({ route: route.label, status: (await route.run()).status }).toEqual({ route: route.label, status: 200 });
  });
});
