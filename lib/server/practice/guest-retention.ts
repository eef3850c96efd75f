/**
 * Guests' practice is kept while they use it: a guest (no account, a signed `hw_guest` cookie)
 * whose attempts and drills have all gone untouched for GUEST_IDLE_DAYS is deleted. Signed-in
 * users' data is never touched. Runs at start-up and every CLEANUP_INTERVAL_MS (instrumentation.ts);
 * several instances may run it at once: deletes are idempotent.
 *
 * Rows changed after the cut-off are never deleted, even if their guest was picked as stale a
 * moment before (the delete repeats the cut-off), so a guest coming back mid-run keeps new work.
 */
import "server-only";
import { getDb } from "../db";

/** A guest's practice goes after this many days without a saved answer, a submission or a drill. */
export const GUEST_IDLE_DAYS = 30;
export const CLEANUP_INTERVAL_MS = 6 * 60 * 60 * 1000;
const BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeReport {
  readonly guests: number;
  readonly attempts: number;
  readonly drills: number;
}

/** Guest ids with rows, and whether any of their rows is newer than the cut-off. */
async function guestActivity(cutoff: Date): Promise<{ stale: string[] }> {
  const db = getDb();
  const unclaimed = { userId: null, guestId: { not: null } } as const;
  const [attempts, drills] = await Promise.all([
    db.attempt.groupBy({ by: ["guestId"], where: unclaimed, _max: { updatedAt: true } }),
    db.drillAttempt.groupBy({ by: ["guestId"], where: unclaimed, _max: { createdAt: true } }),
  ]);
  const last = new Map<string, number>();
  const see = (id: string | null, at: Date | null | undefined) => {
    if (id && at) last.set(id, Math.max(last.get(id) ?? 0, at.getTime()));
  };
  for (const a of attempts) see(a.guestId, a._max.updatedAt);
  for (const d of drills) see(d.guestId, d._max.createdAt);
  return { stale: [...last].filter(([, t]) => t < cutoff.getTime()).map(([id]) => id) };
}

/** Deletes the practice of guests idle for `idleDays` as of `now`. */
export async function purgeStaleGuests(now: Date, idleDays = GUEST_IDLE_DAYS): Promise<PurgeReport> {
  const cutoff = new Date(now.getTime() - idleDays * DAY_MS);
  const { stale } = await guestActivity(cutoff);
  const db = getDb();
  let attempts = 0;
  let drills = 0;
  for (let i = 0; i < stale.length; i += BATCH) {
    const guestIds = stale.slice(i, i + BATCH);
    const [a, d] = await db.$transaction([
      db.attempt.deleteMany({ where: { guestId: { in: guestIds }, userId: null, updatedAt: { lt: cutoff } } }),
      db.drillAttempt.deleteMany({ where: { guestId: { in: guestIds }, userId: null, createdAt: { lt: cutoff } } }),
    ]);
    attempts += a.count;
    drills += d.count;
  }
  return { guests: stale.length, attempts, drills };
}

let timer: ReturnType<typeof setInterval> | null = null;

/** Runs the purge now and then every CLEANUP_INTERVAL_MS (once per process; the timer never keeps it alive). */
export function scheduleGuestCleanup(log: (message: string) => void = console.log): void {
  if (timer) return;
  const run = () => {
    purgeStaleGuests(new Date()).then(
      (r) => { if (r.guests > 0) log(`Removed the practice of ${r.guests} guest(s) idle for ${GUEST_IDLE_DAYS} days (${r.attempts} attempts, ${r.drills} drills)`); },
      (error: unknown) => console.error("Guest cleanup failed:", error),
    );
  };
  run();
  timer = setInterval(run, CLEANUP_INTERVAL_MS);
  timer.unref();
}
