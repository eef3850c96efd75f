/**
 * The worker thread's entry (bundled by pool.ts): marks when the job starts, so the pool can tell
 * "still waiting for a thread" from "running too long", then runs it.
 */
import { runSimulateJob, type SimulateJob, type SimulateJobResult } from "./simulate-job";

export interface WorkerTask {
  readonly job: SimulateJob;
  /** One Float64: the worker writes the time (ms since the epoch) it started the job. */
  readonly started: SharedArrayBuffer;
}

export default function run(task: WorkerTask): SimulateJobResult {
  new Float64Array(task.started)[0] = Date.now();
  return runSimulateJob(task.job);
}
