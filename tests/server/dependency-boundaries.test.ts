/**
 * The import boundaries are checked by dependency-cruiser (`npm run lint:deps`, .dependency-cruiser.cjs).
 * This test proves the tool fails where it should: it builds a small project in a temp folder with one
 * forbidden import per file (every kind the earlier regex tests caught, and more: type-only, dynamic and
 * require imports, lib/drills, lib/diagram and the future lib/assessment and lib/interview), runs
 * depcruise with the real config on it, and expects exactly the named rule for each file. A clean file
 * in the same project must pass, so a config that flags everything fails too.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const DEPCRUISE = path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

/** Files the violating fixtures import; they exist so that every import resolves. */
const SUPPORT: Record<string, string> = {
  "lib/server/db.ts": "export const db = 1;\n",
  "lib/content/scenario-files.ts": "export const files = 1;\n",
  "app/page.tsx": "export const page = 1;\n",
  "components/widget.tsx": "export const widget = 1;\n",
  "components/journey/types.ts": "export type JourneyProps = { a: 1 };\n",
  "prisma/generated/sqlite/client.ts": "export const PrismaClient = 1;\n",
  "lib/net/ipv4.ts": "export const ipv4 = 1;\n",
};

interface Case {
  readonly label: string;
  readonly file: string;
  readonly source: string;
  /** The rules that must report this file, and no others; none: the file must pass. */
  readonly rules: readonly string[];
}

const CASES: readonly Case[] = [
  { label: "engine imports next", file: "lib/engine/a.ts", source: 'import { NextResponse } from "next/server";\nexport const a = NextResponse;\n', rules: ["pure-no-framework"] },
  { label: "grader imports next-auth", file: "lib/grader/a.ts", source: 'import { getServerSession } from "next-auth";\nexport const a = getServerSession;\n', rules: ["pure-no-framework"] },
  { label: "diagram imports react", file: "lib/diagram/a.ts", source: 'import { useState } from "react";\nexport const a = useState;\n', rules: ["pure-no-framework"] },
  { label: "drills import @prisma/client", file: "lib/drills/a.ts", source: 'import { Prisma } from "@prisma/client";\nexport const a = Prisma;\n', rules: ["pure-no-framework"] },
  { label: "scenario names a Prisma type (type-only)", file: "lib/scenario/a.ts", source: 'import type { PrismaClient } from "@prisma/client";\nexport type A = PrismaClient;\n', rules: ["pure-no-framework"] },
  { label: "net imports pg", file: "lib/net/a.ts", source: 'import pg from "pg";\nexport const a = pg;\n', rules: ["pure-no-framework"] },
  { label: "assessment imports better-sqlite3", file: "lib/assessment/a.ts", source: 'import Database from "better-sqlite3";\nexport const a = Database;\n', rules: ["pure-no-framework"] },
  { label: "interview imports server-only", file: "lib/interview/a.ts", source: 'import "server-only";\nexport const a = 1;\n', rules: ["pure-no-framework"] },
  { label: "practice requires next (require)", file: "lib/practice/a.ts", source: 'const next = require("next/server");\nexport const a = next;\n', rules: ["pure-no-framework"] },
  { label: "simulate.ts imports next dynamically", file: "lib/simulate.ts", source: 'export const a = () => import("next/server");\n', rules: ["pure-no-framework"] },
  { label: "engine imports a generated Prisma client", file: "lib/engine/b.ts", source: 'import { PrismaClient } from "../../prisma/generated/sqlite/client";\nexport const b = PrismaClient;\n', rules: ["pure-no-generated-prisma-client"] },
  { label: "engine imports node:fs", file: "lib/engine/c.ts", source: 'import { readFileSync } from "node:fs";\nexport const c = readFileSync;\n', rules: ["pure-no-node-builtins"] },
  { label: "scenario imports fs", file: "lib/scenario/b.ts", source: 'import fs from "fs";\nexport const b = fs;\n', rules: ["pure-no-node-builtins"] },
  { label: "grader imports node:child_process", file: "lib/grader/b.ts", source: 'import { execFile } from "node:child_process";\nexport const b = execFile;\n', rules: ["pure-no-node-builtins"] },
  { label: "random.ts imports node:crypto", file: "lib/random.ts", source: 'import { randomInt } from "node:crypto";\nexport const r = randomInt;\n', rules: ["pure-no-node-builtins"] },
  { label: "drills import crypto", file: "lib/drills/b.ts", source: 'import { randomBytes } from "crypto";\nexport const b = randomBytes;\n', rules: ["pure-no-node-builtins"] },
  { label: "engine imports lib/server (alias)", file: "lib/engine/d.ts", source: 'import { db } from "@/lib/server/db";\nexport const d = db;\n', rules: ["pure-no-web-layer"] },
  { label: "grader imports lib/server (relative)", file: "lib/grader/c.ts", source: 'import { db } from "../server/db";\nexport const c = db;\n', rules: ["pure-no-web-layer"] },
  { label: "scenario imports lib/content", file: "lib/scenario/c.ts", source: 'import { files } from "@/lib/content/scenario-files";\nexport const c = files;\n', rules: ["pure-no-web-layer"] },
  { label: "diagram imports components", file: "lib/diagram/b.ts", source: 'import { widget } from "@/components/widget";\nexport const b = widget;\n', rules: ["lib-not-app-or-components", "pure-no-web-layer"] },
  { label: "lib/server imports app", file: "lib/server/bad.ts", source: 'import { page } from "@/app/page";\nexport const bad = page;\n', rules: ["lib-not-app-or-components"] },
  { label: "lib/server/practice.ts imports a component's types", file: "lib/server/practice.ts", source: 'import type { JourneyProps } from "@/components/journey/types";\nexport const p: JourneyProps | null = null;\n', rules: ["lib-not-app-or-components"] },
  { label: "a cycle outside the known one", file: "lib/engine/cycle-a.ts", source: 'import { b } from "./cycle-b";\nexport const a = () => b;\n', rules: ["no-circular"] },
  { label: "an unresolvable import", file: "lib/engine/e.ts", source: 'import { x } from "./does-not-exist";\nexport const e = x;\n', rules: ["not-to-unresolvable"] },
  { label: "a pure module using a pure module and zod", file: "lib/engine/clean.ts", source: 'import { ipv4 } from "@/lib/net/ipv4";\nimport { z } from "zod";\nexport const clean = [ipv4, z];\n', rules: [] },
  { label: "lib/server using Prisma and node:fs", file: "lib/server/fine.ts", source: 'import { readFileSync } from "node:fs";\nimport { Prisma } from "@prisma/client";\nexport const fine = [readFileSync, Prisma];\n', rules: [] },
];

const EXTRA: Record<string, string> = {
  "lib/engine/cycle-b.ts": 'import { a } from "./cycle-a";\nexport const b = () => a;\n',
};

interface Violation {
  readonly from: string;
  readonly rule: { readonly name: string };
}

let project = "";
let violations: readonly Violation[] = [];

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), "hopwise-depcruise-"));
  const files = { ...SUPPORT, ...EXTRA, ...Object.fromEntries(CASES.map((c) => [c.file, c.source])) };
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), source);
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
  writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] } } }));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [DEPCRUISE, "lib", "app", "components", "--config", path.join(ROOT, ".dependency-cruiser.cjs"), "--output-type", "json"],
    { cwd: project, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  violations = (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}, 60_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("dependency-cruiser with the project's config", () => {
  test("reports something at all", () => {
    expect(violations.length).toBeGreaterThan(0);
  });

  test.each(CASES)("$label: $rules", ({ file, rules }) => {
    const reported = [...new Set(violations.filter((v) => v.from === file).map((v) => v.rule.name))].sort();
    expect(reported).toEqual(rules);
  });

  test("no import of a component from lib/ is tolerated, not even a type (the journey's props live in lib/practice)", () => {
    const reported = violations.filter((v) => v.from === "lib/server/practice.ts").map((v) => (v as unknown as { to: string }).to);
    expect(reported).toEqual(["components/journey/types.ts"]);
  });
});
