#!/usr/bin/env node
/**
 * Two production instances of the app on one PostgreSQL database ($E2E_DATABASE_URL), on
 * 127.0.0.1:$E2E_PORT and :$E2E_PORT_B, like two app servers behind a load balancer: they share
 * nothing but the database, so a live interview only works across them through LISTEN/NOTIFY.
 * Migrates, builds when the build is stale, starts A, waits for it, then starts B (Playwright
 * waits for B's health URL).
 */
import { randomBytes } from "node:crypto";
import process from "node:process";
import { binary, build, buildNeeded, deployMigrations, done, reportFailure, ROOT, runForeground, step } from "../../../scripts/lib/setup.mjs";

const portA = process.env.E2E_PORT;
const portB = process.env.E2E_PORT_B;
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!portA || !portB || !databaseUrl) {
  console.error("E2E_PORT, E2E_PORT_B and E2E_DATABASE_URL must be set: run through `npm run test:e2e:pg`.");
  process.exit(1);
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  HOPWISE_SEED_DEMO: "0",
  HOPWISE_RATE_LIMITS: "off",
  NEXT_TELEMETRY_DISABLED: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

async function healthy(port) {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`instance on port ${port} did not become healthy`);
}

async function main() {
  process.chdir(ROOT);
  step("two-instance e2e database (PostgreSQL)");
  done(`Database ready (${await deployMigrations(env)})`);
  const reason = buildNeeded();
  if (reason) {
    step(`Building the app for e2e (${reason})…`);
    build(env);
  }
  const start = (port) => runForeground(binary("next"), ["start", "-H", "127.0.0.1", "-p", port], { ...env, NEXTAUTH_URL: `http://127.0.0.1:${port}` });
  const a = start(portA);
  await healthy(portA);
  const b = start(portB);
  return Promise.race([a, b]);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    reportFailure(error);
    process.exit(1);
  },
);
