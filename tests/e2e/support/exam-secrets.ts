/**
 * What only the server knows about an assessment attempt, read straight from the e2e server's
 * SQLite database: each drawn question's secret seed and option salt, the frozen scenario text it
 * was published with, and from those the answer keys, built as the server builds them (never
 * from the page). Also what the student is shown anyway (story, context cells, labels, diagram),
 * so the no-leak spec can tell a given fact from an answer. And, for the spec's last step, moving
 * the assessment's close date into the past, which no route can do.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { contentHashOf } from "../../../lib/content/scenario-files";
import { layoutDiagram } from "../../../lib/diagram/layout";
import { buildAnswerKey } from "../../../lib/grader";
import type { KeyBlank } from "../../../lib/grader/types";
import { loadScenarioText } from "../../../lib/scenario/load";
import type { Difficulty, ScenarioFile } from "../../../lib/scenario/schema";
import { variantOf } from "../../../lib/simulate";
import { contextOf, sheetLabels, strings, variantSecrets, type Context } from "../../helpers/leaks";

interface QuestionRow {
  slot: string;
  scenarioId: string;
  difficulty: string;
  seed: number;
  contentHash: string;
  optionSalt: string;
  variantFingerprint: string;
}

export interface ExamQuestionSecrets {
  readonly slot: string;
  readonly scenarioId: string;
  /** Every blank of the question with its expected value. */
  readonly blanks: readonly KeyBlank[];
  /** The blanks cut to the values no catalogue variant shares (for the public study routes). */
  readonly variantOnly: readonly KeyBlank[];
}

export interface ExamAttemptSecrets {
  readonly questions: readonly ExamQuestionSecrets[];
  /** Every question's blanks together. */
  readonly blanks: readonly KeyBlank[];
  readonly variantOnly: readonly KeyBlank[];
  /** What the student is shown as given facts, over all questions. */
  readonly context: Context;
  /** Strings that must never reach the browser: seeds, option salts, variant fingerprints, the assessment's draw secret. */
  readonly hidden: readonly string[];
}

function open(readonly: boolean): Database.Database {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run through `npx playwright test`");
  return new Database(path.join(dir, "e2e.db"), { readonly, fileMustExist: true });
}

/** The scenario exactly as published: the stored text, checked against its hash. */
function frozenScenario(db: Database.Database, hash: string): ScenarioFile {
  const row = db.prepare('SELECT "scenarioId", "source" FROM "ScenarioContent" WHERE "hash" = ?').get(hash) as { scenarioId: string; source: string } | undefined;
  if (!row) throw new Error(`no frozen content ${hash}`);
  if (contentHashOf(new TextEncoder().encode(row.source)) !== hash) throw new Error(`frozen content ${hash} does not match its hash`);
  const loaded = loadScenarioText(row.source, row.scenarioId);
  if (!loaded.ok) throw new Error(`frozen content ${hash} does not load`);
  return loaded.scenario;
}

/** The attempt's answer keys and secrets, from its stored questions and frozen content. */
export function examAttemptSecrets(attemptId: string): ExamAttemptSecrets {
  const db = open(true);
  try {
    const rows = db.prepare('SELECT "slot", "scenarioId", "difficulty", "seed", "contentHash", "optionSalt", "variantFingerprint" FROM "AttemptQuestion" WHERE "attemptId" = ? ORDER BY "slot"').all(attemptId) as QuestionRow[];
    if (rows.length === 0) throw new Error(`attempt ${attemptId} has no questions`);
    const { secret } = db.prepare('SELECT a."secret" FROM "Assessment" a JOIN "AssessmentAttempt" t ON t."assessmentId" = a."id" WHERE t."id" = ?').get(attemptId) as { secret: string };
    const contexts: Context[] = [];
    const questions = rows.map((q): ExamQuestionSecrets => {
      const scenario = frozenScenario(db, q.contentHash);
      const key = buildAnswerKey(scenario, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt });
      const instance = variantOf(scenario, q.seed);
      const given = contextOf({ sheet: key.sheet }, layoutDiagram(instance.input.network, instance.file.zones, instance.file.flows[0]?.from ?? null));
      const context = { ...given, cells: [...given.cells, ...sheetLabels(key.sheet)] };
      contexts.push(context);
      // What every catalogue variant shares belongs to the scenario: the study routes show it to anyone.
      const shared = [0, 1].flatMap((seed) => strings(buildAnswerKey(scenario, seed, "advanced").blanks.map((b) => [b.expected, ...b.parts.map((p) => p.expected)])));
      return { slot: q.slot, scenarioId: q.scenarioId, blanks: key.blanks, variantOnly: variantSecrets(key.blanks, shared, context) };
    });
    return {
      questions,
      blanks: questions.flatMap((q) => q.blanks),
      variantOnly: questions.flatMap((q) => q.variantOnly),
      context: { story: contexts.map((c) => c.story).join("\n"), cells: contexts.flatMap((c) => c.cells), diagram: contexts.flatMap((c) => c.diagram) },
      hidden: [...rows.flatMap((q) => [String(q.seed), q.optionSalt, q.variantFingerprint]), secret],
    };
  } finally {
    db.close();
  }
}

/** The attempt's questions' seeds (for trying them on the public routes as a student who guessed them). */
export function examQuestionSeeds(attemptId: string): { scenarioId: string; seed: number; contentHash: string; source: string }[] {
  const db = open(true);
  try {
    return db.prepare('SELECT q."scenarioId", q."seed", q."contentHash", c."source" FROM "AttemptQuestion" q JOIN "ScenarioContent" c ON c."hash" = q."contentHash" WHERE q."attemptId" = ? ORDER BY q."slot"')
      .all(attemptId) as { scenarioId: string; seed: number; contentHash: string; source: string }[];
  } finally {
    db.close();
  }
}

/**
 * Moves the assessment's close date to `closeAt` (its release an hour before), in its stored
 * definition: "after the close" then comes without the test waiting for a real close.
 */
export function moveAssessmentClose(assessmentId: string, closeAt: number): void {
  const db = open(false);
  try {
    const row = db.prepare('SELECT "definition" FROM "Assessment" WHERE "id" = ?').get(assessmentId) as { definition: string } | undefined;
    if (!row) throw new Error(`no assessment ${assessmentId}`);
    const definition = JSON.parse(row.definition) as { access: Record<string, unknown> };
    definition.access = { ...definition.access, release: new Date(closeAt - 3_600_000).toISOString(), close: new Date(closeAt).toISOString() };
    db.prepare('UPDATE "Assessment" SET "definition" = ? WHERE "id" = ?').run(JSON.stringify(definition), assessmentId);
  } finally {
    db.close();
  }
}
