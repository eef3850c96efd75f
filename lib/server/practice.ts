/**
 * Practice attempts: start one on a fresh variant, hand out its public sheet, and grade it exactly
 * once. The expected answers never leave this module before the attempt is submitted.
 */
import "server-only";
import type { JourneyProps } from "@/lib/practice/journey-types";
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
import { catalogueKeying, drawAttemptSecrets, keyingOf, labelOf } from "./practice/secrets";

/** The largest seed the public routes accept; attempts draw theirs above it (see practice/secrets.ts). */
export { PUBLIC_SEED_MAX as MAX_SEED } from "./practice/secrets";

export type StartResult = { ok: true; attempt: AttemptRecord } | { ok: false; reason: "unknown_scenario" };

/**
 * Starts a practice attempt on a fresh secret variant. `seed` is for tests and tools only (no route
 * passes one): a seed the learner knows is a variant they can simulate.
 */
export async function startPractice(owner: Owner, scenarioId: string, difficulty: Difficulty, seed?: number, mode = "practice"): Promise<StartResult> {
  const found = getScenario(scenarioId);
  if (!found) return { ok: false, reason: "unknown_scenario" };
  const secrets = drawAttemptSecrets(found.scenario, seed);
  const attempt = await createAttempt(owner, {
    scenarioId, contentHash: found.contentHash, engineVersion: ENGINE_VERSION, ...secrets, difficulty, mode, answers: {},
  });
  return { ok: true, attempt };
}

/** The sheet a learner fills in for an attempt: the story and the blanks, no answers. */
export function sheetForAttempt(attempt: Pick<AttemptRecord, "scenarioId" | "seed" | "difficulty" | "optionSalt">): AnswerSheet | null {
  const found = getScenario(attempt.scenarioId);
  if (!found) return null;
  return answerKeyFor(found.scenario, found.contentHash, attempt.seed, attempt.difficulty as Difficulty, keyingOf(attempt)).sheet;
}

/**
 * Grades an attempt's stored answers against the scenario it was started on. When the content
 * has changed since, the attempt is graded against the current content and the result says so
 * through its content hash.
 */
export function gradeAttempt(attempt: AttemptRecord): Grading {
  const found = getScenario(attempt.scenarioId);
  if (!found) throw new Error(`scenario ${attempt.scenarioId} is no longer available`);
  const key = answerKeyFor(found.scenario, found.contentHash, attempt.seed, attempt.difficulty as Difficulty, keyingOf(attempt));
  return gradingOf(gradeAnswers(key, attempt.answers, { scenario: found.scenario, contentHash: found.contentHash }));
}

/** A grade result as the attempts repository stores it; `mastery: false` keeps it out of the user's mastery. */
function gradingOf(result: GradeResult, options: { mastery?: boolean } = {}): Grading {
  return {
    result: storedResult(result) as unknown as JsonInput, score: result.score, maxScore: result.maxScore,
    concepts: options.mastery === false ? [] : Object.entries(result.byConcept).map(([concept, t]) => ({ concept, earned: t!.earned, possible: t!.possible })),
  };
}

export interface GradeRequest {
  readonly scenarioId: string;
  readonly seed: number;
  readonly difficulty: Difficulty;
  readonly answers: JsonInput;
}

export type GradeNowResult =
  | { ok: true; result: GradeResult; attemptId: string | null }
  | { ok: false; reason: "unknown_scenario" | "client_gone" }
  | { ok: false; reason: "busy"; retryAfterSeconds: number };

/**
 * Grades answers for a public catalogue variant (the grading API). A signed-in user's grading is
 * stored as a submitted attempt of mode "api" (history, never mastery: the same call that grades a
 * catalogue variant reveals its answers); an anonymous caller's is stored nowhere, so anonymous
 * calls cost no storage. When the caller hangs up before the store (`signal` aborted), nothing is
 * stored, so stored gradings match the responses that were delivered. The caller checks the seed
 * is public and the variant not in practice (variant-guard.ts).
 */
export async function gradeNow(owner: Owner | null, request: GradeRequest, signal?: AbortSignal): Promise<GradeNowResult> {
  const found = getScenario(request.scenarioId);
  if (!found) return { ok: false, reason: "unknown_scenario" };
  // The grading itself runs on a worker thread (lib/server/practice/grade-on-pool.ts).
  const graded = await gradeOnPool(request, signal);
  if (!graded.ok) return graded.reason === "client_gone" ? { ok: false, reason: "client_gone" } : { ok: false, reason: "busy", retryAfterSeconds: graded.reason === "busy" ? graded.retryAfterSeconds : 1 };
  if (!graded.value) return { ok: false, reason: "unknown_scenario" };
  const result = graded.value;
  if (!owner || !("userId" in owner)) return signal?.aborted ? { ok: false, reason: "client_gone" } : { ok: true, result, attemptId: null };
  const attempt = await recordGradedAttempt(owner, {
    scenarioId: request.scenarioId, contentHash: found.contentHash, engineVersion: ENGINE_VERSION, seed: request.seed,
    difficulty: request.difficulty, mode: "api", answers: request.answers, optionSalt: (catalogueKeying(request.scenarioId, request.seed) as { salt: string }).salt,
  }, gradingOf(result, { mastery: false }), { stillWanted: () => !signal?.aborted });
  if (!attempt) return { ok: false, reason: "client_gone" };
  return { ok: true, result, attemptId: attempt.id };
}

/**
 * For a submitted attempt's results: each choice blank's option words by the value the grader
 * compares and reports (option ids are random per attempt, so a result names a choice by value).
 * Empty before submission: the mapping pairs ids with values, which the rules keep until then.
 */
export function choiceTextsOf(attempt: AttemptRecord): Record<string, Record<string, string>> {
  if (attempt.status !== "submitted") return {};
  const found = getScenario(attempt.scenarioId);
  if (!found) return {};
  const key = answerKeyFor(found.scenario, found.contentHash, attempt.seed, attempt.difficulty as Difficulty, keyingOf(attempt));
  const texts: Record<string, Record<string, string>> = {};
  for (const blank of key.blanks) {
    if (!blank.options || !blank.optionValues) continue;
    const byValue: Record<string, string> = {};
    for (const option of blank.options) {
      const value = blank.optionValues[option.id];
      if (value !== undefined) byValue[value] = option.text;
    }
    texts[blank.id] = byValue;
  }
  return texts;
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
  const key = answerKeyFor(found.scenario, found.contentHash, stored.seed, stored.difficulty, keyingOf(attempt));
  const regraded = gradeAnswers(key, attempt.answers, { scenario: found.scenario, contentHash: found.contentHash });
  if (found.contentHash === stored.contentHash || sameVerdicts(stored, regraded)) return { ...regraded, contentHash: stored.contentHash };
  return { ...regraded, regradedFrom: stored.contentHash };
}

/** A sheet as it leaves the server: no expected value (the grader's public sheet has none) and, for an attempt, no seed. */
export type PublicSheet = Omit<AnswerSheet, "seed"> & { readonly seed?: number };

/** The public sheet of a catalogue variant (its seed is the caller's own choice). */
export function publicSheetOf(sheet: AnswerSheet): PublicSheet {
  return sheet;
}

/** An attempt's sheet: the seed is the attempt's secret. */
export function attemptSheetOf(sheet: AnswerSheet): PublicSheet {
  const { seed: _secret, ...rest } = sheet;
  return rest;
}

/** A result as an attempt shows it: without the seed. */
export type AttemptResult = Omit<GradeResult, "seed">;

function attemptResultOf(result: GradeResult | null): AttemptResult | null {
  if (!result) return null;
  const { seed: _secret, ...rest } = result;
  return rest;
}

/** What an owner may see of an attempt: the public sheet and saved answers; the result once submitted. */
export interface AttemptView {
  readonly id: string;
  readonly scenarioId: string;
  /** An opaque code naming the attempt to its learner (the seed stays on the server). */
  readonly label: string;
  readonly difficulty: Difficulty;
  readonly mode: string;
  readonly status: "in_progress" | "submitted";
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  readonly sheet: PublicSheet;
  readonly answers: Record<string, unknown>;
  readonly result: AttemptResult | null;
}

/** The owner's view of an attempt, or null when its scenario is no longer served. */
export function attemptView(attempt: AttemptRecord): AttemptView | null {
  const sheet = sheetForAttempt(attempt);
  if (!sheet) return null;
  const answers = attempt.answers !== null && typeof attempt.answers === "object" && !Array.isArray(attempt.answers) ? (attempt.answers as Record<string, unknown>) : {};
  return {
    id: attempt.id, scenarioId: attempt.scenarioId, label: labelOf(attempt), difficulty: attempt.difficulty as Difficulty, mode: attempt.mode,
    status: attempt.status === "submitted" ? "submitted" : "in_progress",
    createdAt: attempt.createdAt.toISOString(), updatedAt: attempt.updatedAt.toISOString(), submittedAt: attempt.submittedAt?.toISOString() ?? null,
    sheet: attemptSheetOf(sheet), answers, result: attemptResultOf(resultOf(attempt)),
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
  const { trace } = answerKeyFor(found.scenario, found.contentHash, attempt.seed, attempt.difficulty as Difficulty, keyingOf(attempt));
  const first = resultOf(attempt)?.firstDivergence ?? null;
  const flows = trace.flows.map((f) => ({ id: f.id, title: f.title, outcome: f.outcome, events: f.events }));
  const focus = first ? journeyFocus(flows, first.flow, first.at) : null;
  return { diagram: diagramFor(found.scenario, attempt.seed), flows, ...focus };
}
