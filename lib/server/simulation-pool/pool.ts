/**
 * Simulations and gradings run on pools of worker threads (piscina), so CPU-heavy requests cannot
 * hold the event loop that answers everyone else. Each pool is bounded: jobs past its queue limit,
 * or waiting longer than its queue wait, are refused ("busy", a 503 with Retry-After); a job
 * running longer than its time limit is stopped by terminating its thread ("job_ms").
 * Two pools, so a flood of heavy simulations cannot starve gradings (lib/server/http/limits.ts).
 *
 * The worker is TypeScript that shares lib/ with the app, so it is bundled with esbuild into
 * node_modules/.cache on first use (a fraction of a second, once per process; the file is named by
 * its content, so processes share it). That works the same
 * under `npm start`, the e2e server, bench:http and vitest, and needs nothing from `next build`.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import Piscina from "piscina";
import { type PoolName, poolSettings, type PoolSettings } from "@/lib/server/http/limits";
import type { WorkerJob, WorkerTask } from "./worker";

export type PoolRun<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly reason: "busy"; readonly retryAfterSeconds: number; readonly message: string }
  | { readonly ok: false; readonly reason: "job_ms"; readonly maxJobMs: number }
  | { readonly ok: false; readonly reason: "client_gone" };

const WORKER_SOURCE = path.join("lib", "server", "simulation-pool", "worker.ts");
/** How often a job's clock is looked at: cheap, and fine-grained enough for limits of seconds. */
const WATCH_MS = 25;

interface PoolState {
  readonly pool: Piscina<WorkerTask, unknown>;
  readonly settings: PoolSettings;
}

const globalForPool = globalThis as unknown as { hopwiseWorkerBundle?: Promise<string>; hopwisePools?: Map<PoolName, Promise<PoolState>> };

async function bundleWorker(root: string): Promise<string> {
  const dir = path.join(root, "node_modules", ".cache", "hopwise-workers");
  fs.mkdirSync(dir, { recursive: true });
  const built = await build({
    entryPoints: [path.join(root, WORKER_SOURCE)], write: false, bundle: true, platform: "node", format: "cjs", target: "node20",
    // The marker import would throw outside React's server; the jobs never touch the database.
    alias: { "server-only": path.join(root, "lib", "server", "simulation-pool", "no-op.ts") },
    logLevel: "error", legalComments: "none", outfile: "worker.cjs",
  });
  const code = built.outputFiles[0]!.contents;
  // Named by its content: every process (and every instance) of the same code shares one file,
  // and nothing piles up however the processes end. Written aside, then renamed into place.
  const file = path.join(dir, `worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.cjs`);
  if (!fs.existsSync(file)) {
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, file);
  }
  return file;
}

function workerBundle(): Promise<string> {
  globalForPool.hopwiseWorkerBundle ??= bundleWorker(process.cwd()).catch((error: unknown) => {
    globalForPool.hopwiseWorkerBundle = undefined;
    throw error;
  });
  return globalForPool.hopwiseWorkerBundle;
}

async function createPool(name: PoolName): Promise<PoolState> {
  const settings = poolSettings(process.env, name);
  const pool = new Piscina<WorkerTask, unknown>({
    filename: await workerBundle(), minThreads: 1, maxThreads: settings.threads, maxQueue: settings.maxQueue, idleTimeout: 60_000,
  });
  return { pool, settings };
}

function getPool(name: PoolName): Promise<PoolState> {
  const pools = (globalForPool.hopwisePools ??= new Map());
  let found = pools.get(name);
  if (!found) {
    found = createPool(name);
    found.catch(() => pools.delete(name));
    pools.set(name, found);
  }
  return found;
}

/** Start a pool (and bundle the worker) ahead of the first request. */
export async function warmPool(name: PoolName = "simulate"): Promise<void> {
  await getPool(name);
}
export const warmSimulationPool = () => warmPool("simulate");

/** Stop every pool's threads (tests; a process that exits needs nothing). */
export async function closeSimulationPool(): Promise<void> {
  const pools = globalForPool.hopwisePools;
  globalForPool.hopwisePools = undefined;
  for (const state of pools?.values() ?? []) await (await state).pool.destroy();
}

function busy(settings: PoolSettings, why: string): PoolRun<never> {
  const retryAfterSeconds = Math.max(1, Math.ceil(settings.maxQueueWaitMs / 1000));
  return { ok: false, reason: "busy", retryAfterSeconds, message: `The server is busy (${why}); try again in ${retryAfterSeconds} s` };
}

/**
 * Runs a job on a pool within `maxJobMs` of running time. `signal` is the request's: when the
 * client hangs up, its job is dropped from the queue or its thread stopped.
 */
export async function runOnPool<R>(name: PoolName, work: WorkerJob, maxJobMs: number, signal?: AbortSignal): Promise<PoolRun<R>> {
  const { pool, settings } = await getPool(name);
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
    else if (runningSince !== 0 && now - runningSince > maxJobMs) stop("job_ms");
  }, WATCH_MS);
  try {
    if (signal?.aborted) return { ok: false, reason: "client_gone" };
    return { ok: true, value: (await pool.run({ work, started }, { signal: controller.signal })) as R };
  } catch (error) {
    if (stoppedFor === "job_ms") return { ok: false, reason: "job_ms", maxJobMs };
    if (stoppedFor === "queue_wait") return busy(settings, `no thread was free within ${settings.maxQueueWaitMs} ms`);
    if (stoppedFor === "client_gone") return { ok: false, reason: "client_gone" };
    if (error instanceof Error && /queue is at limit/i.test(error.message)) return busy(settings, `${settings.maxQueue} requests are already waiting`);
    throw error;
  } finally {
    clearInterval(watch);
    signal?.removeEventListener("abort", onClientGone);
  }
}
