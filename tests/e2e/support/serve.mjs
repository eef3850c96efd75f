#!/usr/bin/env node
/**
 * Playwright's web server: the production build on 127.0.0.1:$E2E_PORT with a fresh, migrated
 * SQLite database in $E2E_DATA_DIR and a throwaway secret. Builds first when the
 * build is missing or older than the sources (`npm run test:all` has just built, so it reuses that).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import {
  binary,
  build,
  buildNeeded,
  deployMigrations,
  done,
  reportFailure,
  ROOT,
  runForeground,
  step,
} from "../../../scripts/lib/setup.mjs";

const port = process.env.E2E_PORT;
if (!port) {
  console.error("E2E_PORT is not set: start the e2e server through `npx playwright test`.");
  process.exit(1);
}

// playwright.config.ts makes the folder and its global teardown removes it (Playwright may stop this
// server with SIGKILL, so it cannot be trusted to clean up after itself).
const dir = process.env.E2E_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-e2e-"));
fs.mkdirSync(dir, { recursive: true });

const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  HOPWISE_SEED_DEMO: "0",
  // Every spec signs in from 127.0.0.1; the limits are tested in tests/server/rate-limits.test.ts.
  HOPWISE_RATE_LIMITS: "off",
  NEXT_TELEMETRY_DISABLED: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

async function main() {
  process.chdir(ROOT);
  step(`e2e database: ${env.DATABASE_URL}`);
  done(`Database ready (${await deployMigrations(env)})`);
  const reason = buildNeeded();
  if (reason) {
    step(`Building the app for e2e (${reason})…`);
    build(env);
  }
  return runForeground(binary("next"), ["start", "-H", "127.0.0.1", "-p", port], env);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    reportFailure(error);
    process.exit(1);
  },
);
