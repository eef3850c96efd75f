/**
 * `npm run bench:http [-- --json] [-- --seconds N]`: the production build on loopback, loaded by
 * autocannon with 50 concurrent connections: the grade endpoint (a complete google.com answer sheet
 * with three classic mistakes) against the trivial health endpoint of the same server. Prints
 * requests per second, p50 and p99 latency for both, their throughput ratio, and checks that the
 * number of stored gradings equals the number of successful grade responses. Also reports the
 * first-load JavaScript of the practice page from the build output.
 *
 * Everything runs on 127.0.0.1 with a throwaway SQLite database; the load is bounded in time.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { loadScenarioFile } from "../lib/content/scenario-files";
import { buildAnswerKey, modelAnswers } from "../lib/grader";
import { binary, build, buildNeeded, deployMigrations, ROOT } from "./lib/setup.mjs";

const CONNECTIONS = 50;
const SCENARIO = "browser-to-google";
const SEED = 1;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not become healthy in time");
}

function gradeBody(): string {
  const loaded = loadScenarioFile(path.join(ROOT, "content/scenarios", `${SCENARIO}.yaml`));
  if (!loaded.ok) throw new Error(`${SCENARIO} does not load`);
  const key = buildAnswerKey(loaded.scenario, SEED, "advanced");
  const answers: Record<string, unknown> = { ...modelAnswers(key) };
  const ttl = key.blanks.find((b) => b.id === "first-visit/tcp.syn@home-router/ip.ttl")!;
  answers[ttl.id] = String(Number(ttl.expected) + 1);
  answers["first-visit/tcp.syn@home-router/eth.src"] = key.blanks.find((b) => b.id === "first-visit/tcp.syn@laptop/eth.src")!.expected;
  answers["first-visit/tcp.syn-ack@home-router/dst"] = key.blanks.find((b) => b.id === "first-visit/tcp.syn@home-router/src")!.expected;
  return JSON.stringify({ scenarioId: SCENARIO, seed: SEED, difficulty: "advanced", answers });
}

interface Figures { rps: number; p50: number; p99: number; ok: number; errors: number; non2xx: number }

/**
 * Loads an endpoint for `seconds`, or for exactly `amount` requests: a fixed count lets every
 * response arrive before the run ends, so the stored gradings can be compared exactly.
 */
function load(url: string, seconds: number, opts: { method?: "GET" | "POST"; body?: string; amount?: number }): Promise<Figures> {
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections: CONNECTIONS, ...(opts.amount ? { amount: opts.amount } : { duration: seconds }), method: opts.method ?? "GET", body: opts.body,
      headers: opts.body ? { "content-type": "application/json" } : {},
    }, (err, r) => {
      if (err) return reject(err);
      resolve({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, ok: r["2xx"], errors: r.errors + r.timeouts, non2xx: r.non2xx });
    });
  });
}

function countApiGradings(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM Attempt WHERE mode = 'api'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function firstLoadJs(): number | null {
  const script = path.join(ROOT, "scripts/first-load-js.mjs");
  if (!fs.existsSync(script)) return null;
  const r = spawnSync(process.execPath, [script, "--json"], { cwd: ROOT, encoding: "utf8" });
  try {
    return (JSON.parse(r.stdout) as { gzipKb: number }).gzipKb;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: "boolean" }, seconds: { type: "string" } } });
  const seconds = Math.min(60, Math.max(3, Number(values.seconds ?? 10)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-bench-"));
  const dbFile = path.join(dir, "bench.db");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: "production" as const, DATABASE_URL: `file:${dbFile}`, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: base, HOPWISE_SEED_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const reason = buildNeeded();
  if (reason) {
    log(`building the app (${reason})...`);
    build(env);
  }
  await deployMigrations(env);
  const server = spawn(binary("next"), ["start", "-H", "127.0.0.1", "-p", String(port)], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitForHealth(base, server);
    const body = gradeBody();
    const probe = await fetch(`${base}/api/v1/grade`, { method: "POST", headers: { "content-type": "application/json" }, body });
    if (!probe.ok) throw new Error(`the grade endpoint answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
    log(`loading /api/health for ${seconds} s with ${CONNECTIONS} connections...`);
    await load(`${base}/api/health`, 2, {});
    const health = await load(`${base}/api/health`, seconds, {});
    // Size the graded run from a short probe so it lasts about as long as the health run.
    const warm = await load(`${base}/api/v1/grade`, 2, { method: "POST", body, amount: CONNECTIONS * 4 });
    const amount = Math.max(CONNECTIONS * 4, Math.round(warm.rps * seconds));
    log(`loading /api/v1/grade with ${amount} requests over ${CONNECTIONS} connections...`);
    const before = countApiGradings(dbFile);
    const grade = await load(`${base}/api/v1/grade`, seconds, { method: "POST", body, amount });
    const stored = countApiGradings(dbFile) - before;
    const figures = {
      "http.health.requests_per_second": health.rps, "http.health.p50_ms": health.p50, "http.health.p99_ms": health.p99,
      "http.grade.requests_per_second": grade.rps, "http.grade.p50_ms": grade.p50, "http.grade.p99_ms": grade.p99,
      "http.grade.successful_responses": grade.ok, "http.grade.failed_responses": grade.non2xx + grade.errors,
      "http.grade.stored_gradings": stored, "http.grade_to_health_throughput_ratio": Number((grade.rps / health.rps).toFixed(3)),
      "http.stored_equals_successful": stored === grade.ok ? 1 : 0,
      "build.practice_first_load_js_gzip_kb": firstLoadJs() ?? -1,
    };
    const meta = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), load_average_1m: os.loadavg()[0] ?? 0, connections: CONNECTIONS, seconds, date: new Date().toISOString() };
    const targets = { "http.grade.p99_ms": "< 100", "http.grade_to_health_throughput_ratio": ">= 0.5", "http.stored_equals_successful": "= 1", "build.practice_first_load_js_gzip_kb": "< 200" };
    if (values.json) console.log(JSON.stringify({ meta, ...figures, targets }, null, 2));
    else {
      console.log(`hopwise bench:http  ${meta.date}  (${meta.cpus} CPUs, load ${meta.load_average_1m.toFixed(2)}, ${CONNECTIONS} connections, ${seconds} s each)`);
      for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(44)} ${String(v).padStart(10)}  ${(targets as Record<string, string>)[k] ?? ""}`);
    }
    return stored === grade.ok ? 0 : 1;
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`bench:http: ${(e as Error).message}\n`);
  process.exit(1);
});
