/**
 * What a student is told when their score changed after grading: "your score changed from X to Y
 * because ...", read from the score ledger (regrades, and manual adjustments with their note).
 * Whether the scores may be shown at all is the feedback rules' call; the page passes that in.
 */
import "server-only";
import { getDb } from "../db";

export interface ScoreNotice {
  readonly at: Date;
  readonly kind: "regraded" | "adjusted";
  readonly oldScore: number | null;
  readonly newScore: number;
  readonly because: string;
}

/** The changes after the first grading of an attempt, oldest first. */
export async function scoreNotices(attemptId: string): Promise<readonly ScoreNotice[]> {
  const rows = await getDb().scoreLedgerEntry.findMany({
    where: { attemptId, kind: { in: ["regraded", "adjusted"] } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { at: true, kind: true, oldScore: true, newScore: true, note: true },
  });
  return rows.map((r) => ({ at: r.at, kind: r.kind === "adjusted" ? "adjusted" : "regraded", oldScore: r.oldScore, newScore: r.newScore, because: r.note }));
}

const points = (n: number | null) => (n === null ? "ungraded" : String(Math.round(n * 1000) / 1000));

/** The notice as one sentence. */
export function noticeSentence(n: ScoreNotice, maxScore: number | null): string {
  const out = maxScore ? ` of ${points(maxScore)}` : "";
  const what = n.kind === "regraded" ? "after a regrade" : "after a manual adjustment";
  return `Your score changed from ${points(n.oldScore)} to ${points(n.newScore)}${out} ${what} because ${n.because}`;
}
