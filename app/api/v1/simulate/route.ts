/**
 * POST /api/v1/simulate {scenarioId, seed?} | {scenario: YAML text or JSON object, seed?}: the trace.
 * An inline scenario that does not validate is a 422 listing each problem with its path and line.
 */
import { NextResponse } from "next/server";
import { apiError, notFound, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { MAX_SIMULATE_BODY_BYTES, SimulateSchema } from "@/lib/server/api-schemas";
import { getScenario } from "@/lib/server/catalogue";
import { refuseTraceInPractice, refuseVariantInPractice } from "@/lib/server/practice/variant-guard";
import { simulateRequest } from "@/lib/server/simulation";

export const POST = withApiErrors(async (request: Request) => {
  const input = await parseJsonBody(request, SimulateSchema, { maxBytes: MAX_SIMULATE_BODY_BYTES });
  if (!input.ok) return input.response;
  const { scenarioId, scenario, seed } = input.data;
  const catalogued = scenarioId !== undefined ? getScenario(scenarioId) : null;
  const early = catalogued && (await refuseVariantInPractice(catalogued.scenario, seed ?? 0));
  if (early) return early;
  const outcome = simulateRequest(scenarioId !== undefined ? { scenarioId, seed } : { scenario: scenario!, seed });
  const refused = outcome.ok && scenarioId === undefined && (await refuseTraceInPractice(outcome.trace));
  if (refused) return refused;
  if (outcome.ok) return NextResponse.json(outcome.trace);
  if (outcome.reason === "unknown_scenario") return notFound("scenario");
  const n = outcome.issues.length;
  return apiError(422, "invalid_scenario", `The scenario has ${n} problem${n === 1 ? "" : "s"}`, undefined, outcome.issues);
});
