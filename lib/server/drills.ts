/** Drill results: short, self-contained exercises (subnetting, port numbers, ...) scored as correct/total. */
import "server-only";
import type { DrillAttempt } from "@/prisma/generated/sqlite/client";
import { getDb } from "./db";
import { type Owner, ownedBy, ownerColumns } from "./owner";

export type DrillAttemptRecord = DrillAttempt;

export interface NewDrillAttempt {
  kind: string;
  seed: number;
  correct: number;
  total: number;
}

export async function recordDrillAttempt(owner: Owner, input: NewDrillAttempt): Promise<DrillAttemptRecord> {
  const { kind, seed, correct, total } = input;
  if (!Number.isInteger(correct) || !Number.isInteger(total) || correct < 0 || total < 0 || correct > total) {
    throw new RangeError(`a drill result needs 0 <= correct <= total, got ${correct}/${total}`);
  }
  return getDb().drillAttempt.create({ data: { ...ownerColumns(owner), kind, seed, correct, total } });
}

/** An owner's drill results, newest first, optionally of one kind. */
export async function listDrillAttemptsForOwner(
  owner: Owner,
  options: { kind?: string; limit?: number } = {},
): Promise<DrillAttemptRecord[]> {
  return getDb().drillAttempt.findMany({
    where: { ...ownedBy(owner), ...(options.kind ? { kind: options.kind } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 200),
  });
}
