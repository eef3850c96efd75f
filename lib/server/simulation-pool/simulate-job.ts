/**
 * One simulation request as a job for a worker thread: scenario text (or a catalogue scenario) in,
 * the trace's JSON out, within the request's limits. Free of Next.js, the database and
 * "server-only", so the worker bundle (see pool.ts) can run it; lib/server/simulation.ts keeps
 * the in-process version for callers that are not serving a request.
 */
import type { ApiIssue } from "@/lib/server/api";
import { runSimulation } from "@/lib/engine/run";
import { EventBudgetExceededError } from "@/lib/engine/sim";
import { checkInputLimits, checkScenarioSize, limitExceeded, type LimitExceeded, type SimulationLimits } from "@/lib/scenario/limits";
import { variantFingerprint } from "@/lib/scenario/fingerprint";
import { loadScenarioText } from "@/lib/scenario/load";
import type { ScenarioFile } from "@/lib/scenario/schema";
import { ScenarioVariantError, variantOf } from "@/lib/simulate";

export type SimulateJobSource =
  /** Text the client sent: YAML, or the JSON of an object (`isText` false: its lines mean nothing to them). */
  | { readonly kind: "text"; readonly text: string; readonly isText: boolean }
  /** A catalogue scenario, already validated. */
  | { readonly kind: "scenario"; readonly scenario: ScenarioFile };

export interface SimulateJob {
  readonly source: SimulateJobSource;
  readonly seed: number;
  readonly limits: SimulationLimits;
}

export type SimulateJobResult =
  /** `fingerprint`: the variant's, so the route can refuse a variant that is in an open attempt. */
  | { readonly ok: true; readonly json: string; readonly fingerprint: string }
  | { readonly ok: false; readonly reason: "invalid_scenario"; readonly issues: readonly ApiIssue[] }
  | { readonly ok: false; readonly reason: "limit_exceeded"; readonly exceeded: LimitExceeded };

const INLINE_FILE = "scenario";

function scenarioOf(source: SimulateJobSource, limits: SimulationLimits): SimulateJobResult | ScenarioFile {
  if (source.kind === "scenario") return source.scenario;
  const tooBig = checkScenarioSize(source.text, limits);
  if (tooBig) return { ok: false, reason: "limit_exceeded", exceeded: tooBig };
  const loaded = loadScenarioText(source.text, INLINE_FILE);
  if (loaded.ok) return loaded.scenario;
  const issues = loaded.errors.map((e) => ({ path: e.path, line: source.isText ? e.line : null, message: e.message }));
  return { ok: false, reason: "invalid_scenario", issues };
}

function variantProblems(error: ScenarioVariantError, seed: number): ApiIssue[] {
  // The seed-0 variant compiled, but this seed's values do not (a variable pool too small, say).
  return error.problems.map((problem) => {
    const colon = problem.indexOf(": ");
    return colon > 0 ? { path: problem.slice(0, colon), line: null, message: `seed ${seed}: ${problem.slice(colon + 2)}` } : { path: "(variant)", line: null, message: problem };
  });
}

/** Runs a simulation job: the trace's JSON, the scenario's problems, or the limit it went over. */
export function runSimulateJob(job: SimulateJob): SimulateJobResult {
  const { seed, limits } = job;
  try {
    const scenario = scenarioOf(job.source, limits);
    if ("ok" in scenario) return scenario;
    const input = variantOf(scenario, seed).input;
    const tooMuch = checkInputLimits(input, limits);
    if (tooMuch) return { ok: false, reason: "limit_exceeded", exceeded: tooMuch };
    const trace = runSimulation(input, { seed, maxEvents: limits.maxEvents });
    const json = JSON.stringify(trace);
    // Characters, not UTF-8 bytes: traces are ASCII but for names an author chose.
    if (json.length > limits.maxOutputBytes) return { ok: false, reason: "limit_exceeded", exceeded: limitExceeded("output_bytes", limits.maxOutputBytes, json.length) };
    return { ok: true, json, fingerprint: variantFingerprint(trace.scenarioId, trace.variables) };
  } catch (error) {
    if (error instanceof EventBudgetExceededError) return { ok: false, reason: "limit_exceeded", exceeded: limitExceeded("events", error.maxEvents) };
    if (error instanceof ScenarioVariantError) return { ok: false, reason: "invalid_scenario", issues: variantProblems(error, seed) };
    // A document nested deeper than the parser's stack: the client's problem, not a crash.
    if (error instanceof RangeError) return { ok: false, reason: "invalid_scenario", issues: [{ path: "(file)", line: null, message: "The scenario is nested too deeply to read" }] };
    throw error;
  }
}
