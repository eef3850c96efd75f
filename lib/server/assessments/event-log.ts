/**
 * The attempt's event log in the database (AttemptEvent). Appending replays the stored events
 * through lib/assessment/attempt.ts, applies the new one and stores it under the next sequence
 * number; the primary key (attemptId, seq) refuses a second writer of the same number, and the
 * attempt's version refuses a writer that read before any other change, which then retries on the
 * log as it now is. The attempt's columns are written in the same (short) transaction, so queries
 * (live view, exam lock, sweeper) always agree with the log.
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
  return oneAtATime(attemptId, () => append(attemptId, make, extra));
}

/**
 * Appends to one attempt queue behind each other in this process (a student's autosave, its
 * keep-alive save and the submit can arrive together), so they do not lose the version race to
 * each other; instances race on the version and retry.
 */
const queues = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(attemptId: string, run: () => Promise<T>): Promise<T> {
  const before = queues.get(attemptId) ?? Promise.resolve();
  const mine = before.then(run, run);
  const settled = mine.catch(() => undefined);
  queues.set(attemptId, settled);
  try {
    return await mine;
  } finally {
    if (queues.get(attemptId) === settled) queues.delete(attemptId);
  }
}

async function append(
  attemptId: string,
  make: Parameters<typeof appendAttemptEvent>[1],
  extra: Parameters<typeof appendAttemptEvent>[2],
): Promise<AppendResult> {
  const db = getDb();
  for (let attempt = 1; ; attempt++) {
    // Read and decide outside the transaction, so it holds the database for two writes only (on
    // SQLite every writer waits for it). The version the attempt had when read guards the
    // decision: any change since (another event, the sweeper's close, a grading) makes the
    // update miss, the transaction roll back, and the append decide again on fresh state.
    const [rows, row] = await Promise.all([
      db.attemptEvent.findMany({ where: { attemptId }, orderBy: { seq: "asc" }, select: { seq: true, type: true, at: true, data: true } }),
      db.assessmentAttempt.findUnique({ where: { id: attemptId }, select: { version: true, status: true } }),
    ]);
    const current = row === null ? null : foldEvents(rows);
    const event = make(current, rows.length);
    if ("refuse" in event) return { ok: false, reason: event.refuse, message: event.message };
    if (row !== null && closedByServer(current, row) && (event.type === "saved" || event.type === "submitted")) {
      return { ok: false, reason: "deadline_passed", message: "The time for this attempt is over; the answers saved before the deadline are graded." };
    }
    const applied = applyAttemptEvent(current, event);
    if (!applied.ok) return applied;
    const seq = rows.length + 1;
    try {
      await db.$transaction(async (tx) => {
        const changed = await tx.assessmentAttempt.updateMany({ where: { id: attemptId, version: row!.version }, data: { ...columnsOf(applied.state), version: { increment: 1 } } });
        if (changed.count !== 1) throw new ChangedMeanwhile();
        await tx.attemptEvent.create({ data: { attemptId, seq, type: event.type, at: new Date(event.at), data: dataOf(event) } });
        if (extra) await extra(tx, applied.state);
      });
      return { ok: true, state: applied.state, seq };
    } catch (error) {
      if (attempt < MAX_TRIES && (error instanceof ChangedMeanwhile || isUniqueViolation(error) || isWriteConflict(error))) {
        // Another instance wrote first: a short random pause keeps two retries from meeting again.
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
        continue;
      }
      throw error;
    }
  }
}

/**
 * The sweeper closes an overdue attempt in its columns only (attempts.ts closeOverdueAttempts): a
 * log still in progress whose row says submitted was closed at its deadline, and a save or submit
 * that reaches it afterwards (even one dated inside the grace, from a slow request) is too late.
 */
function closedByServer(state: AttemptSnapshot | null, row: { status: string }): boolean {
  return state !== null && state.status === "in-progress" && row.status === "submitted";
}

/** The attempt changed between reading it and writing the event: decide again. */
class ChangedMeanwhile extends Error {
  constructor() {
    super("the attempt changed meanwhile");
    this.name = "ChangedMeanwhile";
  }
}

/** PostgreSQL's serialization failures and deadlocks (P2034), worth a retry like a lost race. */
function isWriteConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2034";
}
