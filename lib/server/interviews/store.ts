/**
 * Interview sessions and their event logs in the database. A log is append-only: each event gets
 * the next sequence number, and (sessionId, seq) is unique, so of two instances appending at once
 * exactly one wins; the other gets `conflict` and replays the longer log before trying again.
 */
import "server-only";
import type { SessionEvent } from "@/lib/interview/types";
import { getDb, isUniqueViolation, type Prisma } from "../db";

export interface SessionRow {
  readonly id: string;
  readonly joinCode: string;
  readonly mode: string;
  readonly interviewerId: string | null;
  readonly candidateId: string | null;
  readonly candidateGuestId: string | null;
  readonly scenarioId: string;
  readonly contentHash: string;
  readonly seed: number;
  readonly difficulty: string;
  readonly optionSalt: string;
  readonly variantFingerprint: string;
  readonly status: string;
  readonly createdAt: Date;
  readonly endedAt: Date | null;
}

export interface LoggedEvent {
  readonly seq: number;
  readonly event: SessionEvent;
}

export type NewSessionRow = Omit<SessionRow, "id" | "status" | "createdAt" | "endedAt">;

/** Creates a session with its `created` event as seq 1. */
export async function insertSession(row: NewSessionRow, created: SessionEvent): Promise<SessionRow> {
  return getDb().interviewSession.create({
    data: { ...row, events: { create: { seq: 1, at: new Date(created.at), actor: created.actor, data: created as unknown as Prisma.InputJsonValue } } },
  });
}

export async function getSessionRow(id: string): Promise<SessionRow | null> {
  return getDb().interviewSession.findUnique({ where: { id } });
}

export async function getSessionByCode(joinCode: string): Promise<SessionRow | null> {
  return getDb().interviewSession.findUnique({ where: { joinCode } });
}

/** Sets the candidate of a live session if none is set yet; false when somebody else got there first. */
export async function claimCandidate(id: string, candidate: { candidateId: string | null; candidateGuestId: string | null }): Promise<boolean> {
  const r = await getDb().interviewSession.updateMany({ where: { id, candidateId: null, candidateGuestId: null }, data: candidate });
  return r.count === 1;
}

/** The log in order (after `afterSeq`, when given). */
export async function readLog(sessionId: string, afterSeq = 0): Promise<LoggedEvent[]> {
  const rows = await getDb().interviewEvent.findMany({ where: { sessionId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, select: { seq: true, data: true } });
  return rows.map((r) => ({ seq: r.seq, event: r.data as unknown as SessionEvent }));
}

export type InsertResult = { ok: true; lastSeq: number } | { ok: false; reason: "conflict" };

/**
 * Appends events as seq `afterSeq + 1`, `+ 2`, ... in one transaction; `conflict` when another
 * append took one of those numbers first (nothing of this one is stored then).
 */
export async function insertEvents(sessionId: string, afterSeq: number, events: readonly SessionEvent[], ended: boolean): Promise<InsertResult> {
  try {
    await getDb().$transaction(async (tx) => {
      let seq = afterSeq;
      for (const e of events) {
        seq += 1;
        await tx.interviewEvent.create({ data: { sessionId, seq, at: new Date(e.at), actor: e.actor, data: e as unknown as Prisma.InputJsonValue } });
      }
      if (ended) await tx.interviewSession.update({ where: { id: sessionId }, data: { status: "ended", endedAt: new Date(events.at(-1)!.at) } });
    });
    return { ok: true, lastSeq: afterSeq + events.length };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "conflict" };
    throw error;
  }
}

/** Sessions a user ran as interviewer, or took as candidate (newest first). */
export async function listSessions(where: { interviewerId: string } | { candidateId: string } | { candidateGuestId: string }, take = 50): Promise<SessionRow[]> {
  return getDb().interviewSession.findMany({ where, orderBy: { createdAt: "desc" }, take });
}

/** Whether an open interview session uses the variant with this fingerprint. */
export async function isVariantInInterview(fingerprint: string): Promise<boolean> {
  const hit = await getDb().interviewSession.findFirst({ where: { variantFingerprint: fingerprint, status: "open" }, select: { id: true } });
  return hit !== null;
}
