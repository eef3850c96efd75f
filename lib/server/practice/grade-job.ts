/**
 * Grading a sheet of a catalogue variant as a job for a worker thread (see
 * lib/server/simulation-pool/pool.ts): the answer key comes from the thread's own catalogue and
 * key cache. Pure of the database and of Next.js, so the worker bundle can run it.
 */
import { gradeAnswers } from "@/lib/grader";
import type { GradeResult } from "@/lib/grader/types";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor, getScenario } from "@/lib/server/catalogue";

export interface GradeJob {
  readonly scenarioId: string;
  readonly seed: number;
  readonly difficulty: Difficulty;
  readonly answers: unknown;
}

/** The grading of the answers, or null when the scenario is not in the catalogue. */
export function runGradeJob(job: GradeJob): GradeResult | null {
  const found = getScenario(job.scenarioId);
  if (!found) return null;
  const key = answerKeyFor(found.scenario, found.contentHash, job.seed, job.difficulty);
  return gradeAnswers(key, job.answers, { scenario: found.scenario, contentHash: found.contentHash });
}
