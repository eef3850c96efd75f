/** Small display helpers shared by the staff pages (pure, usable on the server and in the browser). */
import type { LiveState } from "@/lib/assessment/live";

export const LIVE_STATE_LABELS: Readonly<Record<LiveState, string>> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  submitted: "Submitted",
  late: "Submitted late",
  "auto-submitted": "Closed at the deadline",
};

/** "1:05:09", "4:07", "0:00": a duration as a clock. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A percent for a table cell: "72.5 %"; null as an empty dash. */
export function formatPercent(p: number | null): string {
  if (p === null) return "–";
  return `${Number.isInteger(p) ? p : p.toFixed(1)} %`;
}
