/**
 * Simulations run on a pool of worker threads (piscina), so a CPU-heavy request cannot hold the
 * event loop that answers everyone else. The pool is bounded: jobs past the queue limit, or
 * waiting longer than the queue wait, are refused ("busy", a 503 with Retry-After); a job running
 * longer than its time limit is stopped by terminating its thread ("job_ms", a 422).
 *
 * The worker is TypeScript that shares lib/ with the app, so it is bundled with esbuild into
 * node_modules/.cache on first use (a fraction of a second, once per process). That works the same
 * under `npm start`, the e2e server, bench:http and vitest, and needs nothing from `next build`.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import Piscina from "piscina";
import { limitExceeded, type LimitExceeded } from "@/lib/scenario/limits";
import { poolSettings, type PoolSettings } from "@/lib/server/http/limits";
import type { SimulateJob, SimulateJobResult } from "./simulate-job";
import type { WorkerTask } from "./worker";

export type PoolResult =
  | SimulateJobResult
  | { readonly ok: false; readonly reason: "busy"; readonly retryAfterSeconds: number; readonly message: string }
  | { readonly ok: false; readonly reason: "limit_exceeded"; readonly exceeded: LimitExceeded }
  | { readonly ok: false; readonly reason: "client_gone" };

const WORKER_SOURCE = path.join("lib", "server", "simulation-pool", "worker.ts");
/** How often a job's clock is looked at: cheap, and fine-grained enough for limits of seconds. */
const WATCH_MS = 25;

interface PoolState {
  readonly pool: Piscina<WorkerTask, SimulateJobResult>;
  readonly settings: PoolSettings;
  readonly bundle: string;
}

const globalForPool = globalThis as unknown as { hopwiseSimulationPool?: Promise<PoolState> };

async function bundleWorker(root: string): Promise<string> {
  const dir = path.join(root, "node_modules", ".cache", "hopwise-workers");
  fs.mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `simulate-${process.pid}-${randomBytes(4).toString("hex")}.cjs`);
  await build({
    entryPoints: [path.join(root, WORKER_SOURCE)], outfile, bundle: true, platform: "node", format: "cjs", target: "node20",
    // The job never reaches for server-only modules; the marker import would throw outside React's server.
    alias: { "server-only": path.join(root, "lib", "server", "simulation-pool", "no-op.ts") },
    logLevel: "error", legalComments: "none",
  });
  return outfile;
}

async function createPool(): Promise<PoolState> {
  const settings = poolSettings();
  const bundle = await bundleWorker(process.cwd());
  const pool = new Piscina<WorkerTask, SimulateJobResult>({
    filename: bundle, minThreads: 1, maxThreads: settings.threads, maxQueue: settings.maxQueue, idleTimeout: 60_000,
  });
  // The bundle is loaded by each new thread; remove it with the process.
  process.once("exit", () => fs.rmSync(bundle, { force: true }));
  return { pool, settings, bundle };
}

function getPool(): Promise<PoolState> {
  globalForPool.hopwiseSimulationPool ??= createPool().catch((error: unknown) => {
    globalForPool.hopwiseSimulationPool = undefined;
    throw error;
  });
  return globalForPool.hopwiseSimulationPool;
}

/** Start the pool (and bundle its worker) ahead of the first request. */
export async function warmSimulationPool(): Promise<void> {
  await getPool();
}

/** Stop the pool's threads (tests; a process that exits needs nothing). */
export async function closeSimulationPool(): Promise<void> {
  const state = globalForPool.hopwiseSimulationPool;
  globalForPool.hopwiseSimulationPool = undefined;
  if (state) await (await state).pool.destroy();
}

function busy(settings: PoolSettings, why: string): PoolResult {
  const retryAfterSeconds = Math.max(1, Math.ceil(settings.maxQueueWaitMs / 1000));
  return { ok: false, reason: "busy", retryAfterSeconds, message: `The simulator is busy (${why}); try again in ${retryAfterSeconds} s` };
}

/**
 * Runs a simulation job on the pool within its limits. `signal` is the request's: when the client
 * hangs up, its job is dropped from the queue or its thread stopped.
 */
export async function simulateOnPool(job: SimulateJob, signal?: AbortSignal): Promise<PoolResult> {
  const { pool, settings } = await getPool();
  if (pool.queueSize >= settings.maxQueue) return busy(settings, `${settings.maxQueue} requests are already waiting`);
  const started = new SharedArrayBuffer(8);
  const startedAt = new Float64Array(started);
  const queuedAt = Date.now();
  const controller = new AbortController();
  let stoppedFor: "job_ms" | "queue_wait" | "client_gone" | null = null;
  const stop = (why: NonNullable<typeof stoppedFor>) => {
    stoppedFor ??= why;
    controller.abort(why);
  };
  const onClientGone = () => stop("client_gone");
  signal?.addEventListener("abort", onClientGone, { once: true });
  const watch = setInterval(() => {
    const now = Date.now();
    const runningSince = startedAt[0]!;
    if (runningSince === 0 && now - queuedAt > settings.maxQueueWaitMs) stop("queue_wait");
    else if (runningSince !== 0 && now - runningSince > job.limits.maxJobMs) stop("job_ms");
  }, WATCH_MS);
  try {
    if (signal?.aborted) return { ok: false, reason: "client_gone" };
    return await pool.run({ job, started }, { signal: controller.signal });
  } catch (error) {
    if (stoppedFor === "job_ms") return { ok: false, reason: "limit_exceeded", exceeded: limitExceeded("job_ms", job.limits.maxJobMs) };
    if (stoppedFor === "queue_wait") return busy(settings, `no thread was free within ${settings.maxQueueWaitMs} ms`);
    if (stoppedFor === "client_gone") return { ok: false, reason: "client_gone" };
    if (error instanceof Error && /queue is at limit/i.test(error.message)) return busy(settings, `${settings.maxQueue} requests are already waiting`);
    throw error;
  } finally {
    clearInterval(watch);
    signal?.removeEventListener("abort", onClientGone);
  }
}
