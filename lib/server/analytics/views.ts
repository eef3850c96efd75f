/**
 * What the statistics and misconception pages show, read once per request: the assessment's item
 * statistics and health flags from each student's counted attempt, and the course's misconceptions
 * over time. Pages call these after authorizing; nothing here checks rights.
 */
import "server-only";
import { questionHealth, type HealthFlag } from "@/lib/assessment/health";
import { misconceptionReport, type MisconceptionSighting, type MisconceptionSummary } from "@/lib/assessment/misconception-report";
import { assessmentStatistics, type AssessmentStatistics } from "@/lib/assessment/statistics";
import { isStoredResult, type StoredResult } from "@/lib/grader";
import { getDb } from "../db";
import { courseAssessments, type CourseAssessment } from "./course-data";
import { countedResults, EXPORT_PAGE_SIZE, questionLabel } from "./csv-exports";

export interface StatisticsView {
  readonly assessment: CourseAssessment;
  readonly statistics: AssessmentStatistics;
  readonly health: readonly HealthFlag[];
}

/** The statistics of one assessment of the course, or null when it is not one of its assessments. */
export async function statisticsView(courseId: string, assessmentId: string): Promise<StatisticsView | null> {
  const assessment = (await courseAssessments(courseId)).find((a) => a.id === assessmentId);
  if (!assessment) return null;
  const results = await countedResults(assessment.id, assessment.definition);
  const statistics = assessmentStatistics(results);
  return { assessment, statistics, health: questionHealth(results, statistics.questions) };
}

export interface MisconceptionsView {
  readonly report: readonly MisconceptionSummary[];
  /** Students with at least one graded question. */
  readonly students: number;
  readonly assessments: ReadonlyMap<string, string>;
  readonly studentNames: ReadonlyMap<string, string>;
}

/** Misconceptions across every graded attempt of the course (all attempts: a misconception seen once was held). */
export async function misconceptionsView(courseId: string): Promise<MisconceptionsView> {
  const assessments = await courseAssessments(courseId);
  const titles = new Map(assessments.map((a) => [a.id, a.title]));
  const sightings: MisconceptionSighting[] = [];
  let after: { attemptId: string; slot: string } | null = null;
  // Page through the graded questions; only the rule names of each result are kept.
  for (;;) {
    const page: { attemptId: string; slot: string; scenarioId: string; difficulty: string; result: unknown; attempt: { userId: string; assessmentId: string; gradedAt: Date | null; submittedAt: Date | null } }[] = await getDb().attemptQuestion.findMany({
      where: { attempt: { assessment: { courseId } }, score: { not: null } },
      orderBy: [{ attemptId: "asc" }, { slot: "asc" }],
      take: EXPORT_PAGE_SIZE,
      ...(after ? { cursor: { attemptId_slot: after }, skip: 1 } : {}),
      select: { attemptId: true, slot: true, scenarioId: true, difficulty: true, result: true, attempt: { select: { userId: true, assessmentId: true, gradedAt: true, submittedAt: true } } },
    });
    for (const q of page) {
      if (!isStoredResult(q.result)) continue;
      const rules = (q.result as unknown as StoredResult).fields.map((f) => f.misconception).filter((r): r is string => r !== null);
      sightings.push({
        studentId: q.attempt.userId, attemptId: q.attemptId, assessmentId: q.attempt.assessmentId,
        questionId: `${titles.get(q.attempt.assessmentId) ?? "?"} · ${questionLabel(q)}`,
        at: (q.attempt.gradedAt ?? q.attempt.submittedAt ?? new Date(0)).getTime(), rules,
      });
    }
    if (page.length < EXPORT_PAGE_SIZE) break;
    const last = page[page.length - 1]!;
    after = { attemptId: last.attemptId, slot: last.slot };
  }
  const report = misconceptionReport(sightings);
  const ids = [...new Set(report.flatMap((r) => r.examples.map((e) => e.studentId)))];
  const users = ids.length === 0 ? [] : await getDb().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  return { report, students: new Set(sightings.map((s) => s.studentId)).size, assessments: titles, studentNames: new Map(users.map((u) => [u.id, u.name ?? u.email])) };
}
