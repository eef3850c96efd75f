/**
 * An attempt's secrets: its seed, the salt that keys its option ids, and its variant fingerprint.
 * None of them leaves the server. The learner sees only the attempt's label, an opaque code that
 * no route accepts.
 *
 * Seeds come in two disjoint ranges: the public study routes (/grade, /simulate, /scenarios/:id,
 * /scenarios/:id/sheet) accept 0 to PUBLIC_SEED_MAX; attempts draw from above it, up to the
 * largest seed the database column holds, so no public route can name an attempt's seed.
 */
import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import { catalogueKeying, type OptionKeying } from "@/lib/grader/option-ids";
import { seedFingerprint } from "@/lib/scenario/fingerprint";
import type { ScenarioFile } from "@/lib/scenario/schema";

/** The largest seed a public route accepts (study variants: 0 is the scenario file's own numbers). */
export const PUBLIC_SEED_MAX = 9_999;
/** Attempts draw their seed from this range (about 2.1 billion seeds, disjoint from the public one). */
export const ATTEMPT_SEED_MIN = PUBLIC_SEED_MAX + 1;
export const ATTEMPT_SEED_MAX = 2_147_483_646;

/** Label alphabet: no 0/O or 1/I/L to misread. */
const LABEL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export interface AttemptSecrets {
  readonly seed: number;
  readonly optionSalt: string;
  readonly variantFingerprint: string;
  readonly label: string;
}

/** A short code to tell attempts apart ("K7QM-4ZX2"): random, unrelated to the seed, accepted nowhere. */
export function newAttemptLabel(): string {
  const chars = Array.from({ length: 8 }, () => LABEL_ALPHABET[randomInt(LABEL_ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/** Fresh secrets for an attempt on `scenario`. `seed` is for tests and tools only: no route passes one. */
export function drawAttemptSecrets(scenario: ScenarioFile, seed = randomInt(ATTEMPT_SEED_MIN, ATTEMPT_SEED_MAX + 1)): AttemptSecrets {
  return { seed, optionSalt: randomBytes(24).toString("base64url"), variantFingerprint: seedFingerprint(scenario, seed), label: newAttemptLabel() };
}

/** How an attempt's option ids are keyed: its salt, or the ids of before salts existed. */
export function keyingOf(attempt: { readonly optionSalt: string | null }): OptionKeying {
  return attempt.optionSalt ? { salt: attempt.optionSalt } : { legacy: true };
}

/** The keying of a public catalogue variant. */
export { catalogueKeying };

/** What the learner sees for an attempt: its label, or for an attempt made before labels a code from its id. */
export function labelOf(attempt: { readonly id: string; readonly label: string | null }): string {
  return attempt.label ?? attempt.id.slice(-8).toUpperCase();
}
