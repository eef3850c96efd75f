/**
 * Mastery tracking: running per-concept totals (points earned out of points possible, and how many
 * graded attempts touched the concept) in ConceptScore, one row per (user, concept).
 */
import "server-only";
import { getDb, type Tx } from "./db";

/** One concept's share of a graded attempt. */
export interface ConceptTotals {
  readonly concept: string;
  readonly earned: number;
  readonly possible: number;
}

export interface ConceptMastery {
  readonly concept: string;
  readonly earned: number;
  readonly possible: number;
  readonly attempts: number;
  /** earned / possible, or 0 before anything was possible. */
  readonly ratio: number;
  readonly updatedAt: Date;
}

export class InvalidConceptTotalsError extends Error {
  override name = "InvalidConceptTotalsError";
}

/** Sum duplicate concepts and reject totals that would corrupt the running sums. */
export function mergeConceptTotals(totals: readonly ConceptTotals[]): ConceptTotals[] {
  const merged = new Map<string, { earned: number; possible: number }>();
  for (const { concept, earned, possible } of totals) {
    if (concept.trim() === "") throw new InvalidConceptTotalsError("a concept needs a name");
    if (!Number.isFinite(earned) || !Number.isFinite(possible) || earned < 0 || possible < 0 || earned > possible + 1e-9) {
      throw new InvalidConceptTotalsError(`concept "${concept}": need 0 <= earned <= possible, got ${earned}/${possible}`);
    }
    const sum = merged.get(concept) ?? { earned: 0, possible: 0 };
    merged.set(concept, { earned: sum.earned + earned, possible: sum.possible + possible });
  }
  return [...merged].map(([concept, sum]) => ({ concept, ...sum }));
}

/**
 * Add a graded result's per-concept totals to the user's mastery. Call it inside the transaction
 * that stores the grading, so a submission and its mastery update land together or not at all.
 */
export async function addToMastery(tx: Tx, userId: string, totals: readonly ConceptTotals[]): Promise<void> {
  // Sorted so two transactions touching the same concepts lock rows in the same order (no deadlock).
  const merged = mergeConceptTotals(totals).sort((a, b) => (a.concept < b.concept ? -1 : 1));
  for (const { concept, earned, possible } of merged) {
    await tx.conceptScore.upsert({
      where: { userId_concept: { userId, concept } },
      create: { userId, concept, earned, possible, attempts: 1 },
      update: { earned: { increment: earned }, possible: { increment: possible }, attempts: { increment: 1 } },
    });
  }
}

/** A user's mastery per concept, weakest first. */
export async function getMasteryForUser(userId: string): Promise<ConceptMastery[]> {
  const rows = await getDb().conceptScore.findMany({ where: { userId }, orderBy: { concept: "asc" } });
  return rows
    .map((row) => ({
      concept: row.concept,
      earned: row.earned,
      possible: row.possible,
      attempts: row.attempts,
      ratio: row.possible > 0 ? row.earned / row.possible : 0,
      updatedAt: row.updatedAt,
    }))
    .sort((a, b) => a.ratio - b.ratio || (a.concept < b.concept ? -1 : 1));
}
