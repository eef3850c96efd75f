/**
 * The attempt's event log in the database (AttemptEvent). Appending replays the stored events
 * through lib/assessment/attempt.ts, applies the new one and stores it under the next sequence
 * number in one transaction; the primary key (attemptId, seq) refuses a second writer of the same
 * number, which then retries on the log as it now is. The attempt's columns are written in the same
 * transaction, so queries (live view, exam lock, sweeper) always agree with the log.
 */
import "server-only";
import { applyAttemptEvent, type AttemptEvent, type AttemptRefusal, type AttemptSnapshot } from "@/lib/assessment/attempt";
import { getDb, isUniqueViolation, type Prisma, type Tx } from "../db";

const MAX_TRIES = 8;

type EventRow = { seq: number; type: string; at: Date; data: unknown };

/** A stored row as the event it records. */
export function eventOf(row: EventRow): AttemptEvent {
  return { ...(row.data as object), type: row.type, at: row.at.getTime() } as AttemptEvent;
}

/** The row's `data`: the event without its type and time, which have columns of their own. */
export function dataOf(event: AttemptEvent): Prisma.InputJsonValue {
  const { type: _type, at: _at, ...rest } = event;
  return rest as Prisma.InputJsonValue;
}

/** The state a stored log describes (no overdue closing: callers judge time themselves). */
export function foldEvents(rows: readonly EventRow[]): AttemptSnapshot | null {
  let state: AttemptSnapshot | null = null;
  for (const row of rows) {
    const r = applyAttemptEvent(state, eventOf(row));
    if (!r.ok) throw new Error(`stored attempt event ${row.seq} (${row.type}) is invalid: ${r.reason}`);
    state = r.state;
  }
  return state;
}

/** The attempt columns that mirror a state. */
export function columnsOf(state: AttemptSnapshot) {
  return {
    status: state.status === "submitted" ? "submitted" : "in_progress",
    deadline: state.deadline === null ? null : new Date(state.deadline),
    submittedAt: state.submittedAt === null ? null : new Date(state.submittedAt),
    submittedBy: state.submittedBy,
    answers: state.answers as Prisma.InputJsonValue,
    lastSavedAt: state.lastSavedAt === null ? null : new Date(state.lastSavedAt),
  };
}

export type AppendResult =
  | { readonly ok: true; readonly state: AttemptSnapshot; readonly seq: number }
  | { readonly ok: false; readonly reason: AttemptRefusal | "not_found"; readonly message: string };

/**
 * Appends the event `make` builds from the current state (so a retry after a lost race decides again
 * on fresh state). `make` returns null to refuse without writing. `extra` runs in the transaction.
 */
export async function appendAttemptEvent(
  attemptId: string,
  make: (state: AttemptSnapshot | null, lastSeq: number) => AttemptEvent | { readonly refuse: AttemptRefusal | "not_found"; readonly message: string },
  extra?: (tx: Tx, state: AttemptSnapshot) => Promise<void>,
): Promise<AppendResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getDb().$transaction(async (tx): Promise<AppendResult> => {
        const rows = await tx.attemptEvent.findMany({ where: { attemptId }, orderBy: { seq: "asc" }, select: { seq: true, type: true, at: true, data: true } });
        const current = foldEvents(rows);
        const event = make(current, rows.length);
        if ("refuse" in event) return { ok: false, reason: event.refuse, message: event.message };
        const applied = applyAttemptEvent(current, event);
        if (!applied.ok) return applied;
        const seq = rows.length + 1;
        await tx.attemptEvent.create({ data: { attemptId, seq, type: event.type, at: new Date(event.at), data: dataOf(event) } });
        await tx.assessmentAttempt.update({ where: { id: attemptId }, data: { ...columnsOf(applied.state), version: { increment: 1 } } });
        if (extra) await extra(tx, applied.state);
        return { ok: true, state: applied.state, seq };
      });
    } catch (error) {
      if (attempt < MAX_TRIES && (isUniqueViolation(error) || isWriteConflict(error))) continue;
      throw error;
    }
  }
}

/** PostgreSQL's serialization failures and deadlocks (P2034), worth a retry like a lost race. */
function isWriteConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2034";
}
