/**
 * Grading a submitted assessment attempt: each drawn question's saved answers against the answer
 * key of its variant, built from the content it was taken on (by hash), with the attempt's own option
 * keying. The late credit follows the moment it counts as handed in (its submit, or the deadline when
 * the server closed it). Exactly once: the write only applies to an ungraded attempt at the version
 * read, so two instances (a submit and the sweeper) cannot both grade it; the ledger says who graded.
 */
import "server-only";
import { creditAt } from "@/lib/assessment/deadline";
import type { DrawnQuestion } from "@/lib/assessment/draw";
import { effectiveRules } from "@/lib/assessment/rules";
import { scoreAttempt, type AttemptScore } from "@/lib/assessment/scoring";
import { storedResult } from "@/lib/grader";
import type { GradeResult } from "@/lib/grader/types";
import type { Difficulty } from "@/lib/scenario/schema";
import { getDb, type Prisma } from "../db";
import { gradeQuestionWork } from "./question-work";
import { assessmentRecordOf, overridesFor } from "./records";

export interface QuestionToGrade {
  readonly slot: string;
  readonly zone: number;
  readonly alternative: number;
  readonly scenarioId: string;
  readonly difficulty: string;
  readonly points: number;
  readonly seed: number;
  readonly contentHash: string;
  readonly optionSalt: string;
}

/** The grader's full result for one question's answers, on the content the question was taken on. */
export async function gradeQuestion(question: QuestionToGrade, answers: unknown): Promise<GradeResult> {
  // On the assessment pool: building a question's key costs tens of milliseconds (question-work.ts).
  return gradeQuestionWork(question, answers);
}

/** The drawn question as lib/assessment/scoring reads it. */
export function drawnOf(q: QuestionToGrade): DrawnQuestion {
  return { slot: q.slot, zone: q.zone, alternative: q.alternative, scenarioId: q.scenarioId, difficulty: q.difficulty as Difficulty, points: q.points, seed: q.seed };
}

const fractionOf = (r: GradeResult) => (r.maxScore > 0 ? r.score / r.maxScore : 0);
const round = (n: number) => Math.round(n * 1000) / 1000;

/** What an attempt's score is in points: earned after late credit, out of the points drawn. */
export function pointsOf(score: AttemptScore): { readonly score: number; readonly maxScore: number } {
  return { score: round((score.earned * score.credit.percent) / 100), maxScore: score.possible };
}

export type GradeAttemptResult =
  | { readonly graded: true; readonly score: number; readonly maxScore: number }
  | { readonly graded: false; readonly reason: "not_found" | "not_submitted" | "already_graded" | "changed_meanwhile" };

/** Grades a submitted, ungraded attempt (a no-op for any other). */
export async function gradeAssessmentAttempt(attemptId: string, now: number): Promise<GradeAttemptResult> {
  const db = getDb();
  const attempt = await db.assessmentAttempt.findUnique({ where: { id: attemptId }, include: { questions: true, assessment: true } });
  if (!attempt) return { graded: false, reason: "not_found" };
  if (attempt.status !== "submitted" || attempt.submittedAt === null) return { graded: false, reason: "not_submitted" };
  if (attempt.gradedAt !== null) return { graded: false, reason: "already_graded" };
  const assessment = assessmentRecordOf(attempt.assessment);
  const saved = (attempt.answers ?? {}) as Record<string, unknown>;
  const results = await Promise.all(attempt.questions.map(async (q) => ({ q, result: await gradeQuestion(q, saved[q.slot]) })));
  const fractions = Object.fromEntries(results.map(({ q, result }) => [q.slot, fractionOf(result)]));
  // Late credit depends only on dates, which overrides can move; the time factor plays no part.
  const rules = effectiveRules(assessment.definition, await overridesFor(assessment.id, attempt.userId), { id: attempt.userId }, now);
  const credit = creditAt(rules, attempt.submittedAt.getTime());
  const scored = scoreAttempt(assessment.definition, attempt.questions.map(drawnOf), fractions, credit);
  const points = pointsOf(scored);
  const note = `graded automatically: ${scored.rawPercent}% of ${scored.possible} points` +
    (credit.timeliness === "on-time" ? "" : `, ${credit.timeliness === "late" ? "late" : "after the late date"}: ${credit.percent}% credit`) +
    (attempt.submittedBy === "deadline" ? " (submitted by the deadline)" : "");
  return db.$transaction(async (tx): Promise<GradeAttemptResult> => {
    const claimed = await tx.assessmentAttempt.updateMany({
      where: { id: attemptId, gradedAt: null, version: attempt.version },
      data: { gradedAt: new Date(now), score: points.score, maxScore: points.maxScore, late: credit.timeliness !== "on-time", version: { increment: 1 } },
    });
    if (claimed.count !== 1) return { graded: false, reason: "changed_meanwhile" };
    for (const { q, result } of results) {
      await tx.attemptQuestion.update({
        where: { attemptId_slot: { attemptId, slot: q.slot } },
        data: { result: storedResult(result, { keepExpected: true }) as unknown as Prisma.InputJsonValue, score: round(q.points * fractionOf(result)) },
      });
    }
    await tx.scoreLedgerEntry.create({ data: { attemptId, kind: "graded", oldScore: attempt.score, newScore: points.score, note, actorId: null, at: new Date(now) } });
    return { graded: true, ...points };
  });
}
