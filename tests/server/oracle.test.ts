/**
 * The oracle test, server side: a learner with an open attempt calls every route they can reach
 * (the attempt's own API and page data, /grade, /simulate by id and inline, the scenario and sheet
 * routes on public seeds, progress, drills, and a second attempt they submit) and never gets one of
 * the attempt's expected values. The values are taken from the attempt's answer key, read from the
 * database as only the server can. Values that every variant shares (the scenario's constants, such
 * as a fixed resolver address) are the scenario's, not the variant's: they are left out, as are
 * the values the learner is shown anyway (story, context cells, diagram).
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, vi } from "vitest";
import { POST as startAttempt } from "@/app/api/v1/attempts/route";
import { GET as getAttempt } from "@/app/api/v1/attempts/[id]/route";
import { PUT as saveAnswers } from "@/app/api/v1/attempts/[id]/answers/route";
import { POST as submit } from "@/app/api/v1/attempts/[id]/submit/route";
import { GET as getTrace } from "@/app/api/v1/attempts/[id]/trace/route";
import { POST as grade } from "@/app/api/v1/grade/route";
import { POST as simulate } from "@/app/api/v1/simulate/route";
import { GET as getScenarioDetail } from "@/app/api/v1/scenarios/[id]/route";
import { GET as getSheet } from "@/app/api/v1/scenarios/[id]/sheet/route";
import { GET as progress } from "@/app/api/v1/me/progress/route";
import { GET as nextDrill } from "@/app/api/v1/drills/next/route";
import { POST as gradeDrill } from "@/app/api/v1/drills/grade/route";
import { buildAnswerKey } from "@/lib/grader";
import { getScenario } from "@/lib/server/catalogue";
import { loadPracticePage } from "@/lib/server/practice-page";
import { call, json } from "./support/api-client";
import { actAs, newGuest } from "./support/mock-owner";
import { describeEachDatabase } from "./support/test-database";
import { attemptKey } from "./support/attempt-key";
import { contextOf, distinctiveValues, leaks, strings, variantSecrets } from "../helpers/leaks";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));
vi.mock("@/lib/server/auth", () => ({ getCurrentUser: async () => null }));

const SCENARIOS = ["browser-to-google", "aws-private-subnet-nat", "kubernetes-service-call"];
const PUBLIC_SEEDS = [0, 1, 2, 42, 9_999];
const at = (id: string) => ({ params: { id } });

/** Expected values of two catalogue variants: what every variant shares belongs to the scenario. */
function sharedValues(scenarioId: string): string[] {
  const s = getScenario(scenarioId)!.scenario;
  return [0, 1].flatMap((seed) => strings(buildAnswerKey(s, seed, "advanced").blanks.map((b) => [b.expected, ...b.parts.map((p) => p.expected)])));
}

describeEachDatabase("the oracle test: nothing a learner can call gives an open attempt's answers", () => {
  test.each(SCENARIOS)("%s at advanced", async (scenarioId) => {
    const learner = newGuest();
    actAs(learner);
    const yaml = fs.readFileSync(path.join(__dirname, `../../content/scenarios/${scenarioId}.yaml`), "utf8");
    const bodies: { route: string; body: unknown }[] = [];
    const record = async (route: string, response: Response) => {
      const text = await response.text();
      const body = text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text;
      bodies.push({ route, body });
      return { status: response.status, body };
    };

    const started = (await record("POST /attempts", await call(startAttempt, "POST", "/api/v1/attempts", { body: { scenarioId, difficulty: "advanced" } }))).body;
    const id = started.id as string;
    const key = await attemptKey(id);
    const page = await loadPracticePage(id, learner);
    if (page?.status !== "in_progress") throw new Error("the attempt should be open");
    bodies.push({ route: "practice page data", body: page });

    await record("GET /attempts/:id", await call(getAttempt, "GET", "/", at(id)));
    await record("PUT /attempts/:id/answers", await call(saveAnswers, "PUT", "/", { ...at(id), body: { answers: { [key.blanks[0]!.id]: "10.9.8.7" } } }));
    const early = await record("GET /attempts/:id/trace", await call(getTrace, "GET", "/", at(id)));
    expect(early.status).toBe(409);
    for (const seed of PUBLIC_SEEDS) {
      await record(`POST /grade seed ${seed}`, await call(grade, "POST", "/api/v1/grade", { body: { scenarioId, seed, difficulty: "advanced", answers: {} } }));
      await record(`POST /simulate seed ${seed}`, await call(simulate, "POST", "/api/v1/simulate", { body: { scenarioId, seed } }));
      await record(`GET /scenarios/:id seed ${seed}`, await call(getScenarioDetail, "GET", "/", { ...at(scenarioId), query: { seed: String(seed) } }));
      await record(`GET /sheet seed ${seed}`, await call(getSheet, "GET", "/", { ...at(scenarioId), query: { seed: String(seed), difficulty: "advanced" } }));
    }
    await record("POST /simulate inline", await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: yaml, seed: 0 } }));
    // Asking for an attempt-sized seed is refused by the schema, before anything is computed.
    const big = await record("POST /grade attempt-sized seed", await call(grade, "POST", "/api/v1/grade", { body: { scenarioId, seed: 123_456_789, difficulty: "advanced", answers: {} } }));
    expect(big.status).toBe(422);
    await record("GET /me/progress", await call(progress, "GET", "/api/v1/me/progress"));
    const { drill } = (await record("GET /drills/next", await call(nextDrill, "GET", "/api/v1/drills/next"))).body;
    const drilled = await record("POST /drills/grade", await call(gradeDrill, "POST", "/api/v1/drills/grade", { body: { seed: drill.seed, kind: drill.kind, answers: {} } }));
    expect(drilled.status).toBe(200);
    // A second attempt on the same scenario, submitted: its results and trace are a different variant's.
    const second = await json(await call(startAttempt, "POST", "/api/v1/attempts", { body: { scenarioId, difficulty: "advanced" } }));
    await record("POST second attempt submit", await call(submit, "POST", "/", at(second.id)));
    await record("GET second attempt trace", await call(getTrace, "GET", "/", at(second.id)));

    expect(bodies.length).toBeGreaterThan(25);
    // Every route answered (none failed with a 500 that would hide a leak).
    expect(bodies.filter(({ body }) => typeof body === "object" && body !== null && (body as { error?: { code?: string } }).error?.code === "internal_error").map((b) => b.route)).toEqual([]);
    const context = contextOf(page, page.diagram);
    const secret = variantSecrets(key.blanks, sharedValues(scenarioId), context);
    expect(secret.flatMap((b) => distinctiveValues(b)).length).toBeGreaterThan(2);
    const found = bodies.map(({ route, body }) => ({ route, leaks: leaks(body, secret, context) })).filter((r) => r.leaks.length > 0);
    expect(found).toEqual([]);

    // The check is live: once the attempt is submitted, its own trace holds those values.
    await call(submit, "POST", "/", at(id));
    const trace = await json(await call(getTrace, "GET", "/", at(id)));
    expect(leaks(trace, secret, context).length).toBeGreaterThan(0);
  });
});
