/**
 * The engine's front door: `simulate(scenario, { seed })` instantiates the scenario's variant for
 * the seed and runs it. Variants are memoised per scenario object so that re-simulating one
 * (as the grader does for each misconception it tests) costs only the run, not the compile.
 */
import type { SimulationInput } from "./engine/model";
import type { WorldRules } from "./engine/rules";
import { deepFreeze } from "./engine/freeze";
import { runSimulation } from "./engine/run";
export { EventBudgetExceededError } from "./engine/run";
import type { Trace } from "./engine/trace-types";
import { instantiate, type Instance } from "./scenario/compile";
import { formatPath } from "./scenario/load";
import type { ScenarioFile } from "./scenario/schema";

export interface SimulateOptions {
  readonly seed: number;
  readonly world?: WorldRules;
  /** Simulate only up to and including this flow. */
  readonly throughFlow?: string;
  /** Stop with EventBudgetExceededError after this many events. */
  readonly maxEvents?: number;
}

/** A scenario whose variant for some seed cannot be built (a problem in the content, not the learner's). */
export class ScenarioVariantError extends Error {
  constructor(readonly scenarioId: string, readonly seed: number, readonly problems: readonly string[]) {
    super(`scenario ${scenarioId}, seed ${seed}: ${problems.join("; ")}`);
    this.name = "ScenarioVariantError";
  }
}

const MEMO_SEEDS = 64;
const memo = new WeakMap<ScenarioFile, Map<number, Instance>>();

/** The variant of a scenario for a seed (memoised). Throws ScenarioVariantError if it cannot be built. */
export function variantOf(scenario: ScenarioFile, seed: number): Instance {
  let bySeed = memo.get(scenario);
  if (!bySeed) memo.set(scenario, (bySeed = new Map()));
  const hit = bySeed.get(seed);
  if (hit) return hit;
  const result = instantiate(scenario, seed);
  if (!result.ok) throw new ScenarioVariantError(scenario.id, seed, result.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  if (bySeed.size >= MEMO_SEEDS) bySeed.delete(bySeed.keys().next().value!);
  // Kept for later calls, and its model values (headers, records, certificates) reach traces: frozen.
  deepFreeze(result.instance.input);
  bySeed.set(seed, result.instance);
  return result.instance;
}

/** The hop-by-hop trace of every flow of the scenario's variant for `seed`. */
export function simulate(scenario: ScenarioFile, options: SimulateOptions): Trace {
  return runSimulation(variantOf(scenario, options.seed).input, options);
}

/** Simulates an already-built engine input (generated topologies, tests). */
export function simulateInput(input: SimulationInput, options: SimulateOptions): Trace {
  return runSimulation(input, options);
}
