/**
 * The JSON Schema of a scenario file, generated from the zod ScenarioSchema so the two can never
 * disagree. Authors get completion and hover help in their editor from the first line of every
 * scenario: `# yaml-language-server: $schema=../scenario.schema.json`.
 * `npm run schema` writes it to content/scenario.schema.json; a test checks the file is current.
 */
import { z } from "zod";
import { ScenarioSchema } from "../scenario/schema";

/** Where the generated schema is committed, relative to the repository root. */
export const SCENARIO_JSON_SCHEMA_PATH = "content/scenario.schema.json";

/** The modeline every scenario file starts with, so editors find the schema. */
export const SCHEMA_MODELINE = "# yaml-language-server: $schema=../scenario.schema.json";

/**
 * The schema as the text of the committed file (2-space JSON, trailing newline).
 * `io: "input"` describes what an author writes, so fields with defaults are optional; draft-07
 * because yaml-language-server (the YAML extension of VS Code and others) supports up to draft 7.
 */
export function scenarioJsonSchemaText(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", target: "draft-07" });
  const titled = {
    $schema: schema.$schema,
    title: "Hopwise scenario",
    description: "A Hopwise scenario file: a network, its flows, the questions asked at each difficulty, and an interview script. Generated from lib/scenario/schema.ts by `npm run schema`; do not edit by hand.",
    ...schema,
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
