/**
 * `npm run schema`: regenerates content/scenario.schema.json from the zod ScenarioSchema.
 * Run it after changing lib/scenario/schema.ts or schema-network.ts (a test fails until you do).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchemaText } from "../lib/content/scenario-json-schema";

try {
  const text = scenarioJsonSchemaText();
  let before: string | null = null;
  try {
    before = readFileSync(SCENARIO_JSON_SCHEMA_PATH, "utf8");
  } catch {
    before = null;
  }
  if (before === text) {
    console.log(`${SCENARIO_JSON_SCHEMA_PATH} is up to date`);
  } else {
    writeFileSync(SCENARIO_JSON_SCHEMA_PATH, text);
    console.log(`wrote ${SCENARIO_JSON_SCHEMA_PATH} (${text.length} bytes)`);
  }
} catch (e) {
  console.error(`schema: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
