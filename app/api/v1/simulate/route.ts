/**
 * POST /api/v1/simulate {scenarioId, seed?} | {scenario: YAML text or JSON object, seed?}: the trace.
 * An inline scenario that does not validate is a 422 listing each problem with its path and line.
 * Over a limit (README "Limits"): 413 or 422 naming it; the simulator busy: 503 with Retry-After.
 */
import { parseJsonBody, withApiErrors } from "@/lib/server/api";
import { MAX_SIMULATE_BODY_BYTES, SimulateSchema } from "@/lib/server/api-schemas";
import { getScenario } from "@/lib/server/catalogue";
import { refuseVariantInPractice } from "@/lib/server/practice/variant-guard";
import { simulateResponse } from "@/lib/server/simulation-pool/respond";
import { withRateLimit } from "@/lib/server/http/rate-limit";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const POST = withApiErrors(withRateLimit("simulate", async (request: Request) => {
  const locked = await refuseDuringExam("simulator");
  if (locked) return locked;
  const input = await parseJsonBody(request, SimulateSchema, { maxBytes: MAX_SIMULATE_BODY_BYTES });
  if (!input.ok) return input.response;
  const { scenarioId, scenario, seed } = input.data;
  const catalogued = scenarioId !== undefined ? getScenario(scenarioId) : null;
  // Refused before any work when the caller names a catalogue variant that is in an open attempt.
  const early = catalogued && (await refuseVariantInPractice(catalogued.scenario, seed ?? 0));
  if (early) return early;
  // Runs on the worker pool within the limits of lib/server/http/limits.ts (413/422/503 naming them).
  return simulateResponse(scenarioId !== undefined ? { scenarioId, seed } : { scenario: scenario!, seed }, request.signal);
}));
