/**
 * Regrade as data: what changed between two gradings of the same answers (the stored one, or a
 * grading against the frozen original content, and one against the current content), field by
 * field and why, and whether the new score may replace the old one. Pure: the server grades,
 * this compares; the instructor sees the comparison before anything is written (a dry run).
 */
import type { FieldStatus, GradeResult } from "../grader/types";

/** A field as both a stored result and a full grading carry it; expected and weight only in the latter. */
export interface ComparableField {
  readonly id: string;
  readonly status: FieldStatus;
  readonly score: number;
  readonly given: string | null;
  readonly misconception: string | null;
  readonly expected?: string;
  readonly weight?: number;
}

export interface ComparableResult {
  readonly score: number;
  readonly maxScore: number;
  readonly fields: readonly ComparableField[];
}

/** Why a field's verdict changed, in the order an instructor would want to read them. */
export type ChangeReason =
  | { readonly kind: "field-added" }
  | { readonly kind: "field-removed" }
  | { readonly kind: "expected-changed"; readonly before: string; readonly after: string }
  | { readonly kind: "weight-changed"; readonly before: number; readonly after: number }
  | { readonly kind: "status-changed"; readonly before: FieldStatus; readonly after: FieldStatus }
  | { readonly kind: "misconception-changed"; readonly before: string | null; readonly after: string | null };

export interface FieldChange {
  readonly id: string;
  readonly scoreBefore: number;
  readonly scoreAfter: number;
  readonly reasons: readonly ChangeReason[];
}

export interface ResultDiff {
  readonly scoreBefore: number;
  readonly scoreAfter: number;
  readonly maxBefore: number;
  readonly maxAfter: number;
  /** Only the fields whose verdict, credit or misconception changed; in the order of `after`, removed ones last. */
  readonly changes: readonly FieldChange[];
}

/** A full grading in the comparable form (the misconception by its rule, as a stored result keeps it). */
export function comparableGrade(g: Pick<GradeResult, "score" | "maxScore" | "fields">): ComparableResult {
  return {
    score: g.score,
    maxScore: g.maxScore,
    fields: g.fields.map((f) => ({ id: f.id, status: f.status, score: f.score, given: f.given, misconception: f.misconception?.rule ?? null, expected: f.expected, weight: f.weight })),
  };
}

/**
 * Compares two gradings of the same answers. A field counts as changed when its status, score or
 * misconception differs (or it was added or removed); a moved expected value or weight (when both
 * sides know them) is given as a reason, not counted as a change on its own.
 */
export function diffResults(before: ComparableResult, after: ComparableResult): ResultDiff {
  const old = new Map(before.fields.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const changes: FieldChange[] = [];
  for (const a of after.fields) {
    seen.add(a.id);
    const b = old.get(a.id);
    if (!b) {
      changes.push({ id: a.id, scoreBefore: 0, scoreAfter: a.score, reasons: [{ kind: "field-added" }] });
      continue;
    }
    const reasons: ChangeReason[] = [];
    if (b.expected !== undefined && a.expected !== undefined && b.expected !== a.expected) reasons.push({ kind: "expected-changed", before: b.expected, after: a.expected });
    if (b.weight !== undefined && a.weight !== undefined && b.weight !== a.weight) reasons.push({ kind: "weight-changed", before: b.weight, after: a.weight });
    if (b.status !== a.status) reasons.push({ kind: "status-changed", before: b.status, after: a.status });
    if (b.misconception !== a.misconception) reasons.push({ kind: "misconception-changed", before: b.misconception, after: a.misconception });
    // An expected value or weight that moved without moving the verdict or the credit changes nothing for the student.
    const verdictMoved = b.status !== a.status || b.score !== a.score || b.misconception !== a.misconception;
    if (verdictMoved) changes.push({ id: a.id, scoreBefore: b.score, scoreAfter: a.score, reasons });
  }
  for (const b of before.fields) {
    if (!seen.has(b.id)) changes.push({ id: b.id, scoreBefore: b.score, scoreAfter: 0, reasons: [{ kind: "field-removed" }] });
  }
  return { scoreBefore: before.score, scoreAfter: after.score, maxBefore: before.maxScore, maxAfter: after.maxScore, changes };
}

/** One reason as a sentence for the dry run, the ledger and the student's notice. */
export function describeReason(reason: ChangeReason): string {
  switch (reason.kind) {
    case "field-added": return "a new blank was added";
    case "field-removed": return "the blank was removed";
    case "expected-changed": return `the expected answer changed from ${reason.before} to ${reason.after}`;
    case "weight-changed": return `its weight changed from ${reason.before} to ${reason.after}`;
    case "status-changed": return `the answer is now ${reason.after.replace("-", " ")} (was ${reason.before.replace("-", " ")})`;
    case "misconception-changed": return reason.after ? `now explained by the misconception ${reason.after}` : `no longer matched to the misconception ${reason.before}`;
  }
}

/** A field change in one line: "f1/h2/ip.src: 0 -> 1 (the expected answer changed from ...)". */
export function describeChange(change: FieldChange): string {
  const why = change.reasons.length === 0 ? "its credit changed" : change.reasons.map(describeReason).join("; ");
  return `${change.id}: ${change.scoreBefore} -> ${change.scoreAfter} (${why})`;
}

export type RegradeVerdict =
  /** Same score: nothing to write. */
  | "unchanged"
  /** The new score replaces the old one. */
  | "raised"
  | "lowered"
  /** Lower, but the instructor did not allow lowering: the old score stays. */
  | "kept";

/** Whether a regraded score replaces the stored one: a lower score only when the instructor said so. */
export function regradeVerdict(oldScore: number, newScore: number, allowLower: boolean): { readonly verdict: RegradeVerdict; readonly finalScore: number } {
  if (newScore === oldScore) return { verdict: "unchanged", finalScore: oldScore };
  if (newScore > oldScore) return { verdict: "raised", finalScore: newScore };
  return allowLower ? { verdict: "lowered", finalScore: newScore } : { verdict: "kept", finalScore: oldScore };
}
