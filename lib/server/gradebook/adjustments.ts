/**
 * Manual adjustments of an attempt's score, by staff with `course.grade` (assistants too), each
 * with a required note: a new total for the attempt, or new points for one field. Each is appended
 * to the score ledger ("adjusted", old and new value, who, the note) and the attempt's score is then
 * recomputed from the ledger (lib/assessment/ledger.ts): a manual total stands as given; field
 * credits are added to their questions' graded points and the attempt scored again zone by zone
 * with its late credit, exactly as the automatic grading scores it. The questions' own stored
 * results stay the automatic grading's (regrades and statistics compare those).
 */
import "server-only";
import { creditAt } from "@/lib/assessment/deadline";
import { adjustedFractions, checkAdjustment, foldLedger, type AdjustmentRefusal, type LedgerEntry } from "@/lib/assessment/ledger";
import { effectiveRules } from "@/lib/assessment/rules";
import { scoreAttempt } from "@/lib/assessment/scoring";
import { isStoredResult } from "@/lib/grader";
import { getDb } from "../db";
import { drawnOf, gradeQuestion, pointsOf } from "../assessments/grading";
import { assessmentRecordOf, overridesFor } from "../assessments/records";
import type { AdjustmentInput } from "./schemas";

export type AdjustRefusal = AdjustmentRefusal | "not_found" | "not_graded" | "changed_meanwhile";

export type AdjustResult =
  | { readonly ok: true; readonly score: number; readonly maxScore: number }
  | { readonly ok: false; readonly reason: AdjustRefusal; readonly message: string };

const refuse = (reason: AdjustRefusal, message: string): AdjustResult => ({ ok: false, reason, message });
const round = (n: number) => Math.round(n * 1000) / 1000;

type LoadedAttempt = NonNullable<Awaited<ReturnType<typeof loadAttempt>>>;

function loadAttempt(attemptId: string) {
  return getDb().assessmentAttempt.findUnique({ where: { id: attemptId }, include: { questions: true, assessment: true, ledger: { orderBy: [{ at: "asc" }, { id: "asc" }] } } });
}

const entryOf = (e: LoadedAttempt["ledger"][number]): LedgerEntry => ({ kind: e.kind as LedgerEntry["kind"], slot: e.slot, field: e.field, oldScore: e.oldScore, newScore: e.newScore, at: e.at.getTime() });

/** The attempt's score in points from its ledger (with `extra` appended), as the attempt columns store it. */
export async function scoreFromLedger(attempt: LoadedAttempt, extra: readonly LedgerEntry[], now: number): Promise<number> {
  const state = foldLedger([...attempt.ledger.map(entryOf), ...extra]);
  if (state.manualTotal !== null) return state.manualTotal;
  const graded: Record<string, { score: number; maxScore: number }> = {};
  for (const q of attempt.questions) graded[q.slot] = isStoredResult(q.result) ? { score: q.result.score, maxScore: q.result.maxScore } : { score: 0, maxScore: 0 };
  const assessment = assessmentRecordOf(attempt.assessment);
  const rules = effectiveRules(assessment.definition, await overridesFor(assessment.id, attempt.userId), { id: attempt.userId }, now);
  const credit = creditAt(rules, (attempt.submittedAt ?? new Date(now)).getTime());
  return pointsOf(scoreAttempt(assessment.definition, attempt.questions.map(drawnOf), adjustedFractions(graded, state), credit)).score;
}

/** The entry an adjustment appends, or why it is refused. */
async function entryFor(attempt: LoadedAttempt, input: AdjustmentInput, now: number): Promise<LedgerEntry | AdjustResult> {
  if (input.scope === "attempt") {
    const max = attempt.maxScore ?? 0;
    const check = checkAdjustment(input.score, max, input.note);
    if (!check.ok) return check;
    return { kind: "adjusted", slot: null, field: null, oldScore: attempt.score, newScore: round(input.score), at: now };
  }
  const question = attempt.questions.find((q) => q.slot === input.slot);
  if (!question || !isStoredResult(question.result)) return refuse("unknown_field", `This attempt has no graded question ${input.slot}.`);
  const saved = (attempt.answers ?? {}) as Record<string, unknown>;
  // The weights are not stored with the verdicts: the regrade on the frozen content gives them.
  const field = (await gradeQuestion(question, saved[question.slot])).fields.find((f) => f.id === input.field);
  if (!field) return refuse("unknown_field", `Question ${input.slot} has no field ${input.field}.`);
  const check = checkAdjustment(input.points, field.weight, input.note);
  if (!check.ok) return check;
  const state = foldLedger(attempt.ledger.map(entryOf));
  const current = state.fields[input.slot]?.[input.field]?.points ?? round(field.score * field.weight);
  return { kind: "adjusted", slot: input.slot, field: input.field, oldScore: current, newScore: round(input.points), at: now };
}

/** Adjust attempt `attemptId` (the caller checked `course.grade`): append to the ledger, store the recomputed score. */
export async function adjustScore(attemptId: string, actorId: string, input: AdjustmentInput, now: number): Promise<AdjustResult> {
  const attempt = await loadAttempt(attemptId);
  if (!attempt) return refuse("not_found", "No attempt with that id.");
  if (attempt.status !== "submitted" || attempt.gradedAt === null || attempt.score === null || attempt.maxScore === null) {
    return refuse("not_graded", "This attempt has not been graded yet: adjust it once it is.");
  }
  // The ledger is folded in time order: an entry never goes before the last one, whatever the clocks.
  const at = Math.max(now, ...attempt.ledger.map((e) => e.at.getTime()));
  const entry = await entryFor(attempt, input, at);
  if ("ok" in entry) return entry;
  const score = await scoreFromLedger(attempt, [entry], at);
  const maxScore = attempt.maxScore;
  return getDb().$transaction(async (tx): Promise<AdjustResult> => {
    // Only on the attempt as read: a grading, regrade or other adjustment meanwhile means reload.
    const { count } = await tx.assessmentAttempt.updateMany({ where: { id: attemptId, version: attempt.version }, data: { score, version: { increment: 1 } } });
    if (count !== 1) return refuse("changed_meanwhile", "The attempt changed meanwhile: reload and adjust again.");
    await tx.scoreLedgerEntry.create({
      data: { attemptId, kind: "adjusted", slot: entry.slot, field: entry.field, oldScore: entry.oldScore, newScore: entry.newScore, note: input.note.trim(), actorId, at: new Date(at) },
    });
    return { ok: true, score, maxScore };
  });
}
