/**
 * prisma/sqlite and prisma/postgres must describe the same models, field for field, so one set of
 * repository code works on both. Compared on the parsed model blocks, ignoring comments and spacing.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

type Models = Record<string, string[]>;

/** Model name → its field and attribute lines, normalised. */
function modelsOf(schemaPath: string): Models {
  const source = fs.readFileSync(path.join(ROOT, schemaPath), "utf8");
  const models: Models = {};
  for (const match of source.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = match;
    models[name!] = body!
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").trim().replace(/\s+/g, " "))
      .filter((line) => line !== "");
  }
  return models;
}

function blocksOf(schemaPath: string, kind: "enum" | "type" | "view"): string[] {
  const source = fs.readFileSync(path.join(ROOT, schemaPath), "utf8");
  return [...source.matchAll(new RegExp(`^${kind}\\s+(\\w+)`, "gm"))].map((m) => m[1]!);
}

const sqlite = modelsOf("prisma/sqlite/schema.prisma");
const postgres = modelsOf("prisma/postgres/schema.prisma");

describe("the SQLite and PostgreSQL schemas", () => {
  test("define the expected models (the reader found them all)", () => {
    const core = ["Assessment", "AssessmentAttempt", "Attempt", "AttemptEvent", "AttemptQuestion", "AuthSession", "Course", "CourseMember", "InterviewEvent", "InterviewSession", "ScoreLedgerEntry", "User"];
    expect(Object.keys(sqlite)).toEqual(expect.arrayContaining(core));
  });

  test("define the same models", () => {
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
  });

  test.each(Object.keys(sqlite).sort())("model %s has the same fields, types and attributes", (model) => {
    expect(postgres[model]).toEqual(sqlite[model]);
  });

  test.each(["enum", "type", "view"] as const)("define the same %s blocks", (kind) => {
    expect(blocksOf("prisma/postgres/schema.prisma", kind)).toEqual(blocksOf("prisma/sqlite/schema.prisma", kind));
  });

  test("each has a migration for every migration of the other, with the same names", () => {
    const list = (provider: string) =>
      fs
        .readdirSync(path.join(ROOT, "prisma", provider, "migrations"), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    expect(list("postgres")).toEqual(list("sqlite"));
    expect(list("sqlite").length).toBeGreaterThan(0);
  });
});
