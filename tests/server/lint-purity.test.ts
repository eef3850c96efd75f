/**
 * The pure folders use no clock, global randomness, environment or network: eslint.config.mjs forbids
 * them there (the import side is dependency-cruiser's, see dependency-boundaries.test.ts). This runs
 * ESLint with the project's config on snippets placed in a pure and in an impure folder, so a config
 * change that stops reporting them fails here.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function rulesReported(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const IMPURE: readonly { label: string; code: string; rule: string }[] = [
  { label: "Date.now()", code: "export const t = Date.now();\n", rule: "no-restricted-properties" },
  { label: "new Date()", code: "export const t = new Date();\n", rule: "no-restricted-syntax" },
  { label: "Date() called as a function", code: "export const t = Date();\n", rule: "no-restricted-syntax" },
  { label: "Math.random()", code: "export const r = Math.random();\n", rule: "no-restricted-properties" },
  { label: "process.env", code: "export const e = process.env.HOME;\n", rule: "no-restricted-globals" },
  { label: "globalThis.process", code: "export const e = globalThis.process;\n", rule: "no-restricted-properties" },
  { label: "fetch()", code: 'export const f = () => fetch("http://x");\n', rule: "no-restricted-globals" },
  { label: "performance.now()", code: "export const t = performance.now();\n", rule: "no-restricted-globals" },
  { label: "crypto.randomUUID()", code: "export const id = crypto.randomUUID();\n", rule: "no-restricted-globals" },
  { label: "setTimeout", code: "export const s = () => setTimeout(() => 1, 5);\n", rule: "no-restricted-globals" },
];

const PURE_PLACES = ["lib/engine/x.ts", "lib/drills/x.ts", "lib/diagram/x.ts", "lib/assessment/x.ts", "lib/interview/x.ts", "lib/random.ts"];

describe("in a pure folder", () => {
  test.each(IMPURE.flatMap((c) => PURE_PLACES.map((place) => ({ ...c, place }))))("$label in $place is reported ($rule)", async ({ code, place, rule }) => {
    expect(await rulesReported(code, place)).toEqual([rule]);
  });

  test.each([
    { label: "a date from an argument", code: "export const t = (ms: number) => new Date(ms).toISOString();\n" },
    { label: "a clock passed in", code: "export const later = (now: () => number) => now() + 1;\n" },
    { label: "Math on numbers", code: "export const m = Math.max(1, 2);\n" },
  ])("$label passes", async ({ code }) => {
    expect(await rulesReported(code, "lib/engine/x.ts")).toEqual([]);
  });
});

describe("outside the pure folders", () => {
  test.each(["lib/server/x.ts", "scripts/x.ts"])("the clock and the environment are allowed in %s", async (place) => {
    expect(await rulesReported("export const t = [Date.now(), new Date(), Math.random(), process.env.HOME];\n", place)).toEqual([]);
  });
});
