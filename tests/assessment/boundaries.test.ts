import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * lib/assessment is a pure core (STYLE.md rule 1): the server passes the time, secrets and stored
 * records in. It imports no framework, database, I/O module or server code, reads no clock and
 * draws no unseeded randomness; only other pure folders, zod and yaml.
 */
const root = path.resolve(__dirname, "../..");
const dir = path.join(root, "lib/assessment");
const FILES = readdirSync(dir).filter((f) => f.endsWith(".ts"));
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm;
const ALLOWED_PACKAGES = new Set(["zod", "yaml"]);
const PURE_FOLDERS = ["lib/assessment", "lib/scenario", "lib/grader", "lib/engine", "lib/net"];

describe.each(FILES)("lib/assessment/%s", (file) => {
  const text = readFileSync(path.join(dir, file), "utf8");
  const imports = [...text.matchAll(IMPORT)].map((m) => m[1]!);

  test("imports only pure folders, zod and yaml", () => {
    for (const i of imports) {
      if (i.startsWith(".")) {
        const target = path.relative(root, path.resolve(dir, i));
        expect(PURE_FOLDERS.some((p) => target.startsWith(p)), `${i} -> ${target}`).toBe(true);
      } else {
        expect(ALLOWED_PACKAGES.has(i), i).toBe(true);
      }
    }
  });

  test("uses no wall clock and no unseeded randomness", () => {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\bDate\.now\(|\bnew Date\(|\bMath\.random\(|\bperformance\.now\(|\bcrypto\.|process\./);
  });

  test("stays small (under ~300 lines)", () => {
    expect(text.split("\n").length).toBeLessThan(300);
  });
});
