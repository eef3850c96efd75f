/**
 * How many fields each attempt asks, for the live view's "answered / total": the sum of the blanks
 * of its drawn questions. A question's blank count needs its answer key (a simulation), so counts
 * are cached by variant, and each request builds at most BUILD_BUDGET new ones: on a class of 500
 * per-student variants the first refresh shows the totals it has and the next refreshes fill in
 * the rest, instead of one request simulating everything at once.
 */
import "server-only";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor } from "../catalogue";
import { getDb } from "../db";
import { scenarioForQuestion } from "./frozen";

const CACHE_LIMIT = 20_000;
const BUILD_BUDGET = 40;
const counts = new Map<string, number>();

interface QuestionRef {
  readonly attemptId: string;
  readonly scenarioId: string;
  readonly contentHash: string;
  readonly seed: number;
  readonly difficulty: string;
  readonly optionSalt: string;
}

async function countOf(q: QuestionRef): Promise<number | null> {
  const found = await scenarioForQuestion(q);
  if (!found) return null;
  return answerKeyFor(found.scenario, found.contentHash, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt }).sheet.blankCount;
}

/**
 * The number of fields of each attempt (missing when not known yet: a variant left for a later
 * request, or content no longer available).
 */
export async function blankCounts(attemptIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
  if (attemptIds.length === 0) return new Map();
  const questions = await getDb().attemptQuestion.findMany({
    where: { attemptId: { in: [...attemptIds] } },
    select: { attemptId: true, scenarioId: true, contentHash: true, seed: true, difficulty: true, optionSalt: true },
  });
  const perAttempt = new Map<string, number>();
  const unknown = new Set<string>();
  let budget = BUILD_BUDGET;
  for (const q of questions) {
    const key = `${q.contentHash}|${q.seed}|${q.difficulty}`;
    let n = counts.get(key);
    if (n === undefined && budget > 0) {
      budget--;
      const built = await countOf(q);
      if (built !== null) {
        if (counts.size >= CACHE_LIMIT) counts.delete(counts.keys().next().value!);
        counts.set(key, built);
        n = built;
      }
    }
    if (n === undefined) unknown.add(q.attemptId);
    else perAttempt.set(q.attemptId, (perAttempt.get(q.attemptId) ?? 0) + n);
  }
  for (const id of unknown) perAttempt.delete(id);
  return perAttempt;
}
