/**
 * The score ledger of an attempt, folded into the score that counts. Every change to a score is an
 * entry appended to the ledger (automatic grading, regrades, manual adjustments), never an edit,
 * so the attempt's score can always be recomputed from it and every change says who and why.
 *
 * How entries combine (latest decision wins):
 * - "graded" for the whole attempt sets the automatic score of the answers as submitted; a later
 *   "graded" (the attempt was reopened and handed in again) grades other answers, so the manual
 *   adjustments made to the earlier ones no longer apply;
 * - "regraded" (same answers, new content or grader) sets the automatic score and keeps them;
 * - an "adjusted" entry for the whole attempt sets a manual total, which stands over later automatic
 *   regrades (as a manually overridden grade does in Moodle) until a later adjustment replaces it;
 * - an "adjusted" entry for one field gives that field new points; the total then follows from the
 *   questions again (a manual total set before it no longer applies).
 * Field credits are kept as points added to the question's graded points (the entry's new points
 * minus the field's automatic points when it was first adjusted), so they survive a regrade of
 * other fields.
 */

export const LEDGER_KINDS = ["graded", "regraded", "adjusted"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  readonly kind: LedgerKind;
  /** The question (drawn slot) and field it concerns, when it is about one. */
  readonly slot: string | null;
  readonly field: string | null;
  readonly oldScore: number | null;
  readonly newScore: number;
  /** Ms since the epoch; entries are folded in this order (ties keep their given order). */
  readonly at: number;
}

export interface FieldCredit {
  /** The field's automatic points when it was first adjusted. */
  readonly automatic: number;
  /** The points the latest adjustment gave it. */
  readonly points: number;
}

export interface LedgerState {
  /** The last automatic score of the whole attempt; null before grading. */
  readonly automatic: number | null;
  /** A manual total in force, or null. */
  readonly manualTotal: number | null;
  /** Field credits by slot, then field id. */
  readonly fields: Readonly<Record<string, Readonly<Record<string, FieldCredit>>>>;
  /** Whether any manual adjustment was ever made (the gradebook marks the cell). */
  readonly adjusted: boolean;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The ledger's state after all its entries. */
export function foldLedger(entries: readonly LedgerEntry[]): LedgerState {
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map((x) => x.e);
  let automatic: number | null = null;
  let manualTotal: number | null = null;
  let adjusted = false;
  const fields: Record<string, Record<string, FieldCredit>> = {};
  for (const e of ordered) {
    if (e.kind !== "adjusted") {
      if (e.slot !== null) continue;
      // A regrade moves a manual total by what it changed (lib/server/analytics/regrade.ts writes the
      // attempt's score the same way), so an instructor's total survives a regrade without losing it.
      if (e.kind === "regraded" && manualTotal !== null && e.oldScore !== null) manualTotal = round(manualTotal + e.newScore - e.oldScore);
      automatic = e.newScore;
      if (e.kind === "graded") {
        manualTotal = null;
        for (const slot of Object.keys(fields)) delete fields[slot];
      }
      continue;
    }
    adjusted = true;
    if (e.slot === null) {
      manualTotal = e.newScore;
    } else if (e.field !== null) {
      const slot = (fields[e.slot] ??= {});
      const before = slot[e.field];
      slot[e.field] = { automatic: before?.automatic ?? e.oldScore ?? 0, points: e.newScore };
      manualTotal = null;
    }
  }
  return { automatic, manualTotal, fields, adjusted };
}

/** Points the field adjustments add to each question (negative when credit was taken away). */
export function fieldDeltas(state: LedgerState): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [slot, credits] of Object.entries(state.fields)) {
    out[slot] = round(Object.values(credits).reduce((sum, c) => sum + c.points - c.automatic, 0));
  }
  return out;
}

/**
 * Each question's graded share (0..1) once the field adjustments are added to its graded points,
 * for `scoreAttempt`. `graded` holds each slot's points and maximum from its stored result.
 */
export function adjustedFractions(
  graded: Readonly<Record<string, { readonly score: number; readonly maxScore: number }>>,
  state: LedgerState,
): Readonly<Record<string, number>> {
  const deltas = fieldDeltas(state);
  const out: Record<string, number> = {};
  for (const [slot, { score, maxScore }] of Object.entries(graded)) {
    const points = Math.min(maxScore, Math.max(0, score + (deltas[slot] ?? 0)));
    out[slot] = maxScore > 0 ? points / maxScore : 0;
  }
  return out;
}

export type AdjustmentRefusal = "note_required" | "out_of_range" | "unknown_field";

export type AdjustmentCheck = { readonly ok: true } | { readonly ok: false; readonly reason: AdjustmentRefusal; readonly message: string };

/** The longest note kept (longer ones are refused rather than cut, so nothing written is lost). */
export const MAX_NOTE_LENGTH = 2000;

/**
 * Whether a manual adjustment may be written: a note is required (it is what the student and the
 * other staff read), and the new value must lie between 0 and the maximum it replaces.
 */
export function checkAdjustment(value: number, max: number, note: string): AdjustmentCheck {
  if (note.trim() === "") return { ok: false, reason: "note_required", message: "Write a note: it says why the score changed." };
  if (note.length > MAX_NOTE_LENGTH) return { ok: false, reason: "out_of_range", message: `Keep the note under ${MAX_NOTE_LENGTH} characters.` };
  if (!Number.isFinite(value) || value < 0 || value > max + 1e-9) {
    return { ok: false, reason: "out_of_range", message: `The new score must be between 0 and ${round(max)}.` };
  }
  return { ok: true };
}
