/** Runs once when the server starts: a bad environment stops it with a clear message, not on the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("@/lib/server/start-up");
    checkEnvironmentOrExit();
  }
}
