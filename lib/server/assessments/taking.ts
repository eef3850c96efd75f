/**
 * The student's side of an assessment, as routes and pages need it: what is open in a course, the
 * rules before starting, and the results of a submitted attempt cut to the feedback parts whose
 * moment has come (lib/assessment/feedback.ts). Authorization is the caller's (lib/server/auth/policy);
 * the clock is the caller's `now` (the server's).
 */
import "server-only";
import { fixDeadline } from "@/lib/assessment/deadline";
import { feedbackCloseMs, visibleFeedback, type PartVisibility } from "@/lib/assessment/feedback";
import { attemptFeedback, type AttemptFeedback } from "@/lib/assessment/feedback-view";
import { effectiveRules, type EffectiveRules, type Phase } from "@/lib/assessment/rules";
import { OverrideSchema, type AssessmentOverride } from "@/lib/assessment/rules";
import type { JourneyProps } from "@/lib/practice/journey-types";
import { journeyFocus } from "@/lib/practice/journey-focus";
import { variantOf } from "@/lib/simulate";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor, diagramFor } from "../catalogue";
import { getDb } from "../db";
import { frozenScenario } from "./content";
import { gradeQuestion } from "./grading";
import { assessmentRecordOf, type AssessmentRecord } from "./records";

export interface StudentAttemptSummary {
  readonly id: string;
  readonly number: number;
  readonly status: "in_progress" | "submitted";
  readonly deadline: number | null;
  readonly submittedAt: number | null;
}

export interface CourseAssessmentItem {
  readonly id: string;
  readonly title: string;
  readonly kind: "homework" | "exam";
  readonly phase: Phase;
  readonly rules: EffectiveRules;
  readonly attempts: readonly StudentAttemptSummary[];
  readonly attemptsLeft: number;
}

function summaryOf(a: { id: string; number: number; status: string; deadline: Date | null; submittedAt: Date | null }): StudentAttemptSummary {
  return { id: a.id, number: a.number, status: a.status === "submitted" ? "submitted" : "in_progress", deadline: a.deadline?.getTime() ?? null, submittedAt: a.submittedAt?.getTime() ?? null };
}

async function allOverrides(assessmentIds: readonly string[]): Promise<AssessmentOverride[]> {
  const rows = await getDb().assessmentOverride.findMany({ where: { assessmentId: { in: [...assessmentIds] } } });
  return rows.map((r) => OverrideSchema.parse({ ...(r.rules as object), id: r.id, studentId: r.userId, reason: r.reason }));
}

/** The published assessments of a course as one student sees them at `now`, each with its phase. */
export async function courseAssessmentsFor(courseId: string, student: { id: string; timeFactor: number }, now: number): Promise<CourseAssessmentItem[]> {
  const db = getDb();
  const rows = await db.assessment.findMany({ where: { courseId, status: "published" }, orderBy: [{ publishedAt: "asc" }, { createdAt: "asc" }] });
  const records = rows.map(assessmentRecordOf);
  const overrides = await db.assessmentOverride.findMany({ where: { assessmentId: { in: records.map((r) => r.id) }, userId: student.id } });
  const attempts = await db.assessmentAttempt.findMany({
    where: { assessmentId: { in: records.map((r) => r.id) }, userId: student.id },
    select: { id: true, assessmentId: true, number: true, status: true, deadline: true, submittedAt: true },
    orderBy: { number: "asc" },
  });
  return records.map((record) => {
    const mine = overrides.filter((o) => o.assessmentId === record.id)
      .map((r) => OverrideSchema.parse({ ...(r.rules as object), id: r.id, studentId: r.userId, reason: r.reason }));
    const rules = effectiveRules(record.definition, mine, { id: student.id, timeFactor: student.timeFactor }, now);
    const own = attempts.filter((a) => a.assessmentId === record.id).map(summaryOf);
    return { id: record.id, title: record.title, kind: record.kind, phase: rules.phase, rules, attempts: own, attemptsLeft: Math.max(0, rules.attempts.value - own.length) };
  });
}

export interface BeforeStart {
  readonly assessment: Pick<AssessmentRecord, "id" | "courseId" | "title" | "kind">;
  readonly rules: EffectiveRules;
  readonly attempts: readonly StudentAttemptSummary[];
  readonly attemptsLeft: number;
  /** The deadline a start at `now` would get (what "your time" means right now). */
  readonly deadlineIfStartedNow: number | null;
  /** When each feedback part appears (for an attempt submitted now). */
  readonly feedback: readonly PartVisibility[];
  readonly zones: readonly { readonly title: string; readonly choose: number; readonly points: readonly number[] }[];
}

/** What the page before starting shows one student: their effective rules and when feedback appears. */
export async function beforeStart(assessmentId: string, student: { id: string; timeFactor: number }, now: number): Promise<BeforeStart | null> {
  const db = getDb();
  const row = await db.assessment.findUnique({ where: { id: assessmentId } });
  if (!row || row.status !== "published") return null;
  const record = assessmentRecordOf(row);
  const overrides = await allOverrides([record.id]);
  const rules = effectiveRules(record.definition, overrides, { id: student.id, timeFactor: student.timeFactor }, now);
  const attempts = (await db.assessmentAttempt.findMany({ where: { assessmentId, userId: student.id }, orderBy: { number: "asc" } })).map(summaryOf);
  const feedback = visibleFeedback(record.definition, { submittedAt: now, closesAt: feedbackCloseMs(record.definition, overrides) }, now).detail;
  return {
    assessment: { id: record.id, courseId: record.courseId, title: record.title, kind: record.kind },
    rules, attempts, attemptsLeft: Math.max(0, rules.attempts.value - attempts.length),
    deadlineIfStartedNow: fixDeadline(rules, now).deadline,
    feedback,
    zones: record.definition.zones.map((z) => ({ title: z.title, choose: z.choose, points: z.alternatives.map((a) => a.points) })),
  };
}

export interface AttemptResults {
  readonly attemptId: string;
  readonly assessmentId: string;
  readonly courseId: string;
  readonly title: string;
  readonly submittedAt: number;
  readonly submittedBy: "student" | "deadline" | null;
  readonly graded: boolean;
  readonly visibility: readonly PartVisibility[];
  readonly feedback: AttemptFeedback;
}

/**
 * The results of a submitted attempt at `now`, holding only the visible parts; null when the
 * attempt does not exist or is not submitted. Nothing hidden is computed into the returned value.
 */
export async function attemptResults(attemptId: string, now: number): Promise<AttemptResults | null> {
  const db = getDb();
  const attempt = await db.assessmentAttempt.findUnique({ where: { id: attemptId }, include: { questions: { orderBy: { slot: "asc" } }, assessment: true } });
  if (!attempt || attempt.status !== "submitted" || attempt.submittedAt === null) return null;
  const record = assessmentRecordOf(attempt.assessment);
  const overrides = await allOverrides([record.id]);
  const visible = visibleFeedback(record.definition, { submittedAt: attempt.submittedAt.getTime(), closesAt: feedbackCloseMs(record.definition, overrides) }, now);
  const saved = (attempt.answers ?? {}) as Record<string, Record<string, string>>;
  const graded = attempt.gradedAt !== null;
  // Regrading is only needed for parts beyond the score (the stored attempt score carries that).
  const needsGrading = graded && visible.parts.some((p) => p !== "score" && p !== "journey");
  const questions = await Promise.all(attempt.questions.map(async (q) => {
    const frozen = await frozenScenario(q.scenarioId, q.contentHash);
    return {
      slot: q.slot, title: variantOf(frozen.scenario, 0).file.title, points: q.points, answers: saved[q.slot] ?? {},
      result: needsGrading ? await gradeQuestion(q, saved[q.slot]) : null,
      earned: q.score,
    };
  }));
  const feedback = attemptFeedback(questions, { earned: graded ? attempt.score : null, possible: attempt.maxScore }, visible.parts);
  // Per question points from the stored grading when only the score is visible.
  const withScores: AttemptFeedback = visible.parts.includes("score")
    ? { ...feedback, questions: feedback.questions.map((f, i) => ({ ...f, earned: questions[i]!.earned ?? f.earned })) }
    : feedback;
  return {
    attemptId: attempt.id, assessmentId: record.id, courseId: record.courseId, title: record.title,
    submittedAt: attempt.submittedAt.getTime(), submittedBy: attempt.submittedBy === "student" || attempt.submittedBy === "deadline" ? attempt.submittedBy : null,
    graded, visibility: visible.detail, feedback: withScores,
  };
}

/** The packet journey of one question, only when the journey part is visible at `now`; else null. */
export async function attemptJourney(attemptId: string, slot: string, now: number): Promise<JourneyProps | null> {
  const results = await attemptResults(attemptId, now);
  if (!results || !results.feedback.parts.includes("journey")) return null;
  const q = await getDb().attemptQuestion.findUnique({ where: { attemptId_slot: { attemptId, slot } } });
  if (!q) return null;
  const frozen = await frozenScenario(q.scenarioId, q.contentHash);
  const { trace } = answerKeyFor(frozen.scenario, frozen.contentHash, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt });
  const flows = trace.flows.map((f) => ({ id: f.id, title: f.title, outcome: f.outcome, events: f.events }));
  const first = results.feedback.questions.find((x) => x.slot === slot)?.firstDivergence ?? null;
  const focus = first ? journeyFocus(flows, first.flow, first.at) : null;
  return { diagram: diagramFor(frozen.scenario, q.seed), flows, ...focus };
}

/** The server's clock, the only one an attempt is judged by (pages read it here, once per request). */
export function serverNow(): number {
  return Date.now();
}
