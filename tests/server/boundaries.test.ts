/**
 * The simulation core stays pure: lib/net, lib/engine, lib/grader, lib/scenario, lib/drills,
 * lib/diagram, lib/practice, lib/interview, lib/simulate.ts and lib/random.ts never
 * import the server layer (lib/server, Prisma, Next.js, next-auth). Only lib/server talks to the
 * database; the core gets its inputs as arguments and is testable and runnable anywhere.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const PURE = ["lib/net", "lib/engine", "lib/grader", "lib/scenario", "lib/drills", "lib/diagram", "lib/practice", "lib/interview", "lib/simulate.ts", "lib/random.ts"];
const FORBIDDEN = [
  /^@\/lib\/server(\/|$)/,
  /(^|\/)lib\/server(\/|$)/,
  /^\.\.\/server(\/|$)/,
  /^server-only$/,
  /^next(\/|$)/,
  /^next-auth(\/|$)/,
  /^@prisma\//,
  /^prisma(\/|$)/,
  /(^|\/)prisma\/generated\//,
];

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [dir];
  return fs.readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  const specifiers = [
    ...source.matchAll(/\b(?:import|export)\s[^"'`]*?from\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*["']([^"']+)["']/g),
    ...source.matchAll(/\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return specifiers.map((m) => m[1]!);
}

const files = PURE.flatMap(sourceFiles);

test("there is a core to check", () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)("%s imports nothing from the server layer", (file) => {
  const offending = importsOf(file).filter((spec) => FORBIDDEN.some((pattern) => pattern.test(spec)));
  expect(offending).toEqual([]);
});
