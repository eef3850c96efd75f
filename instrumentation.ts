/** Runs once when the server starts: a bad environment stops it with a clear message, not on the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("@/lib/server/start-up");
    checkEnvironmentOrExit();
    // Stale guests' practice is deleted at start-up and every few hours (docs/threat-model.md, "Storage").
    const { scheduleGuestCleanup } = await import("@/lib/server/practice/guest-retention");
    scheduleGuestCleanup();
    // Attempts whose time ran out are submitted and graded by the server, browser or not.
    const { scheduleAttemptSweep } = await import("@/lib/server/assessments/sweeper");
    scheduleAttemptSweep();
    // Rate limits key on the client address, which only the HTTP server's socket knows.
    const { installClientAddressHook } = await import("@/lib/server/http/client-address");
    installClientAddressHook();
    // Bundle the worker and start the simulation, grading (and, with cores to spare, assessment) threads before the first request needs them.
    const { warmPool } = await import("@/lib/server/simulation-pool/pool");
    const { assessmentWorkInline } = await import("@/lib/server/http/limits");
    const pools = assessmentWorkInline() ? (["simulate", "grade"] as const) : (["simulate", "grade", "assessment"] as const);
    void Promise.all(pools.map((pool) => warmPool(pool))).catch((error: unknown) => console.error("[pool] could not start:", error));
  }
}
