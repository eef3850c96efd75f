/**
 * Every limit of the web layer in one place, with its environment override (README "Limits"):
 * what one simulation may ask for (lib/scenario/limits.ts has the defaults and the checks), how
 * many simulation jobs run and wait at once, and what a request body may weigh.
 *
 * Each setting is a whole number; a bad value stops the server at start-up (instrumentation.ts
 * calls checkLimitSettings) rather than silently falling back.
 */
import os from "node:os";
import { DEFAULT_SIMULATION_LIMITS, type SimulationLimits } from "@/lib/scenario/limits";

type Env = Readonly<Record<string, string | undefined>>;

export class LimitSettingError extends Error {
  override name = "LimitSettingError";
}

/** A whole-number setting from the environment: its default when unset or blank. */
export function wholeNumberSetting(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new LimitSettingError(`${name}=${raw}: use a whole number of at least ${min}`);
  return Number(raw);
}

/** Environment variable of each simulation limit. */
export const SIMULATION_LIMIT_SETTINGS: Readonly<Record<keyof SimulationLimits, string>> = {
  maxScenarioBytes: "HOPWISE_SIM_MAX_SCENARIO_BYTES",
  maxNodes: "HOPWISE_SIM_MAX_NODES",
  maxFlows: "HOPWISE_SIM_MAX_FLOWS",
  maxStepsPerFlow: "HOPWISE_SIM_MAX_STEPS_PER_FLOW",
  maxEvents: "HOPWISE_SIM_MAX_EVENTS",
  maxOutputBytes: "HOPWISE_SIM_MAX_OUTPUT_BYTES",
  maxJobMs: "HOPWISE_SIM_MAX_JOB_MS",
};

/** The simulation limits in force: the defaults, each overridable by its variable. */
export function simulationLimits(env: Env = process.env): SimulationLimits {
  const out: Record<string, number> = {};
  for (const [key, name] of Object.entries(SIMULATION_LIMIT_SETTINGS)) {
    out[key] = wholeNumberSetting(env, name, DEFAULT_SIMULATION_LIMITS[key as keyof SimulationLimits], 1);
  }
  return out as unknown as SimulationLimits;
}

export interface PoolSettings {
  /** Worker threads that run simulations; the main thread keeps serving everything else. */
  readonly threads: number;
  /** Jobs that may wait for a thread; one more is refused with 503 and Retry-After. */
  readonly maxQueue: number;
  /** How long a job may wait for a thread before it is refused with 503. */
  readonly maxQueueWaitMs: number;
}

/** One thread per core but one (kept for the event loop), at least one, at most four by default. */
export function poolSettings(env: Env = process.env, cpus = os.availableParallelism?.() ?? os.cpus().length): PoolSettings {
  return {
    threads: wholeNumberSetting(env, "HOPWISE_SIM_THREADS", Math.max(1, Math.min(4, cpus - 1)), 1),
    maxQueue: wholeNumberSetting(env, "HOPWISE_SIM_MAX_QUEUE", 16),
    maxQueueWaitMs: wholeNumberSetting(env, "HOPWISE_SIM_MAX_QUEUE_WAIT_MS", 5_000, 1),
  };
}

/** Bodies of the auth endpoints (next-auth's form posts, sign-up): a few fields of text. */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

/** Throws LimitSettingError naming the first bad setting (called once at start-up). */
export function checkLimitSettings(env: Env = process.env): void {
  simulationLimits(env);
  poolSettings(env);
}
