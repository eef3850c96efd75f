/** The scenarios as the browse page lists them: easiest first, file order within a difficulty. */
import "server-only";
import { listScenarios, type ScenarioSummary } from "@/lib/server/catalogue";

const ORDER: Readonly<Record<string, number>> = { beginner: 0, intermediate: 1, advanced: 2 };

/** Every scenario, beginner first (the catalogue already words titles and summaries as variant 0 does). */
export function browseScenarios(): ScenarioSummary[] {
  return listScenarios()
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (ORDER[a.s.difficulty] ?? 9) - (ORDER[b.s.difficulty] ?? 9) || a.i - b.i)
    .map(({ s }) => s);
}
