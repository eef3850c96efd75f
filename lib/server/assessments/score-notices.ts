/**
 * What a student is told when their score changed after grading: "your score changed from X to Y
 * because ...", read from the score ledger (regrades, and manual adjustments with their note).
 * Whether the scores may be shown at all is the feedback rules' call; the page passes that in.
 */
import "server-only";
import { noticeText, type NoticeView } from "@/lib/assessment/score-notice-text";
import { getDb } from "../db";

export type ScoreNotice = NoticeView;

/** The changes after the first grading of an attempt, oldest first. */
export async function scoreNotices(attemptId: string): Promise<readonly ScoreNotice[]> {
  const rows = await getDb().scoreLedgerEntry.findMany({
    where: { attemptId, kind: { in: ["regraded", "adjusted"] } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { at: true, kind: true, oldScore: true, newScore: true, note: true },
  });
  return rows.map((r) => ({ at: r.at, kind: r.kind === "adjusted" ? "adjusted" : "regraded", oldScore: r.oldScore, newScore: r.newScore, because: r.note }));
}

/** The notice as one sentence. */
export function noticeSentence(n: ScoreNotice, maxScore: number | null): string {
  return noticeText(n, maxScore);
}
