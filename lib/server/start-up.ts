/** Start-up checks run from instrumentation.ts, in the Node.js runtime only. */
import "server-only";
import { EnvError, getEnv } from "./env";

/** Validate the environment; on a problem, say what is wrong and stop the server. */
export function checkEnvironmentOrExit(): void {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n✖ Hopwise cannot start. ${error.message}\n`);
    process.exit(1);
  }
}
