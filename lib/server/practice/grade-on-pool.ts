/**
 * Grading on the grading pool (lib/server/simulation-pool/pool.ts): the CPU work of a grading off
 * the event loop, within HOPWISE_GRADE_MAX_JOB_MS, refused as "busy" when the queue is full.
 */
import "server-only";
import type { GradeResult } from "@/lib/grader/types";
import { poolSettings } from "@/lib/server/http/limits";
import { type PoolRun, runOnPool } from "@/lib/server/simulation-pool/pool";
import type { GradeJob } from "./grade-job";

/** The grading (null: no such catalogue scenario), or why the pool did not run it. */
export function gradeOnPool(job: GradeJob, signal?: AbortSignal): Promise<PoolRun<GradeResult | null>> {
  return runOnPool<GradeResult | null>("grade", { kind: "grade", job }, poolSettings(process.env, "grade").maxJobMs, signal);
}
