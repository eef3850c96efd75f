/**
 * The public study routes stay study tools: they serve catalogue variants a caller picks, never a
 * variant somebody is practising right now. Attempts draw their seeds outside the public range, but
 * two seeds can draw the same variable values; so every attempt stores its variant's fingerprint and
 * a public request whose variant has the fingerprint of an in-progress attempt (anyone's: a second
 * account is free) is refused with 409 `variant_in_practice`. Assessment questions count too: an
 * assessment's seeds are secret and above the public range, but its variant must not be studied either.
 * Interview sessions draw from the same secret range and are guarded the same way until they end.
 */
import "server-only";
import type { Trace } from "@/lib/engine/trace-types";
import { seedFingerprint, variantFingerprint } from "@/lib/scenario/fingerprint";
import type { ScenarioFile } from "@/lib/scenario/schema";
import { apiError } from "../api";
import { getDb } from "../db";
import { isVariantInInterview } from "../interviews/store";

export const VARIANT_IN_PRACTICE = "variant_in_practice";

/**
 * Whether an attempt on the variant with this fingerprint is in progress: a practice attempt, a
 * question drawn for an assessment attempt (homework or exam) that is still open, or an interview
 * session not yet ended.
 */
export async function isVariantInPractice(fingerprint: string): Promise<boolean> {
  const db = getDb();
  const practice = await db.attempt.findFirst({ where: { variantFingerprint: fingerprint, status: "in_progress" }, select: { id: true } });
  if (practice) return true;
  const assessed = await db.attemptQuestion.findFirst({ where: { variantFingerprint: fingerprint, attempt: { status: "in_progress" } }, select: { slot: true } });
  return assessed !== null || (await isVariantInInterview(fingerprint));
}

function refusal() {
  return apiError(409, VARIANT_IN_PRACTICE, "This variant is in an open practice attempt, so it cannot be studied here until that attempt is submitted. Pick another seed.");
}

/**
 * The 409 for a catalogue variant that is being practised, or null when it may be served. A seed
 * whose values cannot be drawn has no fingerprint; the route reports that problem itself.
 */
export async function refuseVariantInPractice(scenario: ScenarioFile, seed: number) {
  let fingerprint: string;
  try {
    fingerprint = seedFingerprint(scenario, seed);
  } catch {
    return null;
  }
  return (await isVariantInPractice(fingerprint)) ? refusal() : null;
}

/** The same check on a finished trace (an inline scenario posted to /simulate carries its own id and values). */
export function refuseTraceInPractice(trace: Pick<Trace, "scenarioId" | "variables">) {
  return refuseFingerprintInPractice(variantFingerprint(trace.scenarioId, trace.variables));
}

/** The same check on a variant fingerprint worked out elsewhere (the simulation worker). */
export async function refuseFingerprintInPractice(fingerprint: string) {
  return (await isVariantInPractice(fingerprint)) ? refusal() : null;
}
