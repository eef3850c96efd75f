/**
 * How much one simulation request may ask for: the size of the scenario text, the nodes and flows
 * of its variant, the steps of its flows, the events of its run and the bytes of its trace.
 * Pure: the numbers come in as arguments (lib/server/http/limits.ts reads them from the environment),
 * and a refusal names the limit and its value so a client knows what to change.
 */
import type { SimulationInput } from "../engine/model";

export interface SimulationLimits {
  /** Characters of scenario text (YAML, or the JSON of an object). */
  readonly maxScenarioBytes: number;
  readonly maxNodes: number;
  readonly maxFlows: number;
  /** Steps of one flow. */
  readonly maxStepsPerFlow: number;
  /** Events of the whole run, off-the-record ones included: the engine stops past this. */
  readonly maxEvents: number;
  /** Bytes of the JSON trace sent back. */
  readonly maxOutputBytes: number;
  /** Wall-clock time of one simulation job, queueing excluded (enforced by the worker pool). */
  readonly maxJobMs: number;
}

/**
 * The defaults, about ten times what the largest catalogue scenario needs (11 nodes, 6 flows,
 * 2 steps a flow, 254 events, a 480 KB trace), so every study scenario fits with room to spare
 * and a hostile one cannot hold a CPU or hundreds of megabytes.
 */
export const DEFAULT_SIMULATION_LIMITS: SimulationLimits = {
  maxScenarioBytes: 64 * 1024,
  maxNodes: 100,
  maxFlows: 30,
  maxStepsPerFlow: 20,
  maxEvents: 5_000,
  maxOutputBytes: 4 * 1024 * 1024,
  maxJobMs: 5_000,
};

/** Which limit a request went over; the name is the client-facing code, as in the README. */
export type LimitName = "scenario_bytes" | "nodes" | "flows" | "steps_per_flow" | "events" | "output_bytes" | "job_ms";

export interface LimitExceeded {
  readonly limit: LimitName;
  readonly max: number;
  /** What the request asked for, when it is known (an aborted run does not know its total). */
  readonly actual: number | null;
  readonly message: string;
}

const WHAT: Record<LimitName, (max: number) => string> = {
  scenario_bytes: (max) => `A scenario may be at most ${max} bytes long`,
  nodes: (max) => `A scenario may have at most ${max} nodes`,
  flows: (max) => `A scenario may have at most ${max} flows`,
  steps_per_flow: (max) => `A flow may have at most ${max} steps`,
  events: (max) => `A simulation may record at most ${max} events`,
  output_bytes: (max) => `A trace may be at most ${max} bytes of JSON`,
  job_ms: (max) => `A simulation may run for at most ${max} ms`,
};

/** The refusal for going over `limit` (its message names the limit's value). */
export function limitExceeded(limit: LimitName, max: number, actual: number | null = null): LimitExceeded {
  const asked = actual === null ? "" : ` (this one: ${actual})`;
  return { limit, max, actual, message: `${WHAT[limit](max)}${asked}` };
}

/** The size of scenario text, checked before it is parsed at all. */
export function checkScenarioSize(text: string, limits: SimulationLimits): LimitExceeded | null {
  return text.length > limits.maxScenarioBytes ? limitExceeded("scenario_bytes", limits.maxScenarioBytes, text.length) : null;
}

/** Nodes, flows and steps of a compiled variant, checked before it runs. */
export function checkInputLimits(input: SimulationInput, limits: SimulationLimits): LimitExceeded | null {
  const nodes = input.network.nodes.length;
  if (nodes > limits.maxNodes) return limitExceeded("nodes", limits.maxNodes, nodes);
  if (input.flows.length > limits.maxFlows) return limitExceeded("flows", limits.maxFlows, input.flows.length);
  for (const flow of input.flows) {
    if (flow.steps.length > limits.maxStepsPerFlow) return limitExceeded("steps_per_flow", limits.maxStepsPerFlow, flow.steps.length);
  }
  return null;
}
