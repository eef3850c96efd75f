/**
 * What only the server knows about an attempt (its seed and option salt), read straight from the
 * e2e server's SQLite database, so a test can answer right or know what must never reach the
 * browser. No route hands these out: that is the point.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { findScenario } from "../../../lib/content/scenario-files";
import { buildAnswerKey } from "../../../lib/grader";
import type { AnswerKey } from "../../../lib/grader/types";
import type { Difficulty } from "../../../lib/scenario/schema";

interface Row {
  scenarioId: string;
  seed: number;
  difficulty: string;
  optionSalt: string | null;
  variantFingerprint: string | null;
}

/** The attempt's row as the server stores it. */
export function attemptRow(attemptId: string): Row {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run through `npx playwright test`");
  const db = new Database(path.join(dir, "e2e.db"), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT "scenarioId", "seed", "difficulty", "optionSalt", "variantFingerprint" FROM "Attempt" WHERE "id" = ?').get(attemptId) as Row | undefined;
    if (!row) throw new Error(`no attempt ${attemptId}`);
    return row;
  } finally {
    db.close();
  }
}

/**
 * Moves an attempt onto a chosen seed, straight in the database: for tests that check what a known
 * variant looks like (seed 0 is the source text's numbers). No route can do this, by design.
 */
export function pinAttemptSeed(attemptId: string, seed: number): void {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run through `npx playwright test`");
  const db = new Database(path.join(dir, "e2e.db"), { fileMustExist: true });
  try {
    const { changes } = db.prepare('UPDATE "Attempt" SET "seed" = ? WHERE "id" = ? AND "status" = \'in_progress\'').run(seed, attemptId);
    if (changes !== 1) throw new Error(`no attempt in progress with id ${attemptId}`);
  } finally {
    db.close();
  }
}

/** The attempt's answer key, built as the server builds it. */
export function attemptKey(attemptId: string): AnswerKey {
  const row = attemptRow(attemptId);
  const found = findScenario(row.scenarioId);
  if (!found.ok) throw new Error(`cannot load ${row.scenarioId}`);
  return buildAnswerKey(found.scenario, row.seed, row.difficulty as Difficulty, row.optionSalt ? { salt: row.optionSalt } : { legacy: true });
}
