#!/usr/bin/env node
/** `npm run test:e2e:pg`: the live interview on two app instances and PostgreSQL, or a skip notice without TEST_POSTGRES_URL. */
import { spawnSync } from "node:child_process";

if (!process.env.TEST_POSTGRES_URL) {
  console.log("Two-instance interview e2e skipped: set TEST_POSTGRES_URL (a role with CREATEDB) to run it.");
  process.exit(0);
}
const run = spawnSync("npx", ["playwright", "test", "-c", "playwright.pg.config.ts", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
