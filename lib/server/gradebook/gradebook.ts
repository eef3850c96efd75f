/**
 * The course gradebook's data: five queries (students, published assessments, their attempts,
 * overrides, adjusted attempts) whatever the class size, then the pure table of
 * lib/assessment/gradebook.ts, filtered and sorted as the page's query string asks.
 */
import "server-only";
import {
  buildGradebook, cellKey, filterRows, sortRows,
  type GradebookAssessment, type GradebookAttempt, type GradebookQuery, type GradebookRow,
} from "@/lib/assessment/gradebook";
import { ScoringSchema } from "@/lib/assessment/schema";
import { getDb } from "../db";
import { attemptPercent } from "./scores";

export interface GradebookView {
  readonly assessments: readonly GradebookAssessment[];
  /** The rows the query selected, in its order. */
  readonly rows: readonly GradebookRow[];
  /** How many students the course has (before the filter). */
  readonly students: number;
  readonly query: GradebookQuery;
}

const DEFAULT_SCORING = ScoringSchema.parse({});

function scoringOf(definition: unknown) {
  const scoring = definition !== null && typeof definition === "object" ? (definition as { scoring?: unknown }).scoring : undefined;
  const parsed = ScoringSchema.safeParse(scoring ?? {});
  return parsed.success ? parsed.data : DEFAULT_SCORING;
}

/** The gradebook of course `courseId`, filtered and sorted by `query`. */
export async function loadGradebook(courseId: string, query: GradebookQuery): Promise<GradebookView> {
  const db = getDb();
  const published = { courseId, status: "published" };
  const [members, assessments, attempts, overrides, adjusted] = await Promise.all([
    db.courseMember.findMany({ where: { courseId, role: "student" }, select: { user: { select: { id: true, name: true, email: true } } } }),
    db.assessment.findMany({ where: published, orderBy: [{ publishedAt: "asc" }, { createdAt: "asc" }], select: { id: true, title: true, definition: true } }),
    db.assessmentAttempt.findMany({
      where: { assessment: published },
      select: { id: true, userId: true, assessmentId: true, number: true, status: true, score: true, maxScore: true, late: true },
    }),
    db.assessmentOverride.findMany({ where: { assessment: published }, select: { assessmentId: true, userId: true } }),
    db.scoreLedgerEntry.findMany({ where: { kind: "adjusted", attempt: { assessment: published } }, select: { attemptId: true }, distinct: ["attemptId"] }),
  ]);
  const adjustedIds = new Set(adjusted.map((e) => e.attemptId));
  const columns: GradebookAssessment[] = assessments.map((a) => ({ id: a.id, title: a.title, scoring: scoringOf(a.definition) }));
  const rows: GradebookAttempt[] = attempts.map((a) => ({
    id: a.id, userId: a.userId, assessmentId: a.assessmentId, number: a.number,
    status: a.status === "submitted" ? "submitted" : "in_progress",
    percent: attemptPercent(a.score, a.maxScore), late: a.late, adjusted: adjustedIds.has(a.id),
  }));
  const table = buildGradebook(members.map((m) => m.user), columns, rows, new Set(overrides.map((o) => cellKey(o.assessmentId, o.userId))));
  const selected = sortRows(filterRows(table, query), query, columns.map((c) => c.id));
  return { assessments: columns, rows: selected, students: members.length, query };
}
