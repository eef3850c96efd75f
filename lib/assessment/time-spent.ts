/**
 * Time a student spent on an attempt, in total and per question, estimated from its event log:
 * the attempt's working time is every stretch from "started" (or "reopened") to "submitted" (or
 * to `end` for the stretch still open: the deadline an overdue attempt was closed at, or now), and
 * each stretch between two autosaves is credited to the questions whose answers that save carried
 * (split evenly when it carried several). Autosaves only carry what changed, so the time a student
 * spent reading before typing goes to the question they then answered. Time after the last save
 * of a stretch is counted in the total but not given to any question.
 */
import type { AttemptEvent } from "./attempt";

export interface TimeSpent {
  readonly totalMs: number;
  readonly bySlot: Readonly<Record<string, number>>;
}

export function timeSpent(events: readonly AttemptEvent[], end: number): TimeSpent {
  let totalMs = 0;
  const bySlot: Record<string, number> = {};
  let openSince: number | null = null;
  let lastMark: number | null = null;
  for (const event of events) {
    switch (event.type) {
      case "started":
      case "reopened":
        if (openSince === null) openSince = lastMark = event.at;
        break;
      case "saved": {
        if (openSince === null || lastMark === null) break;
        const slots = Object.keys(event.answers);
        const share = slots.length > 0 ? (event.at - lastMark) / slots.length : 0;
        for (const slot of slots) bySlot[slot] = (bySlot[slot] ?? 0) + share;
        lastMark = event.at;
        break;
      }
      case "submitted":
        if (openSince !== null) totalMs += event.at - openSince;
        openSince = lastMark = null;
        break;
      default:
        break;
    }
  }
  if (openSince !== null) totalMs += Math.max(0, end - openSince);
  for (const slot of Object.keys(bySlot)) bySlot[slot] = Math.round(bySlot[slot]!);
  return { totalMs, bySlot };
}
