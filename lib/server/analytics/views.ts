/**
 * What the statistics and misconception pages show, read once per request: the assessment's item
 * statistics and health flags from each student's counted attempt, and the course's misconceptions
 * over time. Pages call these after authorizing; nothing here checks rights.
 */
import "server-only";
import { questionHealth, type HealthFlag } from "@/lib/assessment/health";
import { misconceptionReport, type MisconceptionSighting, type MisconceptionSummary } from "@/lib/assessment/misconception-report";
import { assessmentStatistics, type AssessmentStatistics } from "@/lib/assessment/statistics";
import { getDb } from "../db";
import { courseAssessments, type CourseAssessment } from "./course-data";
import { countedResults, questionLabel } from "./csv-exports";
import { misconceptionRulesOf, type QuestionRules } from "./misconception-rows";

/** Attempts per round trip of the misconception view: each brings a few rule names only. */
const ATTEMPT_PAGE = 500;

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
  let after = "";
  // Page through the graded attempts; the database reads only the rule names out of each result.
  for (;;) {
    const page = await getDb().assessmentAttempt.findMany({
      where: { assessmentId: { in: [...titles.keys()] }, gradedAt: { not: null }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: ATTEMPT_PAGE,
      select: { id: true, userId: true, assessmentId: true, gradedAt: true, submittedAt: true },
    });
    const questions = new Map<string, QuestionRules[]>();
    for (const q of await misconceptionRulesOf(page.map((a) => a.id))) questions.set(q.attemptId, [...(questions.get(q.attemptId) ?? []), q]);
    for (const attempt of page) {
      for (const q of questions.get(attempt.id) ?? []) {
        sightings.push({
          studentId: attempt.userId, attemptId: attempt.id, assessmentId: attempt.assessmentId,
          questionId: `${titles.get(attempt.assessmentId) ?? "?"} · ${questionLabel(q)}`,
          at: (attempt.gradedAt ?? attempt.submittedAt ?? new Date(0)).getTime(), rules: q.rules,
        });
      }
    }
    if (page.length < ATTEMPT_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  const report = misconceptionReport(sightings);
  const ids = [...new Set(report.flatMap((r) => r.examples.map((e) => e.studentId)))];
  const users = ids.length === 0 ? [] : await getDb().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  return { report, students: new Set(sightings.map((s) => s.studentId)).size, assessments: titles, studentNames: new Map(users.map((u) => [u.id, u.name ?? u.email])) };
}
