/**
 * One assessment attempt as staff read it: question by question and hop by hop as the student saw
 * it (regraded on the frozen content it was taken on, which reproduces the stored grading and
 * brings back what storage leaves out: expected values, reasons, carried-forward answers), the
 * time spent per question from the event log, every event (saves, lock refusals, staff actions)
 * and the score ledger. For staff only: it holds expected values whatever the feedback rules say.
 */
import "server-only";
import type { AttemptEvent } from "@/lib/assessment/attempt";
import { foldLedger, type LedgerEntry } from "@/lib/assessment/ledger";
import { AssessmentSchema } from "@/lib/assessment/schema";
import { timeSpent } from "@/lib/assessment/time-spent";
import { gradeAnswers } from "@/lib/grader";
import type { FieldGrade, GradeResult, SheetFlow } from "@/lib/grader/types";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor } from "../catalogue";
import { getDb } from "../db";
import { eventOf } from "../assessments/event-log";
import { scenarioForQuestion } from "./frozen";
import { attemptPercent } from "./scores";

export interface HopGroup {
  /** The hop's title as the sheet showed it ("At R1, leaving eth1"), or the question's prompt. */
  readonly title: string;
  readonly fields: readonly (FieldGrade & { readonly adjustedPoints: number | null })[];
}

export interface QuestionDetail {
  readonly slot: string;
  readonly zoneTitle: string;
  readonly scenarioId: string;
  readonly title: string;
  readonly difficulty: string;
  readonly points: number;
  /** Graded points of the question out of `points`; null until graded. */
  readonly earned: number | null;
  readonly timeSpentMs: number;
  /** Null when the content it was taken on is not available (then only stored verdicts are known). */
  readonly flows: readonly { readonly id: string; readonly title: string; readonly hops: readonly HopGroup[] }[] | null;
  readonly firstDivergence: GradeResult["firstDivergence"];
}

export interface LedgerRow {
  readonly id: string;
  readonly at: number;
  readonly kind: string;
  readonly slot: string | null;
  readonly field: string | null;
  readonly oldScore: number | null;
  readonly newScore: number;
  readonly note: string;
  readonly actor: string;
}

export interface AttemptDetail {
  readonly id: string;
  readonly courseId: string;
  readonly assessmentId: string;
  readonly assessmentTitle: string;
  readonly student: { readonly id: string; readonly name: string | null; readonly email: string };
  readonly number: number;
  readonly status: string;
  readonly startedAt: number;
  readonly deadline: number | null;
  readonly submittedAt: number | null;
  readonly submittedBy: string | null;
  readonly late: boolean;
  readonly score: number | null;
  readonly maxScore: number | null;
  readonly percent: number | null;
  readonly adjusted: boolean;
  readonly totalTimeMs: number;
  readonly questions: readonly QuestionDetail[];
  readonly events: readonly (AttemptEvent & { readonly seq: number })[];
  readonly ledger: readonly LedgerRow[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Fields grouped by hop, in the order of the sheet (hop rows, then the flow's questions). */
function hopsOf(flow: SheetFlow, fields: readonly FieldGrade[], adjusted: Readonly<Record<string, number>>): HopGroup[] {
  const mine = fields.filter((f) => f.flow === flow.id).map((f) => ({ ...f, adjustedPoints: adjusted[f.id] ?? null }));
  const groups: HopGroup[] = [];
  const used = new Set<string>();
  for (const row of flow.rows) {
    const ids = new Set(row.blanks.map((b) => b.id));
    const hop = mine.filter((f) => ids.has(f.id));
    hop.forEach((f) => used.add(f.id));
    if (hop.length > 0) groups.push({ title: `${row.title}${row.nodeLabel ? ` (${row.nodeLabel})` : ""}`, fields: hop });
  }
  for (const q of flow.questions) {
    const ids = new Set(q.blanks.map((b) => b.id));
    const hop = mine.filter((f) => ids.has(f.id));
    hop.forEach((f) => used.add(f.id));
    if (hop.length > 0) groups.push({ title: q.prompt, fields: hop });
  }
  const rest = mine.filter((f) => !used.has(f.id));
  if (rest.length > 0) groups.push({ title: "Other fields", fields: rest });
  return groups;
}

/** The attempt as staff read it, or null when there is no such attempt. */
export async function loadAttemptDetail(attemptId: string, now: number = Date.now()): Promise<AttemptDetail | null> {
  const db = getDb();
  const attempt = await db.assessmentAttempt.findUnique({
    where: { id: attemptId },
    include: {
      assessment: { select: { id: true, courseId: true, title: true, definition: true } },
      user: { select: { id: true, name: true, email: true } },
      questions: { orderBy: [{ zone: "asc" }, { slot: "asc" }] },
      events: { orderBy: { seq: "asc" } },
      ledger: { orderBy: [{ at: "asc" }, { id: "asc" }] },
    },
  });
  if (!attempt) return null;
  const events = attempt.events.map((row) => ({ ...eventOf(row), seq: row.seq }));
  const end = attempt.submittedAt?.getTime() ?? Math.min(now, attempt.deadline?.getTime() ?? now);
  const spent = timeSpent(events, end);
  const definition = AssessmentSchema.safeParse(attempt.assessment.definition);
  const zoneTitle = (z: number) => (definition.success ? definition.data.zones[z]?.title : undefined) ?? `Part ${z + 1}`;
  const entries: LedgerEntry[] = attempt.ledger.map((e) => ({ kind: e.kind as LedgerEntry["kind"], slot: e.slot, field: e.field, oldScore: e.oldScore, newScore: e.newScore, at: e.at.getTime() }));
  const ledgerState = foldLedger(entries);
  const answers = asRecord(attempt.answers);
  const questions: QuestionDetail[] = [];
  for (const q of attempt.questions) {
    const adjusted = Object.fromEntries(Object.entries(ledgerState.fields[q.slot] ?? {}).map(([id, c]) => [id, c.points]));
    const found = await scenarioForQuestion(q);
    let flows: QuestionDetail["flows"] = null;
    let firstDivergence: GradeResult["firstDivergence"] = null;
    let title = q.scenarioId;
    if (found) {
      const key = answerKeyFor(found.scenario, found.contentHash, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt });
      const graded = gradeAnswers(key, asRecord(answers[q.slot]), { scenario: found.scenario, contentHash: found.contentHash });
      title = key.sheet.title;
      firstDivergence = graded.firstDivergence;
      flows = key.sheet.flows.map((flow) => ({ id: flow.id, title: flow.title, hops: hopsOf(flow, graded.fields, adjusted) }));
    }
    questions.push({
      slot: q.slot, zoneTitle: zoneTitle(q.zone), scenarioId: q.scenarioId, title, difficulty: q.difficulty, points: q.points,
      earned: q.score,
      timeSpentMs: spent.bySlot[q.slot] ?? 0, flows, firstDivergence,
    });
  }
  const actorIds = [...new Set(attempt.ledger.map((e) => e.actorId).filter((x): x is string => x !== null))];
  const actors = actorIds.length === 0 ? [] : await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } });
  const actorName = new Map(actors.map((u) => [u.id, u.name ?? u.email]));
  return {
    id: attempt.id, courseId: attempt.assessment.courseId, assessmentId: attempt.assessment.id, assessmentTitle: attempt.assessment.title,
    student: attempt.user, number: attempt.number, status: attempt.status,
    startedAt: attempt.startedAt.getTime(), deadline: attempt.deadline?.getTime() ?? null, submittedAt: attempt.submittedAt?.getTime() ?? null,
    submittedBy: attempt.submittedBy, late: attempt.late, score: attempt.score, maxScore: attempt.maxScore,
    percent: attemptPercent(attempt.score, attempt.maxScore), adjusted: ledgerState.adjusted, totalTimeMs: spent.totalMs, questions, events,
    ledger: attempt.ledger.map((e) => ({
      id: e.id, at: e.at.getTime(), kind: e.kind, slot: e.slot, field: e.field, oldScore: e.oldScore, newScore: e.newScore, note: e.note,
      actor: e.actorId === null ? "automatic grading" : actorName.get(e.actorId) ?? e.actorId,
    })),
  };
}
