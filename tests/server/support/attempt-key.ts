/**
 * What only the server knows about an attempt, read from the database as the server would: its
 * answer key (seed and option salt included). Tests use it to answer right, and to know which
 * values must never reach the learner.
 */
import { buildAnswerKey, modelAnswers } from "@/lib/grader";
import type { AnswerKey } from "@/lib/grader/types";
import type { Difficulty } from "@/lib/scenario/schema";
import { getScenario } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { keyingOf } from "@/lib/server/practice/secrets";

export async function attemptKey(attemptId: string): Promise<AnswerKey> {
  const row = await getDb().attempt.findUniqueOrThrow({ where: { id: attemptId } });
  const found = getScenario(row.scenarioId);
  if (!found) throw new Error(`no scenario ${row.scenarioId}`);
  return buildAnswerKey(found.scenario, row.seed, row.difficulty as Difficulty, keyingOf(row));
}

/** The model answers of an attempt, as a learner who knew everything would send them. */
export async function attemptAnswers(attemptId: string): Promise<Record<string, unknown>> {
  return modelAnswers(await attemptKey(attemptId)) as Record<string, unknown>;
}
