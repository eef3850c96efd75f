/**
 * The check before publishing: every alternative of every zone must build its sheet and simulate
 * for a sweep of seeds drawn the way the real draw draws them (HMAC of the assessment's secret,
 * in the assessment seed range), so no student can be handed a variant that breaks. Runs inline
 * within a time budget; what the budget left unchecked is reported, and counts as not passed.
 */
import "server-only";
import { FIRST_ASSESSMENT_SEED, VARIANT_SEED_COUNT } from "@/lib/assessment";
import { hmacSha256 } from "@/lib/scenario/digest";
import { buildAnswerKey } from "@/lib/grader";
import type { Difficulty } from "@/lib/scenario/schema";
import { getScenario } from "../catalogue";
import type { StoredAssessment } from "./definitions";

export const SEEDS_PER_ALTERNATIVE = 20;
/** One alternative's sweep stops after this long; a pathological scenario must not hold the request. */
export const ALTERNATIVE_BUDGET_MS = 10_000;

export interface AlternativeCheck {
  readonly zone: number;
  readonly alternative: number;
  readonly scenarioId: string;
  readonly difficulty: Difficulty;
  readonly seedsChecked: number;
  readonly seedsPlanned: number;
  /** "variant 3 of 20: <message>": the seed itself stays on the server. */
  readonly failures: readonly string[];
  readonly ms: number;
  readonly passed: boolean;
}

/** The n-th seed of an alternative's sweep (0-based): a pure function of the secret and the place. */
export function sweepSeed(secret: string, assessmentSlug: string, zone: number, alternative: number, n: number): number {
  const bytes = hmacSha256(secret, JSON.stringify([assessmentSlug, "check", zone, alternative, n]));
  const word = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  return FIRST_ASSESSMENT_SEED + (word % VARIANT_SEED_COUNT);
}

/** Build and simulate one alternative for the sweep; `now` is a monotonic clock in ms (injected for tests). */
export function checkAlternative(
  assessment: StoredAssessment,
  zone: number,
  alternative: number,
  options: { seeds?: number; budgetMs?: number; now?: () => number } = {},
): AlternativeCheck | null {
  const alt = assessment.definition.zones[zone]?.alternatives[alternative];
  if (!alt) return null;
  const planned = options.seeds ?? SEEDS_PER_ALTERNATIVE;
  const budget = options.budgetMs ?? ALTERNATIVE_BUDGET_MS;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const failures: string[] = [];
  let checked = 0;
  const found = getScenario(alt.scenario);
  if (!found) {
    failures.push(`scenario "${alt.scenario}" is not in the catalogue`);
  } else {
    for (let n = 0; n < planned; n++) {
      if (now() - started > budget) {
        failures.push(`stopped after ${checked} of ${planned} variants: over the ${budget / 1000} s budget`);
        break;
      }
      try {
        const key = buildAnswerKey(found.scenario, sweepSeed(assessment.secret, assessment.slug, zone, alternative, n), alt.difficulty);
        if (key.sheet.blankCount === 0) failures.push(`variant ${n + 1} of ${planned}: the sheet has no blank to answer at ${alt.difficulty}`);
      } catch (e) {
        failures.push(`variant ${n + 1} of ${planned}: ${(e as Error).message.split("\n")[0]}`);
      }
      checked++;
    }
  }
  return {
    zone, alternative, scenarioId: alt.scenario, difficulty: alt.difficulty,
    seedsChecked: checked, seedsPlanned: planned, failures,
    ms: Math.round(now() - started), passed: failures.length === 0 && checked === planned,
  };
}

/** Every alternative, in order: what publishing requires to pass. */
export function checkAllAlternatives(assessment: StoredAssessment, options: { seeds?: number; budgetMs?: number } = {}): AlternativeCheck[] {
  return assessment.definition.zones.flatMap((zone, z) => zone.alternatives.map((_, a) => checkAlternative(assessment, z, a, options)!));
}
