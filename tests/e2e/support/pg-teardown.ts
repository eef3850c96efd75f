import { execFileSync } from "node:child_process";
import globalTeardown from "./global-teardown";

/** Drop the two-instance run's PostgreSQL database (made in playwright.pg.config.ts), then the usual cleanup. */
export default function pgTeardown(): void {
  const name = process.env.E2E_PG_DB;
  if (name) execFileSync(process.execPath, ["tests/e2e/support/pg-database.mjs", "drop", name], { stdio: "inherit" });
  globalTeardown();
}
