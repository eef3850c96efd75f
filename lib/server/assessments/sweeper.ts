/**
 * Attempts do not wait for their browser: every few seconds each app instance closes the attempts
 * whose deadline and grace have passed and grades any submitted attempt still ungraded (a crash
 * between submit and grading, say). Several instances sweeping at once is safe: every write is
 * conditional on the version it read (attempts.ts, grading.ts).
 */
import "server-only";
import { getDb } from "../db";
import { closeOverdueAttempts } from "./attempts";
import { gradeAssessmentAttempt } from "./grading";

export const SWEEP_INTERVAL_MS = 5_000;
/** A submitted attempt ungraded for this long is graded by the sweeper (its submit's own grading failed). */
const STUCK_AFTER_MS = 30_000;

export interface SweepReport {
  readonly closed: number;
  readonly graded: number;
}

/** One pass: close overdue attempts, then grade stuck ones. */
export async function sweepAttempts(now: number): Promise<SweepReport> {
  const closed = await closeOverdueAttempts(now);
  const stuck = await getDb().assessmentAttempt.findMany({
    where: { status: "submitted", gradedAt: null, submittedAt: { lt: new Date(now - STUCK_AFTER_MS) } },
    select: { id: true },
    take: 200,
  });
  let graded = 0;
  for (const { id } of stuck) if ((await gradeAssessmentAttempt(id, now)).graded) graded += 1;
  return { closed, graded };
}

let timer: NodeJS.Timeout | null = null;

/** Starts the sweep on this instance (once). */
export function scheduleAttemptSweep(log: (message: string) => void = console.error): void {
  if (timer) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepAttempts(Date.now())
      .catch((error: unknown) => log(`[assessments] sweep failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => { running = false; });
  }, SWEEP_INTERVAL_MS);
  timer.unref();
}
