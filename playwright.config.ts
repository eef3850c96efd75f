/**
 * End-to-end tests against the production build (tests/e2e/support/serve.mjs): a free loopback
 * port, a fresh SQLite database, Debian's Chromium when installed (Playwright cannot download its
 * own browser on our machines).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** A port nobody listens on right now, chosen once and shared with the workers through the env. */
function freePort(): string {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

process.env.E2E_PORT ||= freePort();
// A fresh folder for this run's SQLite database, removed by the global teardown.
process.env.E2E_DATA_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-e2e-"));
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/e2e/support/global-teardown.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(fs.existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
          args: [
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-gpu",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node tests/e2e/support/serve.mjs",
    url: `${baseURL}/api/health`,
    env: { E2E_PORT: port, E2E_DATA_DIR: process.env.E2E_DATA_DIR },
    reuseExistingServer: false,
    // A cold `next build` on a 2-core machine takes a few minutes.
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
