/**
 * Answer keys on the content an attempt question was taken on (by hash, lib/server/assessments/
 * content.ts), for the expected values in exports and the regrade's reasons.
 */
import "server-only";
import type { AnswerKey } from "@/lib/grader/types";
import type { Difficulty } from "@/lib/scenario/schema";
import { frozenScenario, MissingContentError, type FrozenScenario } from "../assessments/content";
import { answerKeyFor } from "../catalogue";

export interface KeyedQuestion {
  readonly scenarioId: string;
  readonly contentHash: string;
  readonly seed: number;
  readonly difficulty: string;
  readonly optionSalt: string;
}

/** The key of an attempt question on `content` (its frozen content unless given), or null when that content is gone. */
export async function questionKey(q: KeyedQuestion, content?: FrozenScenario): Promise<{ frozen: FrozenScenario; key: AnswerKey } | null> {
  let frozen = content;
  if (!frozen) {
    try {
      frozen = await frozenScenario(q.scenarioId, q.contentHash);
    } catch (error) {
      if (error instanceof MissingContentError) return null;
      throw error;
    }
  }
  return { frozen, key: answerKeyFor(frozen.scenario, frozen.contentHash, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt }) };
}

/** Expected value per blank id on the frozen content, or null when the content is gone. */
export async function expectedValues(q: KeyedQuestion): Promise<ReadonlyMap<string, string> | null> {
  const found = await questionKey(q);
  return found ? new Map(found.key.blanks.map((b) => [b.id, b.expected])) : null;
}
