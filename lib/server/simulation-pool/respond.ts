/**
 * The /api/v1/simulate answer for a validated request: resolve a catalogue id, run the job on the
 * pool within the limits in force, and turn each outcome into its response (a 413 or 422 naming
 * the limit, a 503 with Retry-After when the pool is full).
 */
import "server-only";
import { NextResponse } from "next/server";
import type { LimitExceeded } from "@/lib/scenario/limits";
import { apiError, notFound } from "@/lib/server/api";
import { getScenario } from "@/lib/server/catalogue";
import { busyResponse } from "@/lib/server/http/busy";
import { simulationLimits } from "@/lib/server/http/limits";
import { refuseFingerprintInPractice } from "@/lib/server/practice/variant-guard";
import type { SimulateRequest } from "@/lib/server/simulation";
import { simulateOnPool } from "./simulate-on-pool";
import type { SimulateJobSource } from "./simulate-job";

/** 413 when the scenario text itself is too large, 422 for what it asks of the simulator. */
export function limitResponse(exceeded: LimitExceeded): NextResponse {
  const status = exceeded.limit === "scenario_bytes" ? 413 : 422;
  return NextResponse.json(
    { error: { code: "limit_exceeded", message: exceeded.message, limit: { name: exceeded.limit, max: exceeded.max, actual: exceeded.actual } } },
    { status },
  );
}

function sourceOf(request: SimulateRequest): SimulateJobSource | "too_deep" | null {
  if ("scenarioId" in request) {
    const found = getScenario(request.scenarioId);
    return found ? { kind: "scenario", scenario: found.scenario } : null;
  }
  if (typeof request.scenario === "string") return { kind: "text", text: request.scenario, isText: true };
  try {
    return { kind: "text", text: JSON.stringify(request.scenario), isText: false };
  } catch (error) {
    // Nested deeper than the stack allows: JSON.parse read it, JSON.stringify cannot write it back.
    if (error instanceof RangeError) return "too_deep";
    throw error;
  }
}

/** The response to a simulation request (see the route's doc comment). */
export async function simulateResponse(request: SimulateRequest, signal?: AbortSignal): Promise<Response> {
  const source = sourceOf(request);
  if (!source) return notFound("scenario");
  if (source === "too_deep") return apiError(422, "invalid_scenario", "The scenario has 1 problem", undefined, [{ path: "(file)", line: null, message: "The scenario is nested too deeply to read" }]);
  const outcome = await simulateOnPool({ source, seed: request.seed ?? 0, limits: simulationLimits() }, signal);
  if (outcome.ok) {
    // An inline copy of a catalogue scenario names its id and values: never a variant in an open attempt.
    const refused = await refuseFingerprintInPractice(outcome.fingerprint);
    return refused ?? new Response(outcome.json, { headers: { "content-type": "application/json" } });
  }
  switch (outcome.reason) {
    case "invalid_scenario": {
      const n = outcome.issues.length;
      return apiError(422, "invalid_scenario", `The scenario has ${n} problem${n === 1 ? "" : "s"}`, undefined, outcome.issues);
    }
    case "limit_exceeded":
      return limitResponse(outcome.exceeded);
    case "busy":
      return busyResponse(outcome.retryAfterSeconds, outcome.message);
    case "client_gone":
      return apiError(499, "client_closed_request", "The request was cancelled before it was answered");
  }
}
