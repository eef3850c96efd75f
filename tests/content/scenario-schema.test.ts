import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { SCENARIO_JSON_SCHEMA_PATH, SCHEMA_MODELINE, scenarioJsonSchemaText } from "@/lib/content/scenario-json-schema";
import { listScenarioFiles } from "@/lib/content/scenario-files";

const root = path.resolve(__dirname, "../..");

describe("content/scenario.schema.json", () => {
  test("is the schema generated from lib/scenario/schema.ts (run `npm run schema` if this fails)", () => {
    const committed = readFileSync(path.join(root, SCENARIO_JSON_SCHEMA_PATH), "utf8");
    // Comparing parsed values first gives a readable diff; the text check catches formatting drift.
    expect(JSON.parse(committed), "content/scenario.schema.json is stale: run `npm run schema`").toEqual(JSON.parse(scenarioJsonSchemaText()));
    expect(committed === scenarioJsonSchemaText(), "content/scenario.schema.json is stale: run `npm run schema`").toBe(true);
  });

  test("leaves fields with defaults optional (io: input)", () => {
    const schema = JSON.parse(scenarioJsonSchemaText()) as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(["id", "title", "segments", "flows"]));
    expect(schema.required).not.toContain("variables");
    expect(schema.required).not.toContain("nodes");
    expect(schema.additionalProperties).toBe(false);
  });
});

describe.each(listScenarioFiles(path.join(root, "content/scenarios")).map((f) => path.relative(root, f)))("%s", (file) => {
  test("starts with the yaml-language-server modeline", () => {
    const first = readFileSync(path.join(root, file), "utf8").split("\n", 1)[0];
    expect(first).toBe(SCHEMA_MODELINE);
  });
});
