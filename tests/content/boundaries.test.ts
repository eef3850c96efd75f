import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * lib/content is the I/O shell (node:fs, node:crypto); the pure core must not reach into it or do
 * I/O itself, so simulate() and grading stay functions of their arguments (STYLE.md, rule 1).
 */
const root = path.resolve(__dirname, "../..");
const PURE = ["lib/engine", "lib/grader", "lib/scenario", "lib/net", "lib/simulate.ts", "lib/random.ts"];

function files(rel: string): string[] {
  const full = path.join(root, rel);
  if (rel.endsWith(".ts")) return [rel];
  return readdirSync(full, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(rel, e.name)) : e.name.endsWith(".ts") ? [path.join(rel, e.name)] : []);
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm;

describe.each(PURE.flatMap(files))("%s", (file) => {
  const text = readFileSync(path.join(root, file), "utf8");
  const imports = [...text.matchAll(IMPORT)].map((m) => m[1]!);

  test("imports neither lib/content nor Node's I/O modules", () => {
    const resolved = imports.filter((i) => i.startsWith(".")).map((i) => path.relative(root, path.resolve(path.dirname(path.join(root, file)), i)));
    expect(resolved.filter((r) => r.startsWith("lib/content"))).toEqual([]);
    expect(imports.filter((i) => i.startsWith("node:") || i === "fs" || i === "crypto" || i.startsWith("@/lib/content"))).toEqual([]);
  });

  test("uses no wall clock and no unseeded randomness", () => {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\bDate\.now\(|\bnew Date\(|\bMath\.random\(|\bperformance\.now\(/);
  });
});
