/**
 * Reading an assessment attempt's event log (AttemptEvent rows) back into the pure events of
 * lib/assessment/attempt.ts, and appending one with its audit entry. The stored `at` column is the
 * truth for the time; `data` holds the rest of the event.
 */
import "server-only";
import type { AttemptEvent } from "@/lib/assessment/attempt";
import type { Tx } from "../db";

interface EventRow {
  readonly seq: number;
  readonly type: string;
  readonly at: Date;
  readonly data: unknown;
}

/** One stored row as the pure event. */
export function eventOfRow(row: EventRow): AttemptEvent {
  const data = row.data !== null && typeof row.data === "object" ? (row.data as Record<string, unknown>) : {};
  return { ...data, type: row.type, at: row.at.getTime() } as AttemptEvent;
}

/** An attempt's events in order. */
export async function readAttemptEvents(tx: Pick<Tx, "attemptEvent">, attemptId: string): Promise<{ events: AttemptEvent[]; lastSeq: number }> {
  const rows = await tx.attemptEvent.findMany({ where: { attemptId }, orderBy: { seq: "asc" }, select: { seq: true, type: true, at: true, data: true } });
  return { events: rows.map(eventOfRow), lastSeq: rows.at(-1)?.seq ?? 0 };
}

/** Append `event` as number `seq` (the primary key refuses a second writer of the same number). */
export async function appendAttemptEvent(tx: Pick<Tx, "attemptEvent">, attemptId: string, seq: number, event: AttemptEvent): Promise<void> {
  const { type, at, ...data } = event;
  await tx.attemptEvent.create({ data: { attemptId, seq, type, at: new Date(at), data: { type, at, ...data } } });
}
