/**
 * Deterministic regrade of an assessment. A dry run re-grades every graded attempt's saved answers
 * with the same seed and option keying, against the catalogue's CURRENT content of each scenario
 * (or against the frozen original, which must give the stored results exactly), and lists the old
 * and new score and each changed field with its reasons. Applying it writes only what the dry run
 * shows, for the attempts chosen; a lower score only when the instructor allowed it; each change
 * appends a "regraded" ledger entry whose note the student sees (score-notices.ts).
 *
 * Scores move by the difference the regrade makes, so a manual adjustment made before stays.
 */
import "server-only";
import { creditAt } from "@/lib/assessment/deadline";
import { comparableGrade, describeChange, diffResults, regradeVerdict, type ComparableResult, type FieldChange, type RegradeVerdict } from "@/lib/assessment/regrade";
import { effectiveRules } from "@/lib/assessment/rules";
import { scoreAttempt } from "@/lib/assessment/scoring";
import { gradeAnswers, isStoredResult, storedResult, type StoredResult } from "@/lib/grader";
import type { GradeResult } from "@/lib/grader/types";
import type { FrozenScenario } from "../assessments/content";
import { drawnOf, pointsOf } from "../assessments/grading";
import { assessmentRecordOf, overridesFor } from "../assessments/records";
import { getScenario, getScenarioSource } from "../catalogue";
import { getDb, type Prisma } from "../db";
import { questionKey } from "./frozen-keys";

export type RegradeTarget = "current" | "original";

/** Where the current content of a scenario comes from, with its text (the catalogue; tests pass a changed one). */
export type CurrentContent = (scenarioId: string) => (FrozenScenario & { readonly source: string }) | null;

export interface QuestionRegrade {
  readonly slot: string;
  readonly scenarioId: string;
  readonly fromHash: string;
  readonly toHash: string;
  readonly changes: readonly FieldChange[];
  readonly newResult: StoredResult;
  readonly newPoints: number;
}

export interface AttemptRegrade {
  readonly attemptId: string;
  readonly userId: string;
  readonly student: string;
  readonly number: number;
  /** The attempt's score now (points after late credit and any adjustment). */
  readonly oldScore: number;
  /** What it would be after the regrade (the same adjustment kept). */
  readonly newScore: number;
  readonly maxScore: number;
  readonly questions: readonly QuestionRegrade[];
  /** A question whose content is gone cannot be regraded: the attempt is left as it is. */
  readonly problem: string | null;
}

export interface RegradePlan {
  readonly assessmentId: string;
  readonly target: RegradeTarget;
  readonly attempts: readonly AttemptRegrade[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const fraction = (r: { score: number; maxScore: number }) => (r.maxScore > 0 ? r.score / r.maxScore : 0);

/** The catalogue's current version of a scenario. */
export const catalogueContent: CurrentContent = (id) => {
  const found = getScenario(id);
  const text = getScenarioSource(id);
  return found && text && text.contentHash === found.contentHash ? { ...found, source: text.source } : null;
};

/** The stored result with each field's expected value and weight from the key it was graded with. */
function storedComparable(stored: StoredResult, keyFields: ReadonlyMap<string, { expected: string; weight: number }> | null): ComparableResult {
  return { score: stored.score, maxScore: stored.maxScore, fields: stored.fields.map((f) => ({ ...f, ...(keyFields?.get(f.id) ?? {}) })) };
}

/** The dry run: every graded attempt of the assessment, regraded against `target`, nothing written. */
export async function planRegrade(assessmentId: string, target: RegradeTarget, current: CurrentContent = catalogueContent): Promise<RegradePlan | null> {
  const db = getDb();
  const row = await db.assessment.findUnique({ where: { id: assessmentId } });
  if (!row) return null;
  const assessment = assessmentRecordOf(row);
  const attempts = await db.assessmentAttempt.findMany({
    where: { assessmentId, gradedAt: { not: null }, score: { not: null } },
    orderBy: [{ userId: "asc" }, { number: "asc" }],
    include: { questions: { orderBy: { slot: "asc" } }, user: { select: { email: true, name: true } } },
  });
  const out: AttemptRegrade[] = [];
  for (const attempt of attempts) {
    const saved = (attempt.answers ?? {}) as Record<string, unknown>;
    const questions: QuestionRegrade[] = [];
    const oldFractions: Record<string, number> = {};
    const newFractions: Record<string, number> = {};
    let problem: string | null = null;
    for (const q of attempt.questions) {
      if (!isStoredResult(q.result)) {
        problem = `question ${q.slot} has no stored grading`;
        break;
      }
      const stored = q.result as unknown as StoredResult;
      const original = await questionKey(q);
      const content = target === "original" ? original?.frozen ?? null : current(q.scenarioId);
      const next = content ? await questionKey(q, content) : null;
      if (!next) {
        problem = target === "original" ? `the original content of ${q.scenarioId} is not stored` : `${q.scenarioId} is no longer in the catalogue`;
        break;
      }
      const regraded: GradeResult = gradeAnswers(next.key, saved[q.slot] ?? {}, next.frozen);
      const keyFields = original ? new Map(original.key.blanks.map((b) => [b.id, { expected: b.expected, weight: b.weight }])) : null;
      const diff = diffResults(storedComparable(stored, keyFields), comparableGrade(regraded));
      oldFractions[q.slot] = fraction(stored);
      newFractions[q.slot] = fraction(regraded);
      questions.push({
        slot: q.slot, scenarioId: q.scenarioId, fromHash: q.contentHash, toHash: next.frozen.contentHash, changes: diff.changes,
        newResult: storedResult(regraded, { keepExpected: true }), newPoints: round(q.points * fraction(regraded)),
      });
    }
    const oldScore = attempt.score!;
    let newScore = oldScore;
    if (!problem) {
      const rules = effectiveRules(assessment.definition, await overridesFor(assessment.id, attempt.userId), { id: attempt.userId }, attempt.submittedAt?.getTime() ?? 0);
      const credit = creditAt(rules, (attempt.submittedAt ?? attempt.startedAt).getTime());
      const drawn = attempt.questions.map(drawnOf);
      const before = pointsOf(scoreAttempt(assessment.definition, drawn, oldFractions, credit)).score;
      const after = pointsOf(scoreAttempt(assessment.definition, drawn, newFractions, credit)).score;
      newScore = round(Math.max(0, oldScore + after - before));
    }
    out.push({ attemptId: attempt.id, userId: attempt.userId, student: attempt.user.name ?? attempt.user.email, number: attempt.number, oldScore, newScore, maxScore: attempt.maxScore ?? 0, questions: problem ? [] : questions, problem });
  }
  return { assessmentId, target, attempts: out };
}

export interface ApplyOptions {
  readonly target: RegradeTarget;
  /** Attempts to apply it to; all of the plan when absent. */
  readonly attemptIds?: readonly string[];
  /** Lower scores too (an explicit choice of the instructor); otherwise a lower score is left as it was. */
  readonly allowLower: boolean;
  /** Why, in the instructor's words: the student reads it. */
  readonly reason: string;
  readonly actorId: string;
  readonly now: number;
}

export interface AppliedRegrade {
  readonly attemptId: string;
  readonly verdict: RegradeVerdict | "skipped";
  readonly oldScore: number;
  readonly finalScore: number;
}

/** The sentence the ledger keeps and the student reads: the reason, then what changed. */
export function regradeNote(reason: string, attempt: AttemptRegrade): string {
  const changes = attempt.questions.flatMap((q) => q.changes.map((c) => `${q.slot} ${describeChange(c)}`));
  return changes.length === 0 ? reason : `${reason} (${changes.join("; ")})`;
}

/** Applies a regrade as planned now (the plan is computed again, never taken from the browser). */
export async function applyRegrade(assessmentId: string, options: ApplyOptions, current: CurrentContent = catalogueContent): Promise<readonly AppliedRegrade[] | null> {
  const plan = await planRegrade(assessmentId, options.target, current);
  if (!plan) return null;
  const chosen = options.attemptIds ? new Set(options.attemptIds) : null;
  const db = getDb();
  const results: AppliedRegrade[] = [];
  for (const attempt of plan.attempts) {
    if (chosen && !chosen.has(attempt.attemptId)) continue;
    if (attempt.problem) {
      results.push({ attemptId: attempt.attemptId, verdict: "skipped", oldScore: attempt.oldScore, finalScore: attempt.oldScore });
      continue;
    }
    const { verdict, finalScore } = regradeVerdict(attempt.oldScore, attempt.newScore, options.allowLower);
    results.push({ attemptId: attempt.attemptId, verdict, oldScore: attempt.oldScore, finalScore });
    if (verdict === "unchanged" || verdict === "kept") continue;
    const newContent = options.target === "current"
      ? [...new Set(attempt.questions.filter((q) => q.toHash !== q.fromHash).map((q) => q.scenarioId))].map(current).filter((c) => c !== null)
      : [];
    await db.$transaction(async (tx) => {
      // The new content is kept by hash too, so the regraded results stay reproducible.
      for (const c of newContent) {
        await tx.scenarioContent.upsert({ where: { hash: c.contentHash }, create: { hash: c.contentHash, scenarioId: c.scenario.id, source: c.source }, update: {} });
      }
      const claimed = await tx.assessmentAttempt.updateMany({ where: { id: attempt.attemptId, score: attempt.oldScore }, data: { score: finalScore, version: { increment: 1 } } });
      if (claimed.count !== 1) throw new Error(`attempt ${attempt.attemptId} changed during the regrade; run it again`);
      for (const q of attempt.questions) {
        await tx.attemptQuestion.update({
          where: { attemptId_slot: { attemptId: attempt.attemptId, slot: q.slot } },
          data: { result: q.newResult as unknown as Prisma.InputJsonValue, score: q.newPoints, contentHash: q.toHash },
        });
      }
      await tx.scoreLedgerEntry.create({ data: { attemptId: attempt.attemptId, kind: "regraded", oldScore: attempt.oldScore, newScore: finalScore, note: regradeNote(options.reason, attempt), actorId: options.actorId, at: new Date(options.now) } });
    });
  }
  return results;
}
