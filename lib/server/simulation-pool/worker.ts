/**
 * The worker thread's entry (bundled by pool.ts): marks when the job starts, so the pool can tell
 * "still waiting for a thread" from "running too long", then runs it: a simulation or a grading.
 */
import type { GradeResult } from "@/lib/grader/types";
import { type QuestionGradeJob, type QuestionView, type QuestionViewJob, runQuestionGradeJob, runQuestionViewJob } from "@/lib/server/assessments/question-jobs";
import { type GradeJob, runGradeJob } from "@/lib/server/practice/grade-job";
import { runSimulateJob, type SimulateJob, type SimulateJobResult } from "./simulate-job";

export type WorkerJob =
  | { readonly kind: "simulate"; readonly job: SimulateJob }
  | { readonly kind: "grade"; readonly job: GradeJob }
  | { readonly kind: "question-view"; readonly job: QuestionViewJob }
  | { readonly kind: "question-grade"; readonly job: QuestionGradeJob };

export interface WorkerTask {
  readonly work: WorkerJob;
  /** One Float64: the worker writes the time (ms since the epoch) it started the job. */
  readonly started: SharedArrayBuffer;
}

export default function run(task: WorkerTask): SimulateJobResult | GradeResult | QuestionView | null {
  new Float64Array(task.started)[0] = Date.now();
  const work = task.work;
  switch (work.kind) {
    case "simulate": return runSimulateJob(work.job);
    case "grade": return runGradeJob(work.job);
    case "question-view": return runQuestionViewJob(work.job);
    case "question-grade": return runQuestionGradeJob(work.job);
  }
}
