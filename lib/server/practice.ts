/**
 * Practice attempts: start one on a fresh variant, hand out its public sheet, and grade it exactly
 * once. The expected answers never leave this module before the attempt is submitted.
 */
import "server-only";
import { randomInt } from "node:crypto";
import type { JourneyProps } from "@/components/journey/types";
import type { Diagram } from "@/lib/diagram/layout";
import { journeyFocus } from "@/lib/practice/journey-focus";
import { gradeAnswers, isStoredResult, sameVerdicts, storedResult } from "@/lib/grader";
import type { AnswerSheet, GradeResult } from "@/lib/grader/types";
import { ENGINE_VERSION } from "@/lib/engine/version";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor, diagramFor, getScenario } from "./catalogue";
import {
  createAttempt, recordGradedAttempt, submitAttemptOnce, type AttemptRecord, type Grading, type JsonInput, type SubmitResult,
} from "./attempts";
import type { Owner } from "./owner";
import { gradeOnPool } from "./practice/grade-on-pool";

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
  return gradingOf(gradeAnswers(key, attempt.answers, { scenario: found.scenario, contentHash: found.contentHash }));
}

/** A grade result as the attempts repository stores it. */
function gradingOf(result: GradeResult): Grading {
  return {
    result: storedResult(result) as unknown as JsonInput, score: result.score, maxScore: result.maxScore,
    concepts: Object.entries(result.byConcept).map(([concept, t]) => ({ concept, earned: t!.earned, possible: t!.possible })),
  };
}

export interface GradeRequest {
  readonly scenarioId: string;
  readonly seed: number;
  readonly difficulty: Difficulty;
  readonly answers: JsonInput;
}

export type GradeNowResult =
  | { ok: true; result: GradeResult; attemptId: string }
  | { ok: false; reason: "unknown_scenario" | "client_gone" }
  | { ok: false; reason: "busy"; retryAfterSeconds: number };

/**
 * Grades answers for a variant without an attempt in progress (the grading API) and stores the
 * grading as a submitted attempt of mode "api": one stored grading per answered call. When the
 * caller hangs up first (`signal` aborted), nothing is stored, so stored gradings match the
 * responses that were delivered.
 */
export async function gradeNow(owner: Owner, request: GradeRequest, signal?: AbortSignal): Promise<GradeNowResult> {
  const found = getScenario(request.scenarioId);
  if (!found) return { ok: false, reason: "unknown_scenario" };
  // The grading itself runs on a worker thread (lib/server/practice/grade-on-pool.ts).
  const graded = await gradeOnPool(request, signal);
  if (!graded.ok) return graded.reason === "client_gone" ? { ok: false, reason: "client_gone" } : { ok: false, reason: "busy", retryAfterSeconds: graded.reason === "busy" ? graded.retryAfterSeconds : 1 };
  if (!graded.value) return { ok: false, reason: "unknown_scenario" };
  const result = graded.value;
  const attempt = await recordGradedAttempt(owner, {
    scenarioId: request.scenarioId, contentHash: found.contentHash, engineVersion: ENGINE_VERSION, seed: request.seed,
    difficulty: request.difficulty, mode: "api", answers: request.answers,
  }, gradingOf(result), { stillWanted: () => !signal?.aborted });
  if (!attempt) return { ok: false, reason: "client_gone" };
  return { ok: true, result, attemptId: attempt.id };
}

/** Submits an attempt: graded exactly once; a repeated submit returns the stored result. */
export function submitPractice(attemptId: string, owner: Owner): Promise<SubmitResult> {
  return submitAttemptOnce(attemptId, owner, gradeAttempt);
}

/**
 * The grading of a submitted attempt, with its explanations. The database keeps the compact
 * verdicts; the explanations come from regrading the stored answers, which reproduces the
 * original exactly while the scenario is unchanged. If the scenario has changed since, the
 * regrade is returned marked with `regradedFrom`, unless it still gives the same verdicts.
 */
export function resultOf(attempt: AttemptRecord): GradeResult | null {
  if (attempt.status !== "submitted" || !attempt.result) return null;
  if (!isStoredResult(attempt.result)) return attempt.result as unknown as GradeResult;
  const stored = attempt.result;
  const found = getScenario(attempt.scenarioId);
  if (!found) return null;
  const key = answerKeyFor(found.scenario, found.contentHash, stored.seed, stored.difficulty);
  const regraded = gradeAnswers(key, attempt.answers, { scenario: found.scenario, contentHash: found.contentHash });
  if (found.contentHash === stored.contentHash || sameVerdicts(stored, regraded)) return { ...regraded, contentHash: stored.contentHash };
  return { ...regraded, regradedFrom: stored.contentHash };
}

/** The sheet as it leaves the server (the grader's public sheet carries no expected value). */
export type PublicSheet = AnswerSheet;

export function publicSheetOf(sheet: AnswerSheet): PublicSheet {
  return sheet;
}

/** What an owner may see of an attempt: the public sheet and saved answers; the result once submitted. */
export interface AttemptView {
  readonly id: string;
  readonly scenarioId: string;
  readonly seed: number;
  readonly difficulty: Difficulty;
  readonly mode: string;
  readonly status: "in_progress" | "submitted";
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  readonly sheet: PublicSheet;
  readonly answers: Record<string, unknown>;
  readonly result: GradeResult | null;
}

/** The owner's view of an attempt, or null when its scenario is no longer served. */
export function attemptView(attempt: AttemptRecord): AttemptView | null {
  const sheet = sheetForAttempt(attempt);
  if (!sheet) return null;
  const answers = attempt.answers !== null && typeof attempt.answers === "object" && !Array.isArray(attempt.answers) ? (attempt.answers as Record<string, unknown>) : {};
  return {
    id: attempt.id, scenarioId: attempt.scenarioId, seed: attempt.seed, difficulty: attempt.difficulty as Difficulty, mode: attempt.mode,
    status: attempt.status === "submitted" ? "submitted" : "in_progress",
    createdAt: attempt.createdAt.toISOString(), updatedAt: attempt.updatedAt.toISOString(), submittedAt: attempt.submittedAt?.toISOString() ?? null,
    sheet: publicSheetOf(sheet), answers, result: resultOf(attempt),
  };
}

/** The topology of an attempt's variant: context for the learner (addresses and MACs are given facts). */
export function diagramForAttempt(attempt: Pick<AttemptRecord, "scenarioId" | "seed">): Diagram | null {
  const found = getScenario(attempt.scenarioId);
  return found ? diagramFor(found.scenario, attempt.seed) : null;
}

/**
 * What the journey view (the animated path and the layer inspector) needs: the whole trace, so
 * only ever for a submitted attempt. Opens at the learner's first divergence when there is one.
 */
export function journeyForAttempt(attempt: AttemptRecord): JourneyProps | null {
  if (attempt.status !== "submitted") return null;
  const found = getScenario(attempt.scenarioId);
  if (!found) return null;
  const { trace } = answerKeyFor(found.scenario, found.contentHash, attempt.seed, attempt.difficulty as Difficulty);
  const first = resultOf(attempt)?.firstDivergence ?? null;
  const flows = trace.flows.map((f) => ({ id: f.id, title: f.title, outcome: f.outcome, events: f.events }));
  const focus = first ? journeyFocus(flows, first.flow, first.at) : null;
  return { diagram: diagramFor(found.scenario, attempt.seed), flows, ...focus };
}
