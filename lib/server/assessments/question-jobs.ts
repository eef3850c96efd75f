/**
 * The CPU-heavy work of an assessment question as jobs a worker thread can run (see
 * lib/server/simulation-pool): the student's view of a question (its public sheet and diagram,
 * without building the grader's key) and the grading of its answers. Pure of the database and of
 * Next.js, so the worker bundle can run them; the scenario travels with the job (frozen content
 * may no longer be in the catalogue).
 */
import { buildAnswerSheet, gradeAnswers } from "@/lib/grader";
import type { AnswerSheet, GradeResult } from "@/lib/grader/types";
import type { Diagram } from "@/lib/diagram/layout";
import type { Difficulty, ScenarioFile } from "@/lib/scenario/schema";
import { answerKeyFor, diagramFor } from "@/lib/server/catalogue";

export interface QuestionViewJob {
  readonly scenario: ScenarioFile;
  readonly seed: number;
  readonly difficulty: Difficulty;
  /** The attempt question's own option keying. */
  readonly salt: string;
}

/** What a student sees of one question: the sheet (no expected value, no seed) and the variant's diagram. */
export interface QuestionView {
  readonly sheet: Omit<AnswerSheet, "seed">;
  readonly diagram: Diagram;
}

export interface QuestionGradeJob extends QuestionViewJob {
  readonly contentHash: string;
  readonly answers: unknown;
}

/** The student's view of a question, built without the answer key's explanations. */
export function runQuestionViewJob(job: QuestionViewJob): QuestionView {
  const { seed: _secret, ...sheet } = buildAnswerSheet(job.scenario, job.seed, job.difficulty, { salt: job.salt });
  return { sheet, diagram: diagramFor(job.scenario, job.seed) };
}

/** The grader's full result for one question's answers, on the content it was taken on. */
export function runQuestionGradeJob(job: QuestionGradeJob): GradeResult {
  const key = answerKeyFor(job.scenario, job.contentHash, job.seed, job.difficulty, { salt: job.salt });
  return gradeAnswers(key, job.answers ?? {}, { scenario: job.scenario, contentHash: job.contentHash });
}
