/**
 * Time spent per question, read off an attempt's event log: the time between one save and the one
 * before it (or the start) goes to the questions whose answers that save changed, split evenly
 * when it changed several. Autosave runs every few seconds while a student types, so this tracks
 * where the time went without a clock in the browser. Time after the last save is not counted.
 */
import type { Answers, AttemptEvent } from "./attempt";

type Slots = Answers;
const same = (x: unknown, y: unknown) => x === y || JSON.stringify(x) === JSON.stringify(y);

function changedSlots(before: Slots, after: Slots): string[] {
  const slots = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...slots].filter((slot) => {
    const a = before[slot] ?? {};
    const b = after[slot] ?? {};
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].some((k) => !same(a[k], b[k]));
  }).sort();
}

/** Seconds per slot; a slot never changed by a save is absent. */
export function secondsPerSlot(events: readonly AttemptEvent[]): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  let previousAt: number | null = null;
  let answers: Slots = {};
  for (const e of events) {
    if (e.type === "started" || e.type === "reopened") {
      previousAt = e.at;
      continue;
    }
    if (e.type !== "saved") continue;
    const changed = changedSlots(answers, e.answers);
    if (previousAt !== null && changed.length > 0) {
      const each = Math.max(0, e.at - previousAt) / 1000 / changed.length;
      for (const slot of changed) out[slot] = (out[slot] ?? 0) + each;
    }
    answers = e.answers;
    previousAt = e.at;
  }
  return out;
}
