/**
 * What a grading stores: the scores and each field's verdict, without the explanations. The
 * explanations are a pure function of the scenario, the seed and the answers (all recorded), so
 * they are rebuilt by regrading when shown; storing them would multiply every write by ten.
 */
import type { FieldStatus, GradeResult } from "./types";

export const STORED_FORMAT = "hopwise-grade/1";

export interface StoredField {
  readonly id: string;
  readonly status: FieldStatus;
  readonly score: number;
  readonly given: string | null;
  /** The misconception rule named, if any. */
  readonly misconception: string | null;
  /**
   * The key's expected value, kept for assessment questions (storedResult's `keepExpected`) so the
   * per-field export reads it instead of rebuilding the answer key of every student's variant.
   * Older rows lack it. Never shown to a student from here: their views rebuild from the key.
   */
  readonly expected?: string;
}

export interface StoredResult extends Omit<GradeResult, "fields"> {
  readonly format: typeof STORED_FORMAT;
  readonly fields: readonly StoredField[];
}

/** The compact form of a result, for the database; with `keepExpected`, each field's expected value too. */
export function storedResult(r: GradeResult, options: { readonly keepExpected?: boolean } = {}): StoredResult {
  return {
    format: STORED_FORMAT, scenarioId: r.scenarioId, contentHash: r.contentHash, engineVersion: r.engineVersion, graderVersion: r.graderVersion,
    seed: r.seed, difficulty: r.difficulty, score: r.score, maxScore: r.maxScore, percent: r.percent, byConcept: r.byConcept,
    formatErrors: r.formatErrors, firstDivergence: r.firstDivergence, ignored: r.ignored,
    fields: options.keepExpected
      ? r.fields.map((f) => ({ id: f.id, status: f.status, score: f.score, given: f.given, misconception: f.misconception?.rule ?? null, expected: f.expected }))
      : r.fields.map((f) => ({ id: f.id, status: f.status, score: f.score, given: f.given, misconception: f.misconception?.rule ?? null })),
  };
}

/** Whether a stored value is the compact form (older rows may hold a full result). */
export function isStoredResult(value: unknown): value is StoredResult {
  return typeof value === "object" && value !== null && (value as { format?: unknown }).format === STORED_FORMAT;
}

/** Whether a regrade reproduces the stored verdicts, field by field and in total. */
export function sameVerdicts(stored: StoredResult, regraded: GradeResult): boolean {
  if (stored.score !== regraded.score || stored.fields.length !== regraded.fields.length) return false;
  return stored.fields.every((f, i) => {
    const g = regraded.fields[i]!;
    return f.id === g.id && f.status === g.status && f.score === g.score && f.given === g.given && f.misconception === (g.misconception?.rule ?? null);
  });
}
