/**
 * `npm run bench:gradebook -- [--students 500] [--assessments 10] [--seeds per-student|shared]
 * [--requests 5] [--json]`: what an instructor of a large class waits for, over HTTP against the
 * production build. Seeds a fresh SQLite database with a graded class (scripts/lib/gradebook-seed.ts:
 * every student has a graded attempt of two questions on every assessment), starts `next start` on
 * loopback, makes the instructor a session, then times:
 *  - the gradebook page (`requests` times after one warm-up: p50, p99, time to first byte, bytes);
 *  - the misconception page (the same);
 *  - the gradebook CSV and the per-field CSV downloads (whole body: time, TTFB, bytes);
 * and the app process's peak RSS (VmHWM, reset before the exports) while the exports stream.
 * Targets (issue 12): page < 1 s server time, export < 5 s, memory bounded. On loopback the
 * response time is the server time plus a few milliseconds of transfer.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, setDbForTests } from "../lib/server/db";
import { resolveDatabaseTarget } from "../lib/server/database-target";
import { benchAppEnv, buildAndMigrate, freePort, startApp, stopApp, waitForHealth } from "./lib/app-server";
import { sessionCookieFor } from "./lib/db-session";
import { seedGradebookClass, type SeedMode } from "./lib/gradebook-seed";
import { wholeNumberOption } from "./lib/options";
import { peakRssMb, resetPeakRss } from "./lib/process-memory";

const log = (m: string) => process.stderr.write(`${m}\n`);

interface Timed {
  readonly ms: number;
  readonly ttfbMs: number;
  readonly bytes: number;
}

/** One GET, timed to its first byte (headers) and to its last; fails on any status but 200. */
async function timedGet(url: string, cookie: string): Promise<Timed> {
  const start = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const ttfbMs = performance.now() - start;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return { ms: performance.now() - start, ttfbMs, bytes };
}

const round = (ms: number) => Math.round(ms);
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
};

/** A page fetched once to warm it, then `n` times: p50, p99 (of n), median TTFB, bytes. */
async function timePage(url: string, cookie: string, n: number) {
  await timedGet(url, cookie);
  const runs: Timed[] = [];
  for (let i = 0; i < n; i++) runs.push(await timedGet(url, cookie));
  return { p50_ms: percentile(runs.map((r) => r.ms), 50), p99_ms: percentile(runs.map((r) => r.ms), 99), ttfb_p50_ms: percentile(runs.map((r) => r.ttfbMs), 50), bytes: runs[0]!.bytes };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: "boolean" }, students: { type: "string" }, assessments: { type: "string" }, requests: { type: "string" }, seeds: { type: "string" } } });
  const students = wholeNumberOption("--students", values.students, 500, 1, 20_000);
  const assessments = wholeNumberOption("--assessments", values.assessments, 10, 1, 200);
  const requests = wholeNumberOption("--requests", values.requests, 5, 1, 100);
  const seeds = (values.seeds ?? "per-student") as SeedMode;
  if (seeds !== "per-student" && seeds !== "shared") throw new Error("--seeds is per-student (each student's own variant, the default) or shared");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-bench-gradebook-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  const secret = randomBytes(32).toString("base64url");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = benchAppEnv(url, secret, base);
  const db = createDb(resolveDatabaseTarget({ DATABASE_URL: url }));
  let server: ChildProcess | null = null;
  try {
    await buildAndMigrate(env, log);
    setDbForTests(db);
    const seedStart = performance.now();
    log(`seeding ${students} students x ${assessments} assessments (${seeds} seeds)...`);
    const seeded = await seedGradebookClass(db, students, assessments, seeds);
    const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
    const cookie = await sessionCookieFor(db, seeded.instructor, secret);
    server = startApp(port, env);
    await waitForHealth(base, server);
    const course = `${base}/teach/courses/${seeded.courseId}`;
    log(`timing the gradebook and misconception pages (${requests} requests each after a warm-up)...`);
    const gradebookPage = await timePage(`${course}/gradebook`, cookie, requests);
    const misconceptionsPage = await timePage(`${course}/misconceptions`, cookie, requests);
    log("timing the gradebook and per-field CSV downloads...");
    const exports = `${base}/api/v1/courses/${seeded.courseId}/exports`;
    await timedGet(`${exports}/gradebook.csv`, cookie); // warm the route
    resetPeakRss(server.pid!);
    const rssBeforeExportsMb = peakRssMb(server.pid!);
    const gradebookCsv = await timedGet(`${exports}/gradebook.csv`, cookie);
    const fieldsCsv = await timedGet(`${exports}/fields.csv`, cookie);
    const peakDuringExportsMb = peakRssMb(server.pid!);
    const figures = {
      "gradebook.seed_seconds": seedSeconds,
      "gradebook.page.p50_ms": gradebookPage.p50_ms, "gradebook.page.p99_ms": gradebookPage.p99_ms,
      "gradebook.page.ttfb_p50_ms": gradebookPage.ttfb_p50_ms, "gradebook.page.bytes": gradebookPage.bytes,
      "gradebook.misconceptions_page.p50_ms": misconceptionsPage.p50_ms, "gradebook.misconceptions_page.p99_ms": misconceptionsPage.p99_ms,
      "gradebook.misconceptions_page.ttfb_p50_ms": misconceptionsPage.ttfb_p50_ms, "gradebook.misconceptions_page.bytes": misconceptionsPage.bytes,
      "gradebook.csv.ms": round(gradebookCsv.ms), "gradebook.csv.ttfb_ms": round(gradebookCsv.ttfbMs), "gradebook.csv.bytes": gradebookCsv.bytes,
      "gradebook.fields_csv.ms": round(fieldsCsv.ms), "gradebook.fields_csv.ttfb_ms": round(fieldsCsv.ttfbMs), "gradebook.fields_csv.bytes": fieldsCsv.bytes,
      "gradebook.app_rss_before_exports_mb": rssBeforeExportsMb, "gradebook.app_peak_rss_during_exports_mb": peakDuringExportsMb,
    };
    const targets: Record<string, { target: string; met: boolean }> = {
      "gradebook.page.p99_ms": { target: "< 1000", met: gradebookPage.p99_ms < 1000 },
      "gradebook.misconceptions_page.p99_ms": { target: "< 1000", met: misconceptionsPage.p99_ms < 1000 },
      "gradebook.csv.ms": { target: "< 5000", met: gradebookCsv.ms < 5000 },
      "gradebook.fields_csv.ms": { target: "< 5000", met: fieldsCsv.ms < 5000 },
    };
    const meta = {
      node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), load_average_1m: os.loadavg()[0] ?? 0,
      students, assessments, attempts: students * assessments, seeds, requests, database: "sqlite", date: new Date().toISOString(),
    };
    if (values.json) console.log(JSON.stringify({ meta, ...figures, targets }, null, 2));
    else {
      console.log(`hopwise bench:gradebook  ${meta.date}  (${meta.cpus} CPUs, load ${meta.load_average_1m.toFixed(2)}, ${students} students x ${assessments} assessments, ${seeds} seeds, over HTTP)`);
      for (const [k, v] of Object.entries(figures)) {
        const t = targets[k];
        console.log(`${k.padEnd(44)} ${String(v).padStart(10)}  ${(t?.target ?? "").padEnd(8)}${t ? (t.met ? "ok" : "MISSED") : ""}`.trimEnd());
      }
    }
    return 0;
  } finally {
    if (server) await stopApp(server);
    setDbForTests(undefined);
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`bench:gradebook: ${(e as Error).message}\n`);
  process.exit(1);
});
