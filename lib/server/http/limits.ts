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

export type PoolName = "simulate" | "grade" | "assessment";

export interface PoolSettings {
  /** Worker threads that run the pool's jobs; the main thread keeps serving everything else. */
  readonly threads: number;
  /** Jobs that may wait for a thread; one more is refused with 503 and Retry-After. */
  readonly maxQueue: number;
  /** How long a job may wait for a thread before it is refused with 503. */
  readonly maxQueueWaitMs: number;
  /** How long a grading may run (a simulation's limit is HOPWISE_SIM_MAX_JOB_MS, per request). */
  readonly maxJobMs: number;
}

/**
 * The pools' settings. Simulations: one thread per core but one (kept for the event loop), 1 to 4,
 * and a short queue, since each job may be heavy. Gradings: one thread and a long queue, since
 * each is a few milliseconds of a catalogue scenario and the grade endpoint takes bursts.
 */
export function poolSettings(env: Env = process.env, pool: PoolName = "simulate", cpus = os.availableParallelism?.() ?? os.cpus().length): PoolSettings {
  const prefix = pool === "simulate" ? "HOPWISE_SIM" : pool === "grade" ? "HOPWISE_GRADE" : "HOPWISE_ASSESS";
  // Assessments: a class starting (or submitting) at once queues its sheets and gradings rather than
  // being refused (a refusal is an error for a student mid-exam); the callers run a refused job inline.
  const defaults = pool === "simulate"
    ? { threads: Math.max(1, Math.min(4, cpus - 1)), maxQueue: 16, maxQueueWaitMs: 5_000, maxJobMs: DEFAULT_SIMULATION_LIMITS.maxJobMs }
    : pool === "grade" ? { threads: 1, maxQueue: 256, maxQueueWaitMs: 10_000, maxJobMs: 5_000 }
    : { threads: Math.max(1, Math.min(4, cpus - 1)), maxQueue: 8_192, maxQueueWaitMs: 120_000, maxJobMs: 10_000 };
  return {
    threads: wholeNumberSetting(env, `${prefix}_THREADS`, defaults.threads, 1),
    maxQueue: wholeNumberSetting(env, `${prefix}_MAX_QUEUE`, defaults.maxQueue),
    maxQueueWaitMs: wholeNumberSetting(env, `${prefix}_MAX_QUEUE_WAIT_MS`, defaults.maxQueueWaitMs, 1),
    maxJobMs: pool === "simulate" ? defaults.maxJobMs : wholeNumberSetting(env, `${prefix}_MAX_JOB_MS`, defaults.maxJobMs, 1),
  };
}

/**
 * Whether exam questions are built and graded on the request's thread instead of the assessment
 * pool: HOPWISE_ASSESS_INLINE=1 or 0 decides; unset, inline on 2 cores or fewer. There the pool has
 * one thread, which splits the same two cores with the event loop and becomes the one queue a
 * class waits in: 500 students on 2 cores (npm run bench:class, quiet machine) had submit p99
 * 4.6 s and save p99 3.5 s on the pool against 0.86 s and 1.7 s inline.
 */
export function assessmentWorkInline(env: Env = process.env, cpus = os.availableParallelism?.() ?? os.cpus().length): boolean {
  const set = env.HOPWISE_ASSESS_INLINE?.trim();
  if (set === "1") return true;
  if (set === "0") return false;
  return cpus <= 2;
}

/** Bodies of the auth endpoints (next-auth's form posts, sign-up): a few fields of text. */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

/** Throws LimitSettingError naming the first bad setting (called once at start-up). */
export function checkLimitSettings(env: Env = process.env): void {
  simulationLimits(env);
  poolSettings(env, "simulate");
  poolSettings(env, "grade");
  poolSettings(env, "assessment");
}
