/**
 * The data of the instructor's live view of one assessment: one row per enrolled student with the
 * state of their latest attempt (lib/assessment/live.ts), built from three queries (students,
 * attempts, questions) whatever the class size, and the audit trail of the assessment.
 */
import "server-only";
import type { Answers } from "@/lib/assessment/attempt";
import { countStates, latestAttempts, liveRow, type LiveRow, type LiveState } from "@/lib/assessment/live";
import { getDb } from "../db";
import { blankCounts } from "./blank-count";

export interface LiveStudentRow extends LiveRow {
  readonly userId: string;
  readonly name: string | null;
  readonly email: string;
}

export interface LiveAuditRow {
  readonly id: string;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly detail: string;
  readonly reason: string;
  readonly attemptId: string | null;
  readonly student: string | null;
}

export interface LiveView {
  readonly assessmentId: string;
  readonly courseId: string;
  readonly title: string;
  readonly kind: string;
  /** The server's clock when the view was built: the page counts down from it, never the browser's. */
  readonly now: number;
  readonly counts: Readonly<Record<LiveState, number>>;
  readonly rows: readonly LiveStudentRow[];
  readonly audit: readonly LiveAuditRow[];
}

const asAnswers = (v: unknown): Answers => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Answers) : {});
const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** The live view of `assessmentId` at `now`, or null when there is no such assessment. */
export async function loadLiveView(assessmentId: string, now: number = Date.now()): Promise<LiveView | null> {
  const db = getDb();
  const assessment = await db.assessment.findUnique({ where: { id: assessmentId }, select: { id: true, courseId: true, title: true, kind: true } });
  if (!assessment) return null;
  const [members, attempts, audit] = await Promise.all([
    db.courseMember.findMany({ where: { courseId: assessment.courseId, role: "student" }, select: { user: { select: { id: true, name: true, email: true } } } }),
    db.assessmentAttempt.findMany({
      where: { assessmentId },
      select: { id: true, userId: true, number: true, status: true, deadline: true, submittedAt: true, submittedBy: true, late: true, lastSavedAt: true, answers: true },
    }),
    db.auditEntry.findMany({ where: { assessmentId }, orderBy: { at: "desc" }, take: 100 }),
  ]);
  const latest = latestAttempts(attempts);
  const totals = await blankCounts([...latest.values()].map((a) => a.id));
  const names = new Map(members.map((m) => [m.user.id, m.user.name ?? m.user.email]));
  const rows = members
    .map(({ user }): LiveStudentRow => {
      const a = latest.get(user.id) ?? null;
      const row = liveRow(a === null ? null : {
        id: a.id, number: a.number, status: a.status === "submitted" ? "submitted" : "in_progress", deadline: ms(a.deadline), submittedAt: ms(a.submittedAt),
        submittedBy: a.submittedBy === "deadline" ? "deadline" : a.submittedBy === "student" ? "student" : null,
        late: a.late, lastSavedAt: ms(a.lastSavedAt), answers: asAnswers(a.answers),
      }, a === null ? 0 : totals.get(a.id) ?? 0, now);
      return { ...row, userId: user.id, name: user.name, email: user.email };
    })
    .sort((x, y) => (x.name ?? x.email).localeCompare(y.name ?? y.email, "en"));
  const byAttempt = new Map(attempts.map((a) => [a.id, a.userId]));
  const actorIds = [...new Set(audit.map((e) => e.actorId))];
  const actors = actorIds.length === 0 ? [] : await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } });
  const actorName = new Map(actors.map((u) => [u.id, u.name ?? u.email]));
  return {
    assessmentId, courseId: assessment.courseId, title: assessment.title, kind: assessment.kind, now,
    counts: countStates(rows), rows,
    audit: audit.map((e) => ({
      id: e.id, at: e.at.getTime(), actor: actorName.get(e.actorId) ?? e.actorId, action: e.action, detail: e.detail, reason: e.reason, attemptId: e.attemptId,
      student: e.attemptId ? names.get(byAttempt.get(e.attemptId) ?? "") ?? null : null,
    })),
  };
}
