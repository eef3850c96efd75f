/**
 * Simulation on request: a catalogue scenario by id, or a scenario the client sends (YAML text or a
 * JSON object), validated with the same loader as content/ so every problem comes back with its
 * path in the document (and its line, for YAML).
 */
import "server-only";
import type { Trace } from "@/lib/engine/trace-types";
import { loadScenarioText } from "@/lib/scenario/load";
import { ScenarioVariantError, simulate } from "@/lib/simulate";
import type { ApiIssue } from "./api";
import { getScenario } from "./catalogue";

export type SimulateRequest =
  | { readonly scenarioId: string; readonly seed?: number | undefined }
  | { readonly scenario: string | Readonly<Record<string, unknown>>; readonly seed?: number | undefined };

export type SimulateOutcome =
  | { ok: true; trace: Trace }
  | { ok: false; reason: "unknown_scenario" }
  | { ok: false; reason: "invalid_scenario"; issues: ApiIssue[] };

const INLINE_FILE = "scenario";

/** The trace of a scenario's variant for a seed (0 unless given). */
export function simulateRequest(request: SimulateRequest): SimulateOutcome {
  const seed = request.seed ?? 0;
  if ("scenarioId" in request) {
    const found = getScenario(request.scenarioId);
    if (!found) return { ok: false, reason: "unknown_scenario" };
    return { ok: true, trace: simulate(found.scenario, { seed }) };
  }
  // JSON is YAML, so a JSON object goes through the same loader; its "lines" would be those of our
  // re-serialisation, which mean nothing to the client, so they are dropped.
  const isText = typeof request.scenario === "string";
  const text = isText ? (request.scenario as string) : JSON.stringify(request.scenario);
  const loaded = loadScenarioText(text, INLINE_FILE);
  if (!loaded.ok) {
    const issues = loaded.errors.map((e) => ({ path: e.path, line: isText ? e.line : null, message: e.message }));
    return { ok: false, reason: "invalid_scenario", issues };
  }
  try {
    return { ok: true, trace: simulate(loaded.scenario, { seed }) };
  } catch (error) {
    // The seed-0 variant compiled, but this seed's values do not (a variable pool too small, say).
    if (error instanceof ScenarioVariantError) {
      const issues = error.problems.map((problem) => {
        const colon = problem.indexOf(": ");
        return colon > 0 ? { path: problem.slice(0, colon), line: null, message: `seed ${seed}: ${problem.slice(colon + 2)}` } : { path: "(variant)", line: null, message: problem };
      });
      return { ok: false, reason: "invalid_scenario", issues };
    }
    throw error;
  }
}
