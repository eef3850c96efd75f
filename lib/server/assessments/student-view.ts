/**
 * An attempt as its student sees it while taking it: the questions' sheets (prompts and options, no
 * expected value, no seed, no salt), the topology diagram of each variant, the answers saved, and the
 * deadline with the server's `now` so the page's timer runs on the server's clock. What the student
 * may see after submitting is decided by the feedback rules (lib/assessment/feedback.ts), elsewhere.
 */
import "server-only";
import { closeIfOverdue } from "@/lib/assessment/attempt";
import type { Diagram } from "@/lib/diagram/layout";
import { getDb } from "../db";
import type { PublicSheet } from "../practice";
import { closeOverdueAttempts } from "./attempts";
import { foldEvents } from "./event-log";
import { questionView } from "./question-work";

export interface StudentQuestion {
  readonly slot: string;
  readonly zone: number;
  readonly points: number;
  readonly difficulty: string;
  readonly sheet: PublicSheet;
  readonly diagram: Diagram;
}

export interface StudentAttempt {
  readonly id: string;
  readonly assessmentId: string;
  readonly courseId: string;
  readonly number: number;
  readonly status: "in_progress" | "submitted";
  readonly startedAt: number;
  readonly deadline: number | null;
  readonly submittedAt: number | null;
  readonly submittedBy: "student" | "deadline" | null;
  /** The server's clock when this was read: the page's timer is `deadline - serverNow` from here. */
  readonly serverNow: number;
  readonly answers: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly lastSavedAt: number | null;
  readonly questions: readonly StudentQuestion[];
}

/** The attempt for its own student at `now` (an overdue one is closed first); null if there is none. */
export async function studentAttempt(attemptId: string, now: number): Promise<StudentAttempt | null> {
  const db = getDb();
  let row = await db.assessmentAttempt.findUnique({ where: { id: attemptId }, include: { questions: { orderBy: { slot: "asc" } }, assessment: { select: { courseId: true } } } });
  if (!row) return null;
  if (row.status === "in_progress" && row.deadline !== null && closeIfOverdue(foldedOrThrow(await eventsOf(attemptId)), now).status === "submitted") {
    await closeOverdueAttempts(now, { id: attemptId });
    row = await db.assessmentAttempt.findUnique({ where: { id: attemptId }, include: { questions: { orderBy: { slot: "asc" } }, assessment: { select: { courseId: true } } } });
    if (!row) return null;
  }
  const questions = await Promise.all(row.questions.map(async (q): Promise<StudentQuestion> => {
    const { sheet, diagram } = await questionView(q);
    return { slot: q.slot, zone: q.zone, points: q.points, difficulty: q.difficulty, sheet, diagram };
  }));
  return {
    id: row.id, assessmentId: row.assessmentId, courseId: row.assessment.courseId, number: row.number,
    status: row.status === "submitted" ? "submitted" : "in_progress",
    startedAt: row.startedAt.getTime(), deadline: row.deadline?.getTime() ?? null, submittedAt: row.submittedAt?.getTime() ?? null,
    submittedBy: row.submittedBy === "student" || row.submittedBy === "deadline" ? row.submittedBy : null,
    serverNow: now, answers: (row.answers ?? {}) as StudentAttempt["answers"], lastSavedAt: row.lastSavedAt?.getTime() ?? null, questions,
  };
}

async function eventsOf(attemptId: string) {
  return getDb().attemptEvent.findMany({ where: { attemptId }, orderBy: { seq: "asc" }, select: { seq: true, type: true, at: true, data: true } });
}

function foldedOrThrow(rows: Parameters<typeof foldEvents>[0]) {
  const state = foldEvents(rows);
  if (state === null) throw new Error("an attempt without a start event");
  return state;
}
