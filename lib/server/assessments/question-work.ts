/**
 * An attempt question's CPU-heavy work, kept off the request thread: the student's view (sheet and
 * diagram) and the grading run on the assessment worker pool, so a class loading its sheets at the
 * start, or submitting at the end, cannot hold up everyone's starts and autosaves behind it. A job
 * the pool refuses (full, or its thread stopped) runs here instead: a student mid-exam is never
 * refused for load.
 *
 * Views are also kept in a bounded LRU per (content hash, seed, difficulty, option salt): what a
 * question shows is a pure function of those, and a student reloads the page or comes back to it.
 * The salt is the question's own secret, so no two students share an entry: every student's first
 * load builds their view (the work a real class costs). Values are deep-frozen, never changed.
 */
import "server-only";
import type { GradeResult } from "@/lib/grader/types";
import { deepFreeze } from "@/lib/engine/freeze";
import type { Difficulty } from "@/lib/scenario/schema";
import { assessmentWorkInline, poolSettings } from "../http/limits";
import { runOnPool } from "../simulation-pool/pool";
import { frozenScenario } from "./content";
import { runQuestionGradeJob, runQuestionViewJob, type QuestionGradeJob, type QuestionView, type QuestionViewJob } from "./question-jobs";

export interface QuestionRef {
  readonly scenarioId: string;
  readonly contentHash: string;
  readonly seed: number;
  readonly difficulty: string;
  readonly optionSalt: string;
}

const VIEW_CACHE_SIZE = 1_024;
const views = new Map<string, QuestionView>();

/** Where the work runs: the pool, or inline (assessmentWorkInline: on 2 cores or fewer, or when set; or tests that ask). */
let inline = assessmentWorkInline();

async function onPool<R>(work: { kind: "question-view"; job: QuestionViewJob } | { kind: "question-grade"; job: QuestionGradeJob }, fallback: () => R): Promise<R> {
  if (inline) return fallback();
  const run = await runOnPool<R>("assessment", work, poolSettings(process.env, "assessment").maxJobMs);
  return run.ok ? run.value : fallback();
}

const viewKey = (q: QuestionRef) => `${q.contentHash}|${q.seed}|${q.difficulty}|${q.optionSalt}`;

/** What the student sees of one attempt question (no expected value, seed or salt). */
export async function questionView(q: QuestionRef): Promise<QuestionView> {
  const id = viewKey(q);
  const hit = views.get(id);
  if (hit) {
    views.delete(id);
    views.set(id, hit);
    return hit;
  }
  const frozen = await frozenScenario(q.scenarioId, q.contentHash);
  const job: QuestionViewJob = { scenario: frozen.scenario, seed: q.seed, difficulty: q.difficulty as Difficulty, salt: q.optionSalt };
  const view = deepFreeze(await onPool({ kind: "question-view", job }, () => runQuestionViewJob(job)));
  if (views.size >= VIEW_CACHE_SIZE) views.delete(views.keys().next().value!);
  views.set(id, view);
  return view;
}

/** The grader's full result for one question's answers, on the content the question was taken on. */
export async function gradeQuestionWork(q: QuestionRef, answers: unknown): Promise<GradeResult> {
  const frozen = await frozenScenario(q.scenarioId, q.contentHash);
  const job: QuestionGradeJob = { scenario: frozen.scenario, contentHash: frozen.contentHash, seed: q.seed, difficulty: q.difficulty as Difficulty, salt: q.optionSalt, answers: answers ?? {} };
  return onPool({ kind: "question-grade", job }, () => runQuestionGradeJob(job));
}

/** For tests: forget cached views; `runInline` keeps the work on this thread (or sends it to the pool again). */
export function resetQuestionWorkForTests(options: { runInline?: boolean } = {}): void {
  views.clear();
  if (options.runInline !== undefined) inline = options.runInline;
}
