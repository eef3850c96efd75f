/** Start-up checks run from instrumentation.ts, in the Node.js runtime only. */
import "server-only";
import { EnvError, getEnv } from "./env";
import { checkLimitSettings, LimitSettingError } from "./http/limits";
import { checkRateLimitSettings } from "./http/rate-limit-settings";

/** Validate the environment; on a problem, say what is wrong and stop the server. */
export function checkEnvironmentOrExit(): void {
  try {
    getEnv();
    checkLimitSettings();
    checkRateLimitSettings();
  } catch (error) {
    if (!(error instanceof EnvError) && !(error instanceof LimitSettingError)) throw error;
    console.error(`\n✖ Hopwise cannot start. ${error.message}\n`);
    process.exit(1);
  }
}
