/**
 * Which questions a student gets: each zone draws `choose` of its alternatives, uniformly and
 * without repetition, and every drawn question gets a variant seed. Everything comes from
 * HMAC-SHA-256(assessment secret, who and which attempt), so the draw is reproducible by the
 * server (the secret is stored with the assessment), unpredictable to students (they do not
 * know the secret), and independent between zones, students and attempts (each gets its own
 * HMAC input). In "same-for-everyone" mode the student id is left out of the input: everyone's
 * n-th attempt gets the same questions and seeds.
 */
import { hmacSha256 } from "../scenario/digest";
import type { AssessmentDefinition } from "./schema";
import type { Difficulty } from "../scenario/schema";

/**
 * Variant seeds fall in FIRST_ASSESSMENT_SEED .. FIRST_ASSESSMENT_SEED + VARIANT_SEED_COUNT - 1: above
 * every seed a public study route accepts (0..9,999, lib/server/practice/secrets.ts), so nobody can ask
 * /grade or /simulate for an assessment's variant by its seed (tests/server/assessment-seeds.test.ts).
 */
export const FIRST_ASSESSMENT_SEED = 10_000;
export const VARIANT_SEED_COUNT = 1_000_000;
export const VARIANT_SEED_MAX = FIRST_ASSESSMENT_SEED + VARIANT_SEED_COUNT - 1;

export interface DrawInput {
  /** The assessment's secret (random, kept on the server, never shown). */
  readonly secret: string;
  readonly studentId: string;
  /** 1 for the first attempt. */
  readonly attemptNumber: number;
}

export interface DrawnQuestion {
  /** Stable within an attempt: "z<zone>q<n>". */
  readonly slot: string;
  readonly zone: number;
  /** Index of the alternative in its zone. */
  readonly alternative: number;
  readonly scenarioId: string;
  readonly difficulty: Difficulty;
  readonly points: number;
  readonly seed: number;
}

/** A stream of unbiased integers from consecutive HMAC blocks of one label. */
function integers(secret: string, label: string) {
  let block = 0;
  let words: number[] = [];
  const word = (): number => {
    if (words.length === 0) {
      const bytes = hmacSha256(secret, `${label}#${block++}`);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      words = Array.from({ length: 8 }, (_, i) => view.getUint32(i * 4));
    }
    return words.shift()!;
  };
  /** Uniform in [0, n): rejection sampling keeps it exactly uniform for any n. */
  return (n: number): number => {
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const w = word();
      if (w < limit) return w % n;
    }
  };
}

/** The questions of one attempt, zone by zone, each zone's in the order of its alternatives. */
export function drawQuestions(definition: AssessmentDefinition, input: DrawInput): readonly DrawnQuestion[] {
  if (!Number.isInteger(input.attemptNumber) || input.attemptNumber < 1) throw new RangeError("attemptNumber is a whole number from 1");
  if (input.secret.length < 16) throw new RangeError("the assessment secret must have at least 16 characters");
  const who = definition.variants === "same-for-everyone" ? "*" : `student:${input.studentId}`;
  // JSON-quoting the parts keeps ("a|b", "c") and ("a", "b|c") apart.
  const base = JSON.stringify([definition.id, who, input.attemptNumber]);
  const out: DrawnQuestion[] = [];
  definition.zones.forEach((zone, z) => {
    const next = integers(input.secret, `${base}|zone:${z}|pick`);
    const pool = zone.alternatives.map((_, i) => i);
    const count = Math.min(zone.choose, pool.length);
    // A partial Fisher-Yates shuffle: the first `count` positions are a uniform draw without repetition.
    for (let i = 0; i < count; i++) {
      const j = i + next(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const chosen = pool.slice(0, count).sort((a, b) => a - b);
    chosen.forEach((a, n) => {
      const alt = zone.alternatives[a]!;
      const seedOf = integers(input.secret, `${base}|zone:${z}|alternative:${a}|seed`);
      out.push({ slot: `z${z}q${n}`, zone: z, alternative: a, scenarioId: alt.scenario, difficulty: alt.difficulty, points: alt.points, seed: FIRST_ASSESSMENT_SEED + seedOf(VARIANT_SEED_COUNT) });
    });
  });
  return out;
}
