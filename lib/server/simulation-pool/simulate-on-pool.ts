/** A simulation job on the simulation pool, its time limit reported as the `job_ms` limit. */
import "server-only";
import { limitExceeded, type LimitExceeded } from "@/lib/scenario/limits";
import { runOnPool } from "./pool";
import type { SimulateJob, SimulateJobResult } from "./simulate-job";

export type PoolResult =
  | SimulateJobResult
  | { readonly ok: false; readonly reason: "busy"; readonly retryAfterSeconds: number; readonly message: string }
  | { readonly ok: false; readonly reason: "limit_exceeded"; readonly exceeded: LimitExceeded }
  | { readonly ok: false; readonly reason: "client_gone" };

/** Runs a simulation job on the pool within its limits. */
export async function simulateOnPool(job: SimulateJob, signal?: AbortSignal): Promise<PoolResult> {
  const run = await runOnPool<SimulateJobResult>("simulate", { kind: "simulate", job }, job.limits.maxJobMs, signal);
  if (run.ok) return run.value;
  if (run.reason === "job_ms") return { ok: false, reason: "limit_exceeded", exceeded: limitExceeded("job_ms", run.maxJobMs) };
  return run;
}
