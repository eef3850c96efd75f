/**
 * Scenario content kept by hash. Publishing an assessment copies the text of every scenario it
 * draws from into ScenarioContent; every attempt names the hash it was taken on, so it can be
 * re-simulated exactly as it was even after the file in content/ changes (regrade against the
 * original gives the stored score). A hash names immutable text, so parsed scenarios are cached.
 */
import "server-only";
import { contentHashOf } from "@/lib/content/scenario-files";
import { loadScenarioText } from "@/lib/scenario/load";
import type { ScenarioFile } from "@/lib/scenario/schema";
import { getScenario, getScenarioSource } from "../catalogue";
import { getDb, type Tx } from "../db";

export interface FrozenScenario {
  readonly scenario: ScenarioFile;
  readonly contentHash: string;
}

const PARSED_CACHE_SIZE = 128;
const parsed = new Map<string, FrozenScenario>();

export class MissingContentError extends Error {
  constructor(readonly what: string) {
    super(`scenario content ${what} is not stored`);
    this.name = "MissingContentError";
  }
}

/** Stores the catalogue's current text of each scenario; returns { scenarioId: contentHash }. */
export async function freezeCatalogueScenarios(tx: Tx, scenarioIds: readonly string[]): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const id of new Set(scenarioIds)) {
    const found = getScenarioSource(id);
    if (!found) throw new MissingContentError(`for unknown scenario "${id}"`);
    await tx.scenarioContent.upsert({
      where: { hash: found.contentHash },
      create: { hash: found.contentHash, scenarioId: id, source: found.source },
      update: {},
    });
    hashes[id] = found.contentHash;
  }
  return hashes;
}

function remember(hash: string, value: FrozenScenario): FrozenScenario {
  if (parsed.size >= PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  parsed.set(hash, value);
  return value;
}

/**
 * The scenario with this content hash: the catalogue's when it still has that version (no database
 * read), else the stored text, parsed once. Throws MissingContentError when neither has it.
 */
export async function frozenScenario(scenarioId: string, hash: string): Promise<FrozenScenario> {
  const current = getScenario(scenarioId);
  if (current && current.contentHash === hash) return current;
  const hit = parsed.get(hash);
  if (hit) return hit;
  const row = await getDb().scenarioContent.findUnique({ where: { hash } });
  if (!row) throw new MissingContentError(hash);
  // The stored text must still be what its hash says (a hand-edited row would grade against other content).
  if (contentHashOf(new TextEncoder().encode(row.source)) !== hash) throw new MissingContentError(`${hash} (its text no longer matches its hash)`);
  const loaded = loadScenarioText(row.source, `${row.scenarioId}@${hash.slice(0, 12)}`);
  if (!loaded.ok) throw new MissingContentError(`${hash} (it no longer loads: ${loaded.errors[0]?.message ?? "invalid"})`);
  return remember(hash, { scenario: loaded.scenario, contentHash: hash });
}

/** For tests: forget parsed content. */
export function resetFrozenContentForTests(): void {
  parsed.clear();
}
