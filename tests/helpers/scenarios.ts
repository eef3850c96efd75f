/** Loads the scenarios in content/ for tests (once per test file). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadScenarioText } from "@/lib/scenario/load";
import type { ScenarioFile } from "@/lib/scenario/schema";

export const CONTENT_DIR = path.resolve(__dirname, "../../content/scenarios");

export function scenarioFiles(): string[] {
  return readdirSync(CONTENT_DIR).filter((f) => f.endsWith(".yaml")).sort();
}

const cache = new Map<string, ScenarioFile>();

/** A scenario by id; throws with the validation errors when the file is invalid. */
export function scenario(id: string): ScenarioFile {
  const hit = cache.get(id);
  if (hit) return hit;
  const r = loadScenarioText(readFileSync(path.join(CONTENT_DIR, `${id}.yaml`), "utf8"), `${id}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  cache.set(id, r.scenario);
  return r.scenario;
}

export function scenarioIds(): string[] {
  return scenarioFiles().map((f) => f.replace(/\.yaml$/, ""));
}
