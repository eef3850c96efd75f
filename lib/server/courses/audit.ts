/** The course audit trail (AuditEntry): who changed what in a course, when and why. */
import "server-only";
import { getDb, type Tx } from "../db";

export interface AuditInput {
  readonly courseId: string;
  readonly actorId: string;
  readonly action: string;
  readonly detail: string;
  readonly reason?: string;
  readonly assessmentId?: string;
  readonly attemptId?: string;
}

/** Append one entry, inside the caller's transaction when it has one. */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  await (tx ?? getDb()).auditEntry.create({
    data: {
      courseId: input.courseId,
      actorId: input.actorId,
      action: input.action,
      detail: input.detail,
      reason: input.reason ?? "",
      assessmentId: input.assessmentId ?? null,
      attemptId: input.attemptId ?? null,
    },
  });
}

export interface AuditRow {
  readonly id: string;
  readonly at: Date;
  readonly action: string;
  readonly detail: string;
  readonly reason: string;
  readonly actorEmail: string | null;
  readonly assessmentId: string | null;
  readonly attemptId: string | null;
}

/** A course's entries, newest first, with the actor's email (null for an account since deleted). */
export async function listCourseAudit(courseId: string, limit = 200): Promise<AuditRow[]> {
  const db = getDb();
  const entries = await db.auditEntry.findMany({ where: { courseId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
  const actors = await db.user.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.actorId))] } }, select: { id: true, email: true } });
  const emails = new Map(actors.map((a) => [a.id, a.email]));
  return entries.map((e) => ({
    id: e.id,
    at: e.at,
    action: e.action,
    detail: e.detail,
    reason: e.reason,
    actorEmail: emails.get(e.actorId) ?? null,
    assessmentId: e.assessmentId,
    attemptId: e.attemptId,
  }));
}
