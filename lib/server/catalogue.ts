/**
 * The scenarios the app serves: loaded once from content/ (validated, with their content hashes),
 * summarised for browsing, and the answer keys for (scenario, seed, difficulty) kept in a small
 * cache, since a key is a pure function of those and costs a simulation to build.
 */
import "server-only";
import path from "node:path";
import { loadAllScenarios, type LoadedScenario } from "@/lib/content/scenario-files";
import { layoutDiagram, type Diagram } from "@/lib/diagram/layout";
import { deepFreeze } from "@/lib/engine/freeze";
import { buildAnswerKey } from "@/lib/grader";
import type { OptionKeying } from "@/lib/grader/option-ids";
import type { AnswerKey } from "@/lib/grader/types";
import type { Concept, Difficulty, ScenarioFile } from "@/lib/scenario/schema";
import { variantOf } from "@/lib/simulate";

export interface ScenarioSummary {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly difficulty: Difficulty;
  readonly concepts: readonly Concept[];
  readonly flows: number;
  readonly contentHash: string;
}

interface Catalogue {
  readonly byId: ReadonlyMap<string, LoadedScenario>;
  readonly summaries: readonly ScenarioSummary[];
}

let catalogue: Catalogue | null = null;

/** Where the scenario files are: content/scenarios under the app's working directory. */
function contentDir(): string {
  return path.join(process.cwd(), "content", "scenarios");
}

function load(): Catalogue {
  if (catalogue) return catalogue;
  const all = loadAllScenarios(contentDir());
  for (const e of all.errors) console.error(`[content] ${e.file}${e.line ? `:${e.line}` : ""}: ${e.path}: ${e.message}`);
  const byId = new Map(all.loaded.map((l) => [l.scenario.id, l]));
  const summaries = all.loaded.map((l) => {
    // Titles and summaries may use variables: show them as variant 0 (the source text's numbers) has them.
    const shown = variantOf(l.scenario, 0).file;
    return {
    id: l.scenario.id, title: shown.title, summary: shown.summary, difficulty: l.scenario.difficulty,
    concepts: l.scenario.concepts, flows: l.scenario.flows.length, contentHash: l.contentHash,
    };
  });
  catalogue = { byId, summaries };
  return catalogue;
}

/** Every scenario that loaded, in file order. */
export function listScenarios(): readonly ScenarioSummary[] {
  return load().summaries;
}

/** A scenario and its content hash, or null for an unknown id. */
export function getScenario(id: string): { scenario: ScenarioFile; contentHash: string } | null {
  const hit = load().byId.get(id);
  return hit ? { scenario: hit.scenario, contentHash: hit.contentHash } : null;
}

/** A scenario's file text and content hash, or null for an unknown id (what an assessment freezes). */
export function getScenarioSource(id: string): { source: string; contentHash: string } | null {
  const hit = load().byId.get(id);
  return hit ? { source: hit.source, contentHash: hit.contentHash } : null;
}

const KEY_CACHE_SIZE = 256;
const keys = new Map<string, AnswerKey>();

/** The answer key of a variant at a difficulty (cached; the key stays on the server). */
export function answerKeyFor(scenario: ScenarioFile, contentHash: string, seed: number, difficulty: Difficulty, keying?: OptionKeying): AnswerKey {
  const id = `${scenario.id}|${contentHash}|${seed}|${difficulty}|${keying ? ("legacy" in keying ? "legacy" : keying.salt) : "catalogue"}`;
  const hit = keys.get(id);
  if (hit) {
    keys.delete(id);
    keys.set(id, hit);
    return hit;
  }
  const key = buildAnswerKey(scenario, seed, difficulty, keying);
  if (keys.size >= KEY_CACHE_SIZE) keys.delete(keys.keys().next().value!);
  // Served to every grading of this variant: frozen, so no caller can change it for the next.
  keys.set(id, deepFreeze(key));
  return key;
}

/** The topology diagram of a variant (the zones, nodes, links and addresses; no answers). */
export function diagramFor(scenario: ScenarioFile, seed: number): Diagram {
  const instance = variantOf(scenario, seed);
  return layoutDiagram(instance.input.network, instance.file.zones, instance.file.flows[0]?.from ?? null);
}

export interface ScenarioDetail extends ScenarioSummary {
  /** The story as the source text tells it (seed 0's numbers). */
  readonly story: string;
  /** The variant shown: its story (with that variant's numbers) and its diagram. */
  readonly seed: number;
  readonly variantStory: string;
  readonly diagram: Diagram;
}

/** A scenario's summary, story and the diagram of one variant (seed 0 unless given), or null for an unknown id. */
export function scenarioDetail(id: string, seed = 0): ScenarioDetail | null {
  const found = load().byId.get(id);
  const summary = load().summaries.find((s) => s.id === id);
  if (!found || !summary) return null;
  return {
    ...summary,
    story: variantOf(found.scenario, 0).file.story,
    seed,
    variantStory: variantOf(found.scenario, seed).file.story,
    diagram: diagramFor(found.scenario, seed),
  };
}

/** For tests: forget the loaded content. */
export function resetCatalogueForTests(): void {
  catalogue = null;
  keys.clear();
}
