/** A score notice as one sentence (shared by the result page and lib/server/assessments/score-notices.ts). */
export interface NoticeView {
  readonly at: Date;
  readonly kind: "regraded" | "adjusted";
  readonly oldScore: number | null;
  readonly newScore: number;
  readonly because: string;
}

const points = (n: number | null) => (n === null ? "ungraded" : String(Math.round(n * 1000) / 1000));

export function noticeText(n: NoticeView, maxScore: number | null): string {
  const out = maxScore ? ` of ${points(maxScore)}` : "";
  const what = n.kind === "regraded" ? "after a regrade" : "after a manual adjustment";
  return `Your score changed from ${points(n.oldScore)} to ${points(n.newScore)}${out} ${what} because ${n.because}`;
}
