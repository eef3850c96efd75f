/** Runs once when the server starts: a bad environment stops it with a clear message, not on the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("@/lib/server/start-up");
    checkEnvironmentOrExit();
    // Stale guests' practice is deleted at start-up and every few hours (docs/threat-model.md, "Storage").
    const { scheduleGuestCleanup } = await import("@/lib/server/practice/guest-retention");
    scheduleGuestCleanup();
  }
}
