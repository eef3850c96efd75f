/**
 * What one /api/v1/simulate request may ask for: each limit refused with its status, the code
 * "limit_exceeded" and a message naming the limit's value; a scenario within the limits still
 * simulates. Limits lowered through their environment variables show those are read per request.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import { POST as simulate } from "@/app/api/v1/simulate/route";
import { DEFAULT_SIMULATION_LIMITS as LIMITS } from "@/lib/scenario/limits";
import { closeSimulationPool } from "@/lib/server/simulation-pool/pool";
import { hostileScenario, hostileScenarioYaml } from "@/scripts/lib/hostile-scenarios";
import { call, json } from "./support/api-client";

// No request and no exam here: the lock has its own tests (tests/server/assessments/exam-lock.test.ts).
vi.mock("@/lib/server/assessments/exam-lock", () => import("./support/no-exam-lock"));

// No database here: the variant guard (tested in variant-guard.test.ts) sees no open attempt.
vi.mock("@/lib/server/practice/variant-guard", () => import("./support/no-variant-in-practice"));

const googleYaml = fs.readFileSync(path.join(__dirname, "../../content/scenarios/browser-to-google.yaml"), "utf8");

afterEach(() => vi.unstubAllEnvs());
afterAll(() => closeSimulationPool());

async function post(scenario: unknown) {
  const response = await call(simulate, "POST", "/api/v1/simulate", { body: { scenario, seed: 1 } });
  return { status: response.status, body: await json(response) };
}

describe("each limit is refused, naming it and its value", () => {
  test.each([
    { label: "scenario text over 64 KB → 413", env: {}, scenario: () => `# ${"x".repeat(LIMITS.maxScenarioBytes)}\n${googleYaml}`, status: 413, limit: "scenario_bytes", value: LIMITS.maxScenarioBytes },
    { label: "a JSON scenario object over the size too → 413", env: { HOPWISE_SIM_MAX_SCENARIO_BYTES: "4000" }, scenario: () => hostileScenario({ flows: 1 }), status: 413, limit: "scenario_bytes", value: 4000 },
    { label: `${LIMITS.maxFlows + 1} flows → 422`, env: {}, scenario: () => hostileScenarioYaml({ flows: LIMITS.maxFlows + 1 }), status: 422, limit: "flows", value: LIMITS.maxFlows },
    { label: "1,000 flows (the issue's 143 KB request) → 413, not a 164 MB trace", env: {}, scenario: () => hostileScenarioYaml({ flows: 1000 }), status: 413, limit: "scenario_bytes", value: LIMITS.maxScenarioBytes },
    { label: "1,000 flows in a text that may be that long → 422", env: { HOPWISE_SIM_MAX_SCENARIO_BYTES: "250000", HOPWISE_SIM_MAX_JOB_MS: "60000" }, scenario: () => hostileScenarioYaml({ flows: 1000 }), status: 422, limit: "flows", value: LIMITS.maxFlows },
    { label: `${LIMITS.maxStepsPerFlow + 1} steps in a flow → 422`, env: {}, scenario: () => hostileScenarioYaml({ stepsPerFlow: LIMITS.maxStepsPerFlow + 1 }), status: 422, limit: "steps_per_flow", value: LIMITS.maxStepsPerFlow },
    { label: `more than ${LIMITS.maxNodes} nodes → 422`, env: {}, scenario: () => hostileScenarioYaml({ extraNodes: LIMITS.maxNodes }), status: 422, limit: "nodes", value: LIMITS.maxNodes },
    { label: "flows and steps at their caps run out of events → 422", env: {}, scenario: () => hostileScenarioYaml({ flows: LIMITS.maxFlows, stepsPerFlow: LIMITS.maxStepsPerFlow }), status: 422, limit: "events", value: LIMITS.maxEvents },
    { label: "a trace over the output limit → 422", env: { HOPWISE_SIM_MAX_OUTPUT_BYTES: "50000" }, scenario: () => googleYaml, status: 422, limit: "output_bytes", value: 50000 },
    {
      label: "a run over the time limit is stopped → 422", env: { HOPWISE_SIM_MAX_JOB_MS: "30", HOPWISE_SIM_MAX_SCENARIO_BYTES: "250000", HOPWISE_SIM_MAX_FLOWS: "400", HOPWISE_SIM_MAX_EVENTS: "10000000", HOPWISE_SIM_MAX_OUTPUT_BYTES: "1000000000" },
      scenario: () => hostileScenarioYaml({ flows: 400 }), status: 422, limit: "job_ms", value: 30,
    },
  ])("$label", async ({ env, scenario, status, limit, value }) => {
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    const { status: got, body } = await post(scenario());
    expect(got).toBe(status);
    expect(body.error.code).toBe("limit_exceeded");
    expect(body.error.limit).toMatchObject({ name: limit, max: value });
    expect(body.error.message).toContain(String(value));
  });

  test("within every limit, an inline scenario still simulates", async () => {
    const { status, body } = await post(hostileScenarioYaml({ flows: 3 }));
    expect(status).toBe(200);
    expect(body.flows).toHaveLength(3);
    expect(body.flows.every((f: { outcome: { disposition: string } }) => f.outcome.disposition === "DELIVERED")).toBe(true);
  });
});

describe("a scenario nested deeper than any parser's stack", () => {
  test.each([
    // Sent as raw text: JSON.stringify itself cannot write an object this deep.
    { label: "a JSON object 5,000 levels deep", raw: `{"scenario": ${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}` },
    { label: "YAML text 5,000 levels deep", raw: JSON.stringify({ scenario: `${"[".repeat(5000)}${"]".repeat(5000)}` }) },
  ])("$label → 422, never a 500", async ({ raw }) => {
    const response = await call(simulate, "POST", "/api/v1/simulate", { raw });
    const { status } = response;
    const body = await json(response);
    expect(status).toBe(422);
    expect(body.error.code).toMatch(/^(invalid_scenario|invalid_input|limit_exceeded|too_deeply_nested)$/);
  });
});

describe("a bad limit setting", () => {
  test.each([
    { name: "HOPWISE_SIM_MAX_FLOWS", value: "lots" },
    { name: "HOPWISE_SIM_MAX_EVENTS", value: "0" },
    { name: "HOPWISE_SIM_THREADS", value: "-1" },
  ])("$name=$value stops the server at start-up with its name", async ({ name, value }) => {
    const { checkLimitSettings } = await import("@/lib/server/http/limits");
    expect(() => checkLimitSettings({ [name]: value })).toThrow(name);
  });
});
