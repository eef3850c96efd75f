/**
 * The live interview across two app instances sharing one PostgreSQL database (TEST_POSTGRES_URL):
 * the interviewer's browser talks to instance A, the candidate's to instance B, so every live
 * update crosses instances through LISTEN/NOTIFY. Run with `npm run test:e2e:pg` (skipped without
 * TEST_POSTGRES_URL). The database is created here and dropped by the global teardown.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

if (!process.env.TEST_POSTGRES_URL) throw new Error("TEST_POSTGRES_URL is not set: the two-instance run needs a PostgreSQL server");
process.env.E2E_PORT_B ||= freePort();
process.env.E2E_PG_DB ||= `hopwise_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
process.env.E2E_DATABASE_URL ||= execFileSync(process.execPath, ["tests/e2e/support/pg-database.mjs", "create", process.env.E2E_PG_DB], { encoding: "utf8" }).trim();
process.env.E2E_CANDIDATE_BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT_B}`;
const portA = process.env.E2E_PORT!;

export default defineConfig({
  ...base,
  testMatch: ["interview-live.spec.ts"],
  globalTeardown: "./tests/e2e/support/pg-teardown.ts",
  webServer: {
    command: "node tests/e2e/support/serve-two.mjs",
    url: `http://127.0.0.1:${process.env.E2E_PORT_B}/api/health`,
    env: { E2E_PORT: portA, E2E_PORT_B: process.env.E2E_PORT_B, E2E_DATABASE_URL: process.env.E2E_DATABASE_URL },
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
