/**
 * The scenario loader (lib/scenario/load.ts) on random and hostile YAML: random documents, random
 * text, mutated real scenarios, alias bombs, and nesting thousands of levels deep (which used to
 * exhaust the stack, or crash the whole process inside V8's regexp compiler). It never throws, and
 * every error it returns is well formed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { loadScenarioText, type LoadResult } from "@/lib/scenario/load";
import { lineTooDeep, MAX_YAML_NESTING } from "@/lib/scenario/nesting";
import { anyText, hostileJson } from "../server/hostile-input-arbitraries";

const RUNS = 150;
const google = readFileSync(path.resolve(__dirname, "../../content/scenarios/browser-to-google.yaml"), "utf8");

/** Loads, and checks the result's shape: ok with a scenario, or errors with file, path, line, message. */
function loadChecked(text: string): LoadResult {
  const result = loadScenarioText(text, "hostile.yaml");
  if (result.ok) {
    expect(typeof result.scenario.id).toBe("string");
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(e.file).toBe("hostile.yaml");
      expect(typeof e.path).toBe("string");
      expect(typeof e.message).toBe("string");
      expect(e.line === null || (Number.isInteger(e.line) && e.line >= 1)).toBe(true);
    }
  }
  return result;
}

describe("random input", () => {
  test("random YAML documents (random values, poison keys included)", () => {
    fc.assert(fc.property(hostileJson, (value) => void loadChecked(stringify(value))), { numRuns: RUNS });
  });

  test("random text", () => {
    fc.assert(fc.property(anyText, (text) => void loadChecked(text)), { numRuns: RUNS });
  });

  test("a real scenario with a random slice replaced by random text", () => {
    fc.assert(
      fc.property(fc.nat(google.length), fc.nat(200), anyText, (at, cut, insert) => {
        loadChecked(google.slice(0, at) + insert + google.slice(at + cut));
      }),
      { numRuns: 60 },
    );
  });
});

/** `levels` nested flow sequences, `[[[...]]]`. */
const flow = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
/** `levels` nested block sequences, each one space further in. */
const block = (levels: number) => Array.from({ length: levels }, (_, i) => `${" ".repeat(i)}-`).join("\n");
/** Nine anchors, each aliasing the previous one nine times: a billion laughs if expanded. */
const laughs = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]`)].join("\n");

describe("hostile documents", () => {
  test.each([
    { label: "flow sequences 1,000 deep", text: flow(1_000), message: "too deeply" },
    { label: "flow sequences 60,000 deep", text: flow(60_000), message: "too deeply" },
    { label: "flow mappings 5,000 deep (JSON)", text: `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`, message: "too deeply" },
    { label: "flow openers hidden behind quoted brackets", text: '[ "]" '.repeat(5_000), message: "too deeply" },
    { label: "block sequences 1,200 deep", text: block(1_200), message: "too deeply" },
    { label: "compact sequences 50,000 deep", text: `${"- ".repeat(50_000)}x`, message: "too deeply" },
    { label: "a billion laughs (aliases)", text: laughs, message: "" },
    { label: "an anchor aliasing itself", text: "a: &a [*a]\n", message: "" },
    { label: "a merge key loop", text: "a: &a\n  <<: *a\n", message: "" },
    { label: "many documents", text: "---\na: 1\n".repeat(2_000), message: "" },
    { label: "a 900 KB string", text: `id: ${"x".repeat(900_000)}\n`, message: "" },
    { label: "over the 1 MB file limit", text: "#".repeat(1_000_001), message: "over 1000000 bytes" },
  ])("$label: refused with an error, quickly", ({ text, message }) => {
    const started = performance.now();
    const result = loadChecked(text);
    expect(result.ok).toBe(false);
    if (!result.ok && message) expect(result.errors.map((e) => e.message).join("\n")).toContain(message);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("lineTooDeep, the nesting bound", () => {
  test.each([
    { label: "a flat mapping", text: "a: 1\nb: 2\n", limit: 3, expected: null },
    { label: "flow nesting at the limit", text: flow(5), limit: 5, expected: null },
    { label: "flow nesting one over", text: flow(6), limit: 5, expected: 1 },
    { label: "flow nesting starting on line 3", text: `a: 1\nb: 2\nc: ${flow(6)}`, limit: 8, expected: 3 },
    { label: "brackets inside quotes do not count", text: 'a: "[[[[[[[[[["\n', limit: 3, expected: null },
    { label: "brackets in a comment do not count", text: "a: 1 # [[[[[[[[[[\n", limit: 3, expected: null },
    { label: "brackets in a block scalar do not count", text: "a: |\n  [[[[[[[[[[\n", limit: 3, expected: null },
    { label: "closing quotes do not hide openers", text: '[ "]" '.repeat(10), limit: 5, expected: 1 },
    { label: "block indentation over the limit", text: "a:\n" + " ".repeat(10) + "- b\n", limit: 5, expected: 2 },
    { label: "compact sequences over the limit", text: "- - - - - - - x\n", limit: 5, expected: 1 },
    { label: "JSON on one line counts flow depth only", text: JSON.stringify({ a: { b: [1, 2, { c: 3 }] }, d: "e:f" }), limit: 4, expected: null },
  ])("$label", ({ text, limit, expected }) => {
    expect(lineTooDeep(text, limit)).toBe(expected);
  });

  test("the scenarios in content/ and their JSON forms stay well under MAX_YAML_NESTING", () => {
    for (const name of ["browser-to-google", "https-through-cdn", "kubernetes-service-call", "ssh-via-bastion", "two-offices-same-subnet"]) {
      const text = readFileSync(path.resolve(__dirname, `../../content/scenarios/${name}.yaml`), "utf8");
      expect(lineTooDeep(text, MAX_YAML_NESTING / 2)).toBeNull();
      const loaded = loadScenarioText(text, name);
      expect(loaded.ok).toBe(true);
      if (loaded.ok) expect(lineTooDeep(JSON.stringify(loaded.scenario), MAX_YAML_NESTING / 4)).toBeNull();
    }
  });

  test("never under-estimates: any random document deeper than the limit is refused", () => {
    const depth = (v: unknown): number => (v !== null && typeof v === "object" ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
    fc.assert(
      fc.property(hostileJson, fc.integer({ min: 1, max: 5 }), fc.boolean(), (value, limit, asJson) => {
        const text = asJson ? JSON.stringify(value) ?? "null" : stringify(value);
        if (depth(value) > limit) expect(lineTooDeep(text, limit)).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});
