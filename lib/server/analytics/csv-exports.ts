/**
 * The course's CSV files (docs/exports.md lists their columns): the gradebook, attempts, a long
 * per-field file, item statistics and the score ledger. Each reads the database a page at a time
 * through csvStream, so memory stays bounded however large the class.
 */
import "server-only";
import { isStoredResult, type StoredResult } from "@/lib/grader";
import { assessmentStatistics, type StudentResult } from "@/lib/assessment/statistics";
import { blankLocation, responseFromStored } from "@/lib/assessment/stored-response";
import { secondsPerSlot } from "@/lib/assessment/time-on-question";
import { eventOf } from "../assessments/event-log";
import { getDb } from "../db";
import { assessmentPercent, countedAttemptIds, courseAssessments, type GradedAttemptScore } from "./course-data";
import { csvStream, type CsvPage, type CsvRow } from "./csv-stream";
import { expectedValues } from "./frozen-keys";

/** Rows read per database round trip. */
export const EXPORT_PAGE_SIZE = 250;

export const CSV_FILES = ["gradebook", "attempts", "fields", "items", "ledger"] as const;
export type CsvFile = (typeof CSV_FILES)[number];

export function isCsvFile(value: string): value is CsvFile {
  return (CSV_FILES as readonly string[]).includes(value);
}

/** The gradebook column of an assessment, in Canvas's "Name (id)" form. */
export function gradebookColumn(a: { readonly title: string; readonly slug: string }): string {
  return `${a.title} (${a.slug})`;
}

/** Canvas's identity columns, then Moodle's "Email address" for its import mapping. */
export const GRADEBOOK_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Email address"] as const;

/** One row per student, one column per published assessment: the score in percent (blank: no graded attempt). */
export async function gradebookCsv(courseId: string, pageSize = EXPORT_PAGE_SIZE): Promise<ReadableStream<Uint8Array>> {
  const assessments = await courseAssessments(courseId, true);
  const header = [...GRADEBOOK_IDENTITY, ...assessments.map(gradebookColumn)];
  return csvStream(header, "", async (after: string): Promise<CsvPage<string>> => {
    const members = await getDb().courseMember.findMany({
      where: { courseId, role: "student", userId: { gt: after } },
      orderBy: { userId: "asc" },
      take: pageSize,
      select: { userId: true, user: { select: { email: true, name: true } } },
    });
    const ids = members.map((m) => m.userId);
    const attempts = ids.length === 0 ? [] : await getDb().assessmentAttempt.findMany({
      // By assessment id, not through the relation: the attempts' (assessmentId, userId) index answers it.
      where: { assessmentId: { in: assessments.map((a) => a.id) }, userId: { in: ids }, score: { not: null }, maxScore: { not: null } },
      select: { userId: true, assessmentId: true, number: true, score: true, maxScore: true },
    });
    const byKey = new Map<string, GradedAttemptScore[]>();
    for (const a of attempts) {
      const key = `${a.userId}|${a.assessmentId}`;
      byKey.set(key, [...(byKey.get(key) ?? []), { ...a, score: a.score!, maxScore: a.maxScore! }]);
    }
    const rows = members.map((m): CsvRow => [
      m.user.name ?? m.user.email, "", "", m.user.email, "", m.user.email,
      ...assessments.map((a) => assessmentPercent(a.definition, byKey.get(`${m.userId}|${a.id}`) ?? [])),
    ]);
    return { rows, next: members.length < pageSize ? null : members[members.length - 1]!.userId };
  });
}

export const ATTEMPT_COLUMNS = ["attempt_id", "student_email", "student_name", "assessment", "attempt", "status", "started_at", "submitted_at", "submitted_by", "late", "score", "max_score", "percent"] as const;

/** Every attempt of the course, in id order. */
export async function attemptsCsv(courseId: string, pageSize = EXPORT_PAGE_SIZE): Promise<ReadableStream<Uint8Array>> {
  return csvStream(ATTEMPT_COLUMNS, "", async (after: string) => {
    const page = await getDb().assessmentAttempt.findMany({
      where: { assessment: { courseId }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: {
        id: true, number: true, status: true, startedAt: true, submittedAt: true, submittedBy: true, late: true, score: true, maxScore: true,
        user: { select: { email: true, name: true } }, assessment: { select: { slug: true } },
      },
    });
    const rows = page.map((a): CsvRow => [
      a.id, a.user.email, a.user.name, a.assessment.slug, a.number, a.status, a.startedAt, a.submittedAt, a.submittedBy, a.late,
      a.score, a.maxScore, a.score !== null && a.maxScore ? (a.score / a.maxScore) * 100 : null,
    ]);
    return { rows, next: page.length < pageSize ? null : page[page.length - 1]!.id };
  });
}

export const FIELD_COLUMNS = ["student_email", "assessment", "attempt", "question", "scenario", "hop", "field", "answer", "expected", "status", "credit", "misconception"] as const;

/** Attempts of the course's assessments (by id, from the assessments' own index) with their graded questions. */
export async function gradedAttemptPage(assessmentIds: readonly string[], after: string, pageSize: number) {
  return getDb().assessmentAttempt.findMany({
    where: { assessmentId: { in: [...assessmentIds] }, gradedAt: { not: null }, id: { gt: after } },
    orderBy: { id: "asc" },
    take: pageSize,
    select: {
      id: true, number: true, userId: true, assessmentId: true, gradedAt: true, submittedAt: true, user: { select: { email: true } },
      questions: { orderBy: { slot: "asc" }, select: { slot: true, scenarioId: true, seed: true, difficulty: true, contentHash: true, optionSalt: true, result: true } },
    },
  });
}

/** Attempts per page of the long files: each brings a few questions of a few dozen blanks. */
const ATTEMPT_PAGE_SIZE = 100;

/** One row per graded blank: what the student answered, what was expected, the credit and the misconception. */
export async function fieldsCsv(courseId: string, pageSize = ATTEMPT_PAGE_SIZE): Promise<ReadableStream<Uint8Array>> {
  const assessments = await courseAssessments(courseId);
  const slugs = new Map(assessments.map((a) => [a.id, a.slug]));
  return csvStream<string>(FIELD_COLUMNS, "", async (after) => {
    const page = await gradedAttemptPage([...slugs.keys()], after, pageSize);
    const rows: CsvRow[] = [];
    for (const attempt of page) {
      for (const q of attempt.questions) {
        if (!isStoredResult(q.result)) continue;
        const stored = q.result as unknown as StoredResult;
        // Gradings keep each field's expected value; only older rows rebuild their variant's key (a simulation each).
        const rebuilt = stored.fields.every((f) => f.expected !== undefined) ? null : await expectedValues(q);
        for (const f of stored.fields) {
          const { at, field } = blankLocation(f.id);
          rows.push([attempt.user.email, slugs.get(attempt.assessmentId), attempt.number, q.slot, q.scenarioId, at, field, f.given, f.expected ?? rebuilt?.get(f.id) ?? null, f.status, f.score, f.misconception]);
        }
      }
    }
    const last = page[page.length - 1];
    return { rows, next: page.length < pageSize || !last ? null : last.id };
  });
}

export const ITEM_COLUMNS = ["assessment", "question", "attempts", "mean_points", "sd_points", "facility_percent", "point_biserial", "upper_lower_index", "average_seconds", "most_missed_field", "most_missed_share", "top_misconception", "top_misconception_students"] as const;

/** Item statistics, one assessment at a time (its counted attempts only). */
export async function itemsCsv(courseId: string): Promise<ReadableStream<Uint8Array>> {
  const assessments = await courseAssessments(courseId, true);
  return csvStream<number>(ITEM_COLUMNS, 0, async (index) => {
    const a = assessments[index];
    if (!a) return { rows: [], next: null };
    const results = await countedResults(a.id, a.definition);
    const stats = assessmentStatistics(results);
    const rows = stats.questions.map((q): CsvRow => [
      a.slug, q.questionId, q.attempts, q.meanPoints, q.sdPoints, q.facility, q.pointBiserial, q.upperLowerIndex, q.averageSeconds,
      q.fields[0] ? `${q.fields[0].at}/${q.fields[0].field}` : null, q.fields[0]?.missedShare ?? null, q.misconceptions[0]?.rule ?? null, q.misconceptions[0]?.students ?? null,
    ]);
    return { rows, next: index + 1 < assessments.length ? index + 1 : null };
  });
}

/** Each student's counted graded attempt of an assessment as statistics input; questions keyed by slot and scenario. */
export async function countedResults(assessmentId: string, definition: Parameters<typeof countedAttemptIds>[0]): Promise<StudentResult[]> {
  const graded = await getDb().assessmentAttempt.findMany({
    where: { assessmentId, score: { not: null }, maxScore: { not: null } },
    select: { id: true, userId: true, number: true, score: true, maxScore: true, assessmentId: true },
  });
  const counted = countedAttemptIds(definition, graded.map((g) => ({ ...g, score: g.score!, maxScore: g.maxScore! })));
  const results: StudentResult[] = [];
  // A page of attempts at a time: their questions' results are the heavy part.
  for (let i = 0; i < counted.length; i += EXPORT_PAGE_SIZE) {
    const ids = counted.slice(i, i + EXPORT_PAGE_SIZE);
    const attempts = await getDb().assessmentAttempt.findMany({
      where: { id: { in: ids } },
      select: { userId: true, questions: { select: { slot: true, scenarioId: true, difficulty: true, result: true }, orderBy: { slot: "asc" } }, events: { select: { seq: true, type: true, at: true, data: true }, orderBy: { seq: "asc" } } },
    });
    for (const a of attempts) {
      const seconds = secondsPerSlot(a.events.map(eventOf));
      results.push({
        studentId: a.userId,
        questions: a.questions.filter((q) => isStoredResult(q.result)).map((q) => responseFromStored(questionLabel(q), q.result as unknown as StoredResult, seconds[q.slot] ?? null)),
      });
    }
  }
  return results;
}

/** A question of the statistics: the slot and the scenario drawn there (alternatives differ). */
export function questionLabel(q: { readonly slot: string; readonly scenarioId: string; readonly difficulty: string }): string {
  return `${q.slot} ${q.scenarioId} (${q.difficulty})`;
}

export const LEDGER_COLUMNS = ["entry_id", "at", "student_email", "assessment", "attempt", "kind", "question", "field", "old_score", "new_score", "note", "by"] as const;

/** The score ledger, oldest first. */
export async function ledgerCsv(courseId: string, pageSize = EXPORT_PAGE_SIZE): Promise<ReadableStream<Uint8Array>> {
  return csvStream<{ at: Date; id: string } | null>(LEDGER_COLUMNS, null, async (after) => {
    const page = await getDb().scoreLedgerEntry.findMany({
      where: {
        attempt: { assessment: { courseId } },
        ...(after ? { OR: [{ at: { gt: after.at } }, { at: after.at, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: pageSize,
      select: { id: true, at: true, kind: true, slot: true, field: true, oldScore: true, newScore: true, note: true, actorId: true, attempt: { select: { number: true, user: { select: { email: true } }, assessment: { select: { slug: true } } } } },
    });
    const actors = await emails(page.map((e) => e.actorId).filter((x): x is string => x !== null));
    const rows = page.map((e): CsvRow => [e.id, e.at, e.attempt.user.email, e.attempt.assessment.slug, e.attempt.number, e.kind, e.slot, e.field, e.oldScore, e.newScore, e.note, e.actorId ? actors.get(e.actorId) ?? e.actorId : "system"]);
    const last = page[page.length - 1];
    return { rows, next: page.length < pageSize || !last ? null : { at: last.at, id: last.id } };
  });
}

async function emails(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await getDb().user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

/** The stream for one of the CSV files. */
export function csvFor(file: CsvFile, courseId: string): Promise<ReadableStream<Uint8Array>> {
  switch (file) {
    case "gradebook": return gradebookCsv(courseId);
    case "attempts": return attemptsCsv(courseId);
    case "fields": return fieldsCsv(courseId);
    case "items": return itemsCsv(courseId);
    case "ledger": return ledgerCsv(courseId);
  }
}
