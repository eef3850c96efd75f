/**
 * Reads the analytics pages and exports share: a course's assessments in order, the attempts that
 * count for the statistics, and each student's score per assessment. Small named queries, so pages
 * and routes do not query inline.
 */
import "server-only";
import { AssessmentSchema, type AssessmentDefinition } from "@/lib/assessment/schema";
import { scoreAssessment } from "@/lib/assessment/scoring";
import { getDb } from "../db";

export interface CourseAssessment {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly status: string;
  readonly definition: AssessmentDefinition | null;
}

/** The course's assessments, oldest first (the gradebook's column order). */
export async function courseAssessments(courseId: string, publishedOnly = false): Promise<readonly CourseAssessment[]> {
  const rows = await getDb().assessment.findMany({
    where: { courseId, ...(publishedOnly ? { status: "published" } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, slug: true, title: true, status: true, definition: true },
  });
  return rows.map((r) => {
    const parsed = AssessmentSchema.safeParse(r.definition);
    return { id: r.id, slug: r.slug, title: r.title, status: r.status, definition: parsed.success ? parsed.data : null };
  });
}

export interface GradedAttemptScore {
  readonly assessmentId: string;
  readonly userId: string;
  readonly number: number;
  readonly score: number;
  readonly maxScore: number;
}

/** An attempt's share in percent (its stored score carries the late credit and any adjustment). */
function attemptPercent(a: GradedAttemptScore): number {
  return a.maxScore > 0 ? (a.score / a.maxScore) * 100 : 0;
}

/**
 * A student's score on an assessment in percent from their graded attempts, as lib/assessment's
 * scoreAssessment counts it: the best or the last attempt, each capped by its credit per try.
 */
export function assessmentPercent(definition: AssessmentDefinition | null, attempts: readonly GradedAttemptScore[]): number | null {
  if (attempts.length === 0) return null;
  if (!definition) return Math.round(Math.max(...attempts.map(attemptPercent)) * 100) / 100;
  return scoreAssessment(definition, attempts.map((a) => ({ attemptNumber: a.number, percent: attemptPercent(a) }))).percent;
}

/**
 * The attempt of each student that the statistics count: the one that gave their score (best or
 * last, after the credit per try), as Moodle's "the graded attempt". Attempt ids for one assessment.
 */
export function countedAttemptIds(definition: AssessmentDefinition | null, attempts: readonly (GradedAttemptScore & { readonly id: string })[]): readonly string[] {
  const byStudent = new Map<string, (GradedAttemptScore & { readonly id: string })[]>();
  for (const a of attempts) byStudent.set(a.userId, [...(byStudent.get(a.userId) ?? []), a]);
  return [...byStudent.values()].map((list) => {
    const sorted = [...list].sort((a, b) => a.number - b.number);
    if (!definition) return sorted.reduce((best, a) => (attemptPercent(a) > attemptPercent(best) ? a : best)).id;
    const counted = scoreAssessment(definition, sorted.map((a) => ({ attemptNumber: a.number, percent: attemptPercent(a) }))).countedAttempt;
    return (sorted.find((a) => a.number === counted) ?? sorted[sorted.length - 1]!).id;
  });
}
