/**
 * `npm run bench:http [-- --json] [-- --seconds N] [-- --instances N]`: the production build on
 * loopback under 50 concurrent connections: the grade endpoint (a complete google.com answer sheet
 * with three classic mistakes) against the trivial health endpoint of the same server. Prints
 * requests per second, p50 and p99 latency for both, their throughput ratio, and checks that the
 * number of stored gradings equals the number of successful grade responses (as a signed-in user:
 * anonymous gradings are not stored). Also reports the
 * first-load JavaScript of the practice page from the build output.
 *
 * Then a hostile run: /api/health under 10 connections while 8 more post scenarios to
 * /api/v1/simulate, half of them at the limits (30 flows of 20 steps: refused by the event cap
 * after the most work a request may cause), half the heaviest that is admitted (30 flows, a 3.5 MB
 * trace). It reports health's p99 (target < 250 ms; beside it, health's p99 under the same load
 * without the hostile requests) and the share of hostile requests refused
 * (a 422 naming a limit, or a 503 when the simulation queue is full). Rate limits are off for the
 * whole bench (HOPWISE_RATE_LIMITS=off): it measures throughput from one address, and the hostile
 * run measures the worker pool and the caps, not the 429s that would end it after 30 requests.
 *
 * The load comes from wrk when it is installed, else autocannon (scripts/lib/http-load.ts). The
 * server is one `next start`, or with --instances N that many sharing the port
 * (scripts/lib/instances.mjs). Everything runs on 127.0.0.1 with a throwaway SQLite database; the
 * load is bounded in time.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { loadScenarioFile } from "../lib/content/scenario-files";
import { buildAnswerKey, modelAnswers } from "../lib/grader";
import { signedInCookie } from "./lib/bench-session";
import { hostileScenarioYaml } from "./lib/hostile-scenarios";
import { load, loadGenerator, type LoadFigures, type LoadOptions } from "./lib/http-load";
import { wholeNumberOption } from "./lib/options";
import { benchAppEnv, buildAndMigrate, freePort, startApp, stopApp, waitForHealth } from "./lib/app-server";
import { ROOT } from "./lib/setup.mjs";

/**
 * better-sqlite3 as the Prisma adapter has it: the app's one copy. A direct dependency on another
 * version would be a second native module compiled from source on every `npm ci`.
 */
function adapterSqlite(): typeof import("better-sqlite3") {
  const adapter = createRequire(path.join(ROOT, "package.json")).resolve("@prisma/adapter-better-sqlite3");
  return createRequire(adapter)("better-sqlite3") as typeof import("better-sqlite3");
}

const CONNECTIONS = 50;

/** The targets, shown beside the figures (as `npm run bench` shows its own). */
const TARGETS: Readonly<Record<string, { text: string; met: (value: number) => boolean }>> = {
  "http.grade.p99_ms": { text: "< 100", met: (v) => v < 100 },
  "http.grade_to_health_throughput_ratio": { text: ">= 0.5", met: (v) => v >= 0.5 },
  "http.stored_equals_successful": { text: "= 1", met: (v) => v === 1 },
  "build.practice_first_load_js_gzip_kb": { text: "< 200", met: (v) => v >= 0 && v < 200 },
  "http.hostile.health_p99_ms": { text: "< 250", met: (v) => v < 250 },
};
const HOSTILE_HEALTH_CONNECTIONS = 10;
/** Connections for each kind of hostile request. */
const HOSTILE_CONNECTIONS = 4;
const SCENARIO = "browser-to-google";
const SEED = 1;

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

function countApiGradings(dbFile: string): number {
  const Database = adapterSqlite();
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

/** Refused answers (any status but 2xx) as a share of those answered. */
function share(figures: LoadFigures): number {
  const answered = figures.ok + figures.failed;
  return answered === 0 ? 0 : Number((figures.failed / answered).toFixed(3));
}

/** Health under load while hostile simulations run beside it (each load in its own folder, for wrk's files). */
async function hostileRun(base: string, seconds: number, dir: string) {
  const folder = (name: string) => fs.mkdtempSync(path.join(dir, `${name}-`));
  const body = (shape: Parameters<typeof hostileScenarioYaml>[0]) => JSON.stringify({ scenario: hostileScenarioYaml(shape), seed: 1 });
  const simulateAt = `${base}/api/v1/simulate`;
  const [health, atCaps, admitted] = await Promise.all([
    load({ url: `${base}/api/health`, connections: HOSTILE_HEALTH_CONNECTIONS, seconds, dir: folder("health") }),
    load({ url: simulateAt, connections: HOSTILE_CONNECTIONS, seconds, dir: folder("at-caps"), body: body({ flows: 30, stepsPerFlow: 20 }) }),
    load({ url: simulateAt, connections: HOSTILE_CONNECTIONS, seconds, dir: folder("admitted"), body: body({ flows: 30 }) }),
  ]);
  const answered = atCaps.ok + atCaps.failed + admitted.ok + admitted.failed;
  const refusedShare = answered === 0 ? 0 : Number(((atCaps.failed + admitted.failed) / answered).toFixed(3));
  return { health, atCaps, admitted, answered, refusedShare, p99: Math.max(atCaps.p99, admitted.p99) };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: "boolean" }, seconds: { type: "string" }, instances: { type: "string" } } });
  const seconds = wholeNumberOption("--seconds", values.seconds, 10, 3, 60);
  const instances = wholeNumberOption("--instances", values.instances, 1, 1, 16);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-bench-"));
  const dbFile = path.join(dir, "bench.db");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = benchAppEnv(`file:${dbFile}`, randomBytes(32).toString("base64url"), base);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  await buildAndMigrate(env, log);
  const server = startApp(port, env, instances);
  try {
    await waitForHealth(base, server);
    const body = gradeBody();
    // Gradings are stored only for signed-in users: load the endpoint as one (scripts/lib/bench-session.ts).
    const cookie = await signedInCookie(base);
    const probe = await fetch(`${base}/api/v1/grade`, { method: "POST", headers: { "content-type": "application/json", cookie }, body });
    if (!probe.ok) throw new Error(`the grade endpoint answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
    const generator = loadGenerator();
    const healthLoad: LoadOptions = { url: `${base}/api/health`, connections: CONNECTIONS, seconds, dir };
    const gradeLoad: LoadOptions = { url: `${base}/api/v1/grade`, connections: CONNECTIONS, seconds, dir, body, cookie };
    log(`${generator}: /api/health, then /api/v1/grade, ${seconds} s each with ${CONNECTIONS} connections, after a 2 s warm-up; ${instances} app instance${instances === 1 ? "" : "s"}...`);
    await load({ ...healthLoad, seconds: 2 });
    const health = await load(healthLoad);
    const warm = await load({ ...gradeLoad, seconds: 2 });
    // Every warm-up request has been answered, so nothing of it is still being stored.
    const before = countApiGradings(dbFile);
    const grade = await load(gradeLoad, warm);
    const stored = countApiGradings(dbFile) - before;
    log(`hostile: /api/health with ${HOSTILE_HEALTH_CONNECTIONS} connections while ${2 * HOSTILE_CONNECTIONS} post heavy scenarios to /api/v1/simulate, ${seconds} s...`);
    // The same health load without the hostile requests: on a busy machine, the comparison that counts.
    const calm = await load({ url: `${base}/api/health`, connections: HOSTILE_HEALTH_CONNECTIONS, seconds, dir });
    const hostile = await hostileRun(base, seconds, dir);
    const figures = {
      "http.health.requests_per_second": health.rps, "http.health.p50_ms": health.p50, "http.health.p99_ms": health.p99,
      "http.grade.requests_per_second": grade.rps, "http.grade.p50_ms": grade.p50, "http.grade.p99_ms": grade.p99,
      "http.grade.successful_responses": grade.ok, "http.grade.failed_responses": grade.failed, "http.grade.unanswered_requests": grade.unanswered,
      "http.grade.stored_gradings": stored, "http.grade_to_health_throughput_ratio": Number((grade.rps / health.rps).toFixed(3)),
      "http.stored_equals_successful": stored === grade.ok ? 1 : 0,
      "build.practice_first_load_js_gzip_kb": firstLoadJs() ?? -1,
      "http.calm.health_p99_ms": calm.p99, "http.hostile.health_p50_ms": hostile.health.p50, "http.hostile.health_p99_ms": hostile.health.p99,
      "http.hostile.simulate_requests": hostile.answered, "http.hostile.simulate_p99_ms": hostile.p99,
      "http.hostile.refused_share": hostile.refusedShare, "http.hostile.at_caps_refused_share": share(hostile.atCaps), "http.hostile.admitted_kind_refused_share": share(hostile.admitted),
    };
    const meta = {
      node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), load_average_1m: os.loadavg()[0] ?? 0,
      load_generator: generator, instances, connections: CONNECTIONS, seconds, date: new Date().toISOString(),
    };
    const targets = Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, { target: t.text, met: t.met(figures[k as keyof typeof figures]) }]));
    if (values.json) console.log(JSON.stringify({ meta, ...figures, targets }, null, 2));
    else {
      console.log(`hopwise bench:http  ${meta.date}  (${meta.cpus} CPUs, load ${meta.load_average_1m.toFixed(2)}, ${generator}, ${instances} instance${instances === 1 ? "" : "s"}, ${CONNECTIONS} connections, ${seconds} s each)`);
      for (const [k, v] of Object.entries(figures)) {
        const t = targets[k];
        console.log(`${k.padEnd(44)} ${String(v).padStart(10)}  ${(t?.target ?? "").padEnd(8)}${t ? (t.met ? "ok" : "MISSED") : ""}`.trimEnd());
      }
    }
    return stored === grade.ok ? 0 : 1;
  } finally {
    await stopApp(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`bench:http: ${(e as Error).message}\n`);
  process.exit(1);
});
