/**
 * The simulation worker pool keeps the server responsive: while hostile simulations run, the event
 * loop that answers /api/health is not held (asserted generously: a shared machine is noisy, but
 * an in-process simulation of this size would hold it for seconds); a full queue is refused with
 * 503 and Retry-After instead of piling up work.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST as grade } from "@/app/api/v1/grade/route";
import { POST as simulate } from "@/app/api/v1/simulate/route";
import { closeSimulationPool, warmSimulationPool } from "@/lib/server/simulation-pool/pool";
import { hostileScenarioYaml } from "@/scripts/lib/hostile-scenarios";
import { call, json } from "./support/api-client";
import { actAs, newGuest } from "./support/mock-owner";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));
// No database here: the variant guard (tested in variant-guard.test.ts) sees no open attempt.
vi.mock("@/lib/server/practice/variant-guard", () => import("./support/no-variant-in-practice"));
actAs(newGuest());

/** Hostile but admitted: 80 flows in a text the raised limits allow (seconds of CPU each). */
const ROOMY = { HOPWISE_SIM_MAX_SCENARIO_BYTES: "1000000", HOPWISE_SIM_MAX_FLOWS: "1000", HOPWISE_SIM_MAX_EVENTS: "100000000", HOPWISE_SIM_MAX_OUTPUT_BYTES: "1000000000", HOPWISE_SIM_MAX_JOB_MS: "60000", HOPWISE_SIM_MAX_QUEUE_WAIT_MS: "60000" };
const heavy = hostileScenarioYaml({ flows: 80 });

function stub(env: Record<string, string>) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
}

afterEach(async () => {
  await closeSimulationPool();
  vi.unstubAllEnvs();
});

const post = () => call(simulate, "POST", "/api/v1/simulate", { body: { scenario: heavy, seed: 1 } });

describe("the simulation pool", () => {
  test("health stays quick while hostile simulations keep the pool busy", async () => {
    stub({ ...ROOMY, HOPWISE_SIM_THREADS: "1" });
    const hostile = Promise.all([post(), post(), post()]);
    const started = performance.now();
    let slowestHealthMs = 0;
    let healthChecks = 0;
    let done = false;
    void hostile.finally(() => (done = true));
    while (!done) {
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 20));
      expect(health().status).toBe(200);
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - t - 20);
      healthChecks++;
    }
    const hostileMs = performance.now() - started;
    const statuses = (await hostile).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200]);
    // The hostile work was substantial, and never held the loop for more than a small part of it.
    expect(hostileMs).toBeGreaterThan(1_000);
    expect(healthChecks).toBeGreaterThan(10);
    expect(slowestHealthMs).toBeLessThan(Math.max(250, hostileMs / 4));
  });

  test("past the queue limit a request is refused with 503 and Retry-After", async () => {
    stub({ ...ROOMY, HOPWISE_SIM_THREADS: "1", HOPWISE_SIM_MAX_QUEUE: "1" });
    const responses = await Promise.all([post(), post(), post(), post()]);
    const refused = responses.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    for (const r of refused) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await json(r)).error).toMatchObject({ code: "busy" });
    }
  });

  test("a job that waits longer than the queue wait is refused with 503, not left waiting", async () => {
    stub({ ...ROOMY, HOPWISE_SIM_THREADS: "1", HOPWISE_SIM_MAX_QUEUE_WAIT_MS: "100" });
    await warmSimulationPool();
    // The thread is up and has run a job, so the first request starts at once.
    expect((await call(simulate, "POST", "/api/v1/simulate", { body: { scenarioId: "browser-to-google" } })).status).toBe(200);
    const [first, second] = await Promise.all([post(), post()]);
    expect(first!.status).toBe(200);
    expect(second!.status).toBe(503);
    expect((await json(second!)).error.message).toContain("100 ms");
  });

  test("gradings run on their own pool: with no room in its queue, /grade answers 503 with Retry-After", async () => {
    stub({ HOPWISE_GRADE_MAX_QUEUE: "0", HOPWISE_GRADE_MAX_QUEUE_WAIT_MS: "3000" });
    const response = await call(grade, "POST", "/api/v1/grade", { body: { scenarioId: "browser-to-google", seed: 1, difficulty: "beginner", answers: {} } });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("3");
    expect((await json(response)).error.code).toBe("busy");
  });
});
