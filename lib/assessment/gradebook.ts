/**
 * The course gradebook as a pure table: students x published assessments, each cell the score
 * that counts (best or last attempt, with credit per try: `scoreAssessment`) and marks for late,
 * overridden (the student has an override on that assessment), adjusted (a manual change in the
 * score ledger of the counted attempt) and in progress. Sorting and filtering happen here on data
 * the server loaded with one query per table, so the page works without JavaScript from its query
 * string and costs the same for 5 or 500 students.
 */
import { z } from "zod";
import { scoreAssessment } from "./scoring";
import type { AssessmentDefinition, Scoring } from "./schema";

export interface GradebookStudent {
  readonly id: string;
  readonly name: string | null;
  readonly email: string;
}

export interface GradebookAssessment {
  readonly id: string;
  readonly title: string;
  readonly scoring: Scoring;
}

export interface GradebookAttempt {
  readonly id: string;
  readonly userId: string;
  readonly assessmentId: string;
  readonly number: number;
  readonly status: "in_progress" | "submitted";
  /** The attempt's score in percent after late credit (before credit per try); null until graded. */
  readonly percent: number | null;
  readonly late: boolean;
  /** The ledger holds a manual adjustment for it. */
  readonly adjusted: boolean;
}

export interface CellMarks {
  readonly late: boolean;
  readonly overridden: boolean;
  readonly adjusted: boolean;
  readonly inProgress: boolean;
}

export interface GradebookCell {
  readonly assessmentId: string;
  /** The counting score in percent; null when no attempt has been graded. */
  readonly percent: number | null;
  readonly countedAttemptId: string | null;
  /** The latest attempt, counted or not (the one to open when nothing is graded yet). */
  readonly latestAttemptId: string | null;
  readonly attempts: number;
  readonly marks: CellMarks;
}

export interface GradebookRow {
  readonly student: GradebookStudent;
  readonly cells: readonly GradebookCell[];
  /** Mean over the assessments, an assessment without a graded attempt counting 0. */
  readonly total: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** One student's cell for one assessment. */
export function gradebookCell(assessment: GradebookAssessment, attempts: readonly GradebookAttempt[], overridden: boolean): GradebookCell {
  const graded = attempts.filter((a) => a.status === "submitted" && a.percent !== null);
  // scoreAssessment reads only the definition's `scoring`.
  const scoring = { scoring: assessment.scoring } as AssessmentDefinition;
  const score = scoreAssessment(scoring, graded.map((a) => ({ attemptNumber: a.number, percent: a.percent! })));
  const counted = score.countedAttempt === null ? null : graded.find((a) => a.number === score.countedAttempt) ?? null;
  const latest = attempts.reduce<GradebookAttempt | null>((l, a) => (l === null || a.number > l.number ? a : l), null);
  return {
    assessmentId: assessment.id,
    percent: counted === null ? null : score.percent,
    countedAttemptId: counted?.id ?? null,
    latestAttemptId: latest?.id ?? null,
    attempts: attempts.length,
    marks: {
      late: counted?.late ?? false,
      overridden,
      adjusted: counted?.adjusted ?? false,
      inProgress: attempts.some((a) => a.status === "in_progress"),
    },
  };
}

/** The whole table, rows in the students' order (sort with `sortRows`). */
export function buildGradebook(
  students: readonly GradebookStudent[],
  assessments: readonly GradebookAssessment[],
  attempts: readonly GradebookAttempt[],
  overrides: ReadonlySet<string>,
): GradebookRow[] {
  const byCell = new Map<string, GradebookAttempt[]>();
  for (const a of attempts) {
    const key = cellKey(a.assessmentId, a.userId);
    const list = byCell.get(key);
    if (list) list.push(a);
    else byCell.set(key, [a]);
  }
  return students.map((student) => {
    const cells = assessments.map((as) => gradebookCell(as, byCell.get(cellKey(as.id, student.id)) ?? [], overrides.has(cellKey(as.id, student.id))));
    const total = cells.length === 0 ? 0 : round(cells.reduce((s, c) => s + (c.percent ?? 0), 0) / cells.length);
    return { student, cells, total };
  });
}

/** The key of an (assessment, student) pair in `overrides` and internal maps. */
export function cellKey(assessmentId: string, userId: string): string {
  return `${assessmentId}|${userId}`;
}

export const GRADEBOOK_FILTERS = ["all", "in-progress", "late", "adjusted", "overridden", "missing"] as const;
export type GradebookFilter = (typeof GRADEBOOK_FILTERS)[number];

const QuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  status: z.enum(GRADEBOOK_FILTERS).catch("all"),
  /** "name", "total", or an assessment id. */
  sort: z.string().max(100).regex(/^[A-Za-z0-9_-]+$/).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});

export type GradebookQuery = z.infer<typeof QuerySchema>;

const first = (v: string | readonly string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The table's query from a URL's search parameters; anything unreadable falls back to its default. */
export function parseGradebookQuery(params: Readonly<Record<string, string | readonly string[] | undefined>>): GradebookQuery {
  return QuerySchema.parse({ q: first(params.q) ?? "", status: first(params.status) ?? "all", sort: first(params.sort) ?? "name", dir: first(params.dir) ?? "asc" });
}

function matchesStatus(row: GradebookRow, status: GradebookFilter): boolean {
  switch (status) {
    case "all": return true;
    case "in-progress": return row.cells.some((c) => c.marks.inProgress);
    case "late": return row.cells.some((c) => c.marks.late);
    case "adjusted": return row.cells.some((c) => c.marks.adjusted);
    case "overridden": return row.cells.some((c) => c.marks.overridden);
    case "missing": return row.cells.some((c) => c.percent === null);
  }
}

const displayName = (s: GradebookStudent) => s.name?.trim() || s.email;

/** Rows whose student's name or email contains `q` (ignoring case) and that show `status`. */
export function filterRows(rows: readonly GradebookRow[], query: Pick<GradebookQuery, "q" | "status">): GradebookRow[] {
  const needle = query.q.toLowerCase();
  return rows.filter((r) => (needle === "" || displayName(r.student).toLowerCase().includes(needle) || r.student.email.toLowerCase().includes(needle)) && matchesStatus(r, query.status));
}

/**
 * Rows sorted by name, total or one assessment's score. Students with nothing graded in a score
 * column go last in either direction (an empty cell is not a zero); ties fall back to the name.
 */
export function sortRows(rows: readonly GradebookRow[], query: Pick<GradebookQuery, "sort" | "dir">, assessmentIds: readonly string[]): GradebookRow[] {
  const sign = query.dir === "desc" ? -1 : 1;
  const byName = (a: GradebookRow, b: GradebookRow) => displayName(a.student).localeCompare(displayName(b.student), "en") || a.student.id.localeCompare(b.student.id);
  const column = assessmentIds.indexOf(query.sort);
  const value = (r: GradebookRow): number | null => (query.sort === "total" ? r.total : column >= 0 ? r.cells[column]!.percent : null);
  if (query.sort !== "total" && column < 0) return [...rows].sort((a, b) => sign * byName(a, b));
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return sign * (va - vb) || byName(a, b);
  });
}
