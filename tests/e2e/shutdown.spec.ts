/**
 * `npm start` stops cleanly: SIGTERM (or SIGINT) to the `npm` process while gradings are being
 * answered. Every grading acknowledged (200 with its attempt's id) is in the database afterwards,
 * the requests in flight finish, and no process of the start is left behind. Runs its own
 * `npm start` (on the build Playwright's web server has just made) on a free loopback port.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import Database from "better-sqlite3";

const ROOT = path.resolve(__dirname, "../..");
const PASSWORD = "a long enough password";
const GRADINGS = 30;
/** SIGTERM goes out once this many gradings have been answered; the rest are still in flight. */
const ANSWERED_BEFORE_SIGNAL = 6;
/** Complete answers that store nothing: a rate limit's 429 is a refusal, not a half-finished request. */
const CLEAN_REFUSALS = new Set<number | string>(["refused", 429]);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Every process below `pid` (children, grandchildren, ...). */
function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when there are none
  }
  const children = out.split("\n").map((l) => Number(l.trim())).filter((n) => n > 0);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`${signal} to npm start: acknowledged gradings are stored, in-flight ones finish, no process is left`, async () => {
    test.setTimeout(180_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-shutdown-"));
    const dbFile = path.join(dir, "shutdown.db");
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${dbFile}`,
      NEXTAUTH_SECRET: "shutdown-test-secret-0123456789abcdefghij",
      NEXTAUTH_URL: baseURL,
      HOPWISE_SEED_DEMO: "0",
    };
    let log = "";
    // Own process group, so a failing test can still clean up everything it started.
    const npm = spawn("npm", ["start"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    npm.stdout!.on("data", (chunk) => (log += chunk));
    npm.stderr!.on("data", (chunk) => (log += chunk));
    try {
      await waitFor(
        "the server to answer /api/health",
        async () => {
          if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${log}`);
          return fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
        },
        120_000,
      );
      expect(log, "a start that reuses the build").toContain("Build is up to date");
      const before = descendants(npm.pid!);
      expect(before.length).toBeGreaterThanOrEqual(2);

      // A signed-in learner: their gradings are stored and count towards mastery.
      const api = await playwrightRequest.newContext({ baseURL });
      const email = `shutdown-${signal.toLowerCase()}@example.com`;
      expect((await api.post("/api/v1/auth/sign-up", { data: { email, password: PASSWORD } })).status()).toBe(201);
      const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
      await api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: PASSWORD, json: "true" } });
      expect((await api.get("/api/v1/me/progress")).status()).toBe(200);

      let answered = 0;
      let signalled = false;
      const acknowledged: string[] = [];
      const gradings = Array.from({ length: GRADINGS }, async (_, i) => {
        const response = await api
          .post("/api/v1/grade", { data: { scenarioId: "browser-to-google", seed: i + 1, difficulty: "beginner", answers: {} } })
          .catch(() => null);
        if (response?.status() === 200) {
          const location = response.headers()["content-location"] ?? "";
          acknowledged.push(location.slice(location.lastIndexOf("/") + 1));
        }
        if (++answered === ANSWERED_BEFORE_SIGNAL && !signalled) {
          signalled = true;
          process.kill(npm.pid!, signal);
        }
        return response?.status() ?? "refused";
      });
      const statuses = await Promise.all(gradings);
      const result = await Promise.race([exited(npm), new Promise((r) => setTimeout(() => r("still running"), 30_000))]);
      expect(result, `npm start did not stop:\n${log}`).not.toBe("still running");
      await api.dispose();

      // No process of the start is left (the parent-watch in scripts/lib/processes.mjs reacts within a second).
      await waitFor("every process of the start to exit", () => before.every((pid) => !alive(pid)), 20_000);
      await expect(fetch(`${baseURL}/api/health`)).rejects.toThrow();

      // Every acknowledged grading is stored; those in flight at the signal were answered, not dropped.
      expect(acknowledged.length, `statuses: ${statuses.join(",")}`).toBeGreaterThan(ANSWERED_BEFORE_SIGNAL);
      expect(statuses.filter((s) => s !== 200 && !CLEAN_REFUSALS.has(s)), "no request failed half-way").toEqual([]);
      const db = new Database(dbFile, { readonly: true });
      const stored = new Set(
        (db.prepare(`SELECT id FROM "Attempt" WHERE mode = 'api'`).all() as { id: string }[]).map((r) => r.id),
      );
      db.close();
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      if (npm.exitCode === null && npm.signalCode === null) {
        try {
          process.kill(-npm.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
