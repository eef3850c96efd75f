import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatError, loadScenarioText } from "@/lib/scenario/load";
import { checkTrace } from "@/lib/scenario/checks";
import { simulate, variantOf } from "@/lib/simulate";

const dir = path.resolve(__dirname, "../../content/scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const SEEDS = Array.from({ length: 100 }, (_, i) => i);

describe.each(files)("%s", (file) => {
  const loaded = loadScenarioText(readFileSync(path.join(dir, file), "utf8"), `content/scenarios/${file}`);

  test("parses and validates", () => {
    expect(loaded.ok ? [] : loaded.errors.map(formatError)).toEqual([]);
  });

  test("every variant for seeds 0..99 simulates and keeps its teaching point", () => {
    if (!loaded.ok) return;
    const problems: string[] = [];
    for (const seed of SEEDS) {
      const trace = simulate(loaded.scenario, { seed });
      for (const f of checkTrace(variantOf(loaded.scenario, seed).file, trace)) problems.push(`seed ${seed} ${f.flow} ${f.check}: ${f.message}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
