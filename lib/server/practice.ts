/**
 * Practice attempts: start one on a fresh variant, hand out its public sheet, and grade it exactly
 * once. The expected answers never leave this module before the attempt is submitted.
 */
import "server-only";
import { randomInt } from "node:crypto";
import { gradeAnswers } from "@/lib/grader";
import type { AnswerSheet, GradeResult } from "@/lib/grader/types";
import { ENGINE_VERSION } from "@/lib/engine/version";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor, getScenario } from "./catalogue";
import { createAttempt, submitAttemptOnce, type AttemptRecord, type Grading, type JsonInput, type SubmitResult } from "./attempts";
import type { Owner } from "./owner";

/** Seeds are drawn from a range that is large enough that variants are not memorised. */
export const MAX_SEED = 1_000_000;

/** A fresh seed; seed 0 (the source text's own numbers) is offered explicitly, never drawn. */
export function randomSeed(): number {
  return randomInt(1, MAX_SEED);
}

export type StartResult = { ok: true; attempt: AttemptRecord } | { ok: false; reason: "unknown_scenario" };

/** Starts a practice attempt on a variant (a fresh random one unless a seed is given). */
export async function startPractice(owner: Owner, scenarioId: string, difficulty: Difficulty, seed?: number, mode = "practice"): Promise<StartResult> {
  const found = getScenario(scenarioId);
  if (!found) return { ok: false, reason: "unknown_scenario" };
  const attempt = await createAttempt(owner, {
    scenarioId, contentHash: found.contentHash, engineVersion: ENGINE_VERSION, seed: seed ?? randomSeed(), difficulty, mode, answers: {},
  });
  return { ok: true, attempt };
}

/** The sheet a learner fills in for an attempt: the story and the blanks, no answers. */
export function sheetForAttempt(attempt: Pick<AttemptRecord, "scenarioId" | "seed" | "difficulty">): AnswerSheet | null {
  const found = getScenario(attempt.scenarioId);
  if (!found) return null;
  return answerKeyFor(found.scenario, found.contentHash, attempt.seed, attempt.difficulty as Difficulty).sheet;
}

/**
 * Grades an attempt's stored answers against the scenario it was started on. When the content
 * has changed since, the attempt is graded against the current content and the result says so
 * through its content hash.
 */
export function gradeAttempt(attempt: AttemptRecord): Grading {
  const found = getScenario(attempt.scenarioId);
  if (!found) throw new Error(`scenario ${attempt.scenarioId} is no longer available`);
  const key = answerKeyFor(found.scenario, found.contentHash, attempt.seed, attempt.difficulty as Difficulty);
  const result = gradeAnswers(key, attempt.answers, { scenario: found.scenario, contentHash: found.contentHash });
  return {
    result: result as unknown as JsonInput, score: result.score, maxScore: result.maxScore,
    concepts: Object.entries(result.byConcept).map(([concept, t]) => ({ concept, earned: t!.earned, possible: t!.possible })),
  };
}

/** Submits an attempt: graded exactly once; a repeated submit returns the stored result. */
export function submitPractice(attemptId: string, owner: Owner): Promise<SubmitResult> {
  return submitAttemptOnce(attemptId, owner, gradeAttempt);
}

/** The stored grading of a submitted attempt. */
export function resultOf(attempt: AttemptRecord): GradeResult | null {
  return attempt.status === "submitted" && attempt.result ? (attempt.result as unknown as GradeResult) : null;
}
