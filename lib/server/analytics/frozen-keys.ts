/**
 * Answer keys rebuilt from the content an attempt was taken on (ScenarioContent, by hash), for
 * the expected values in exports and the regrade against the original content. Parsed scenarios
 * are kept per hash in a small cache: a class shares a handful of contents.
 */
import "server-only";
import { buildAnswerKey } from "@/lib/grader";
import type { AnswerKey } from "@/lib/grader/types";
import { loadScenarioText } from "@/lib/scenario/load";
import type { Difficulty, ScenarioFile } from "@/lib/scenario/schema";
import { getDb } from "../db";

const CACHE_SIZE = 32;
const scenarios = new Map<string, ScenarioFile | null>();

/** The scenario frozen under `hash`, or null when it is missing or no longer loads. */
export async function frozenScenarioFile(hash: string): Promise<ScenarioFile | null> {
  if (scenarios.has(hash)) return scenarios.get(hash)!;
  const row = await getDb().scenarioContent.findUnique({ where: { hash }, select: { source: true, scenarioId: true } });
  const loaded = row ? loadScenarioText(row.source, `${row.scenarioId}.yaml`) : null;
  const scenario = loaded?.ok ? loaded.scenario : null;
  if (scenarios.size >= CACHE_SIZE) scenarios.delete(scenarios.keys().next().value!);
  scenarios.set(hash, scenario);
  return scenario;
}

export interface KeyedQuestion {
  readonly contentHash: string;
  readonly seed: number;
  readonly difficulty: string;
  readonly optionSalt: string;
}

/** The key of an attempt question on its frozen content, or null when the content is gone. */
export async function frozenKey(q: KeyedQuestion): Promise<{ scenario: ScenarioFile; key: AnswerKey } | null> {
  const scenario = await frozenScenarioFile(q.contentHash);
  if (!scenario) return null;
  return { scenario, key: buildAnswerKey(scenario, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt }) };
}

/** Expected value per blank id, or null when the content is gone. */
export async function expectedValues(q: KeyedQuestion): Promise<ReadonlyMap<string, string> | null> {
  const found = await frozenKey(q);
  return found ? new Map(found.key.blanks.map((b) => [b.id, b.expected])) : null;
}
