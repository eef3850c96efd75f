#!/usr/bin/env node
/**
 * `npm run size`: the bytes each page sends on a first visit, gzipped, against a budget per page.
 * Starts the production build (.next/, from `npm run build`) on a free loopback port with a
 * throwaway SQLite database, then fetches every page as a guest would: the HTML (which carries
 * the page's RSC payload inline), the JS and CSS it loads, and, for reference, the RSC payload of
 * a client-side navigation to it. A practice page and a results page (with its journey) come from
 * attempts started and submitted through the API. Exits 1 when a page is over its budget.
 *
 *   node scripts/page-weight.mjs [--json] [--suggest]
 *   --suggest prints budgets ~20% above this run's sizes, to paste into BUDGETS after a deliberate change.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import zlib from "node:zlib";
import { assetsOf, budgetFor, checkBudgets, formatReport } from "./lib/page-weight.mjs";
import { binary, deployMigrations, ROOT } from "./lib/setup.mjs";

/** Bytes, gzipped at level 6 as `next start` sends them; ~20% above what was measured (Dec 2026). */
const BUDGETS = {
  home: 232_000,
  scenarios: 242_000,
  scenario: 252_000,
  practice: 271_000,
  results: 303_000,
  drills: 247_000,
  progress: 240_000,
  "sign-in": 270_000,
};

const gz = (buffer) => zlib.gzipSync(buffer, { level: 6 }).length;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(base, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("next start did not answer within 60 s");
}

/** A guest's cookie jar: the hw_guest cookie the first POST /attempts sets. */
function guest(base) {
  let cookie = "";
  const request = async (url, init = {}) => {
    const response = await fetch(`${base}${url}`, {
      ...init,
      redirect: "manual",
      headers: { origin: base, ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) },
    });
    const set = response.headers.getSetCookie?.() ?? [];
    if (set.length > 0) cookie = set.map((c) => c.split(";")[0]).join("; ");
    return response;
  };
  return request;
}

async function json(response, what) {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

async function measure(request, name, url, lazy = []) {
  const page = await request(url, { headers: { accept: "text/html" } });
  if (page.status !== 200) throw new Error(`${name} (${url}): HTTP ${page.status}`);
  const html = await page.text();
  // The same URL shows practice or results: make sure each was measured in the state it names.
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  if ((name === "results" && !title.startsWith("Results")) || (name === "practice" && !title.startsWith("Practice"))) {
    throw new Error(`${name} (${url}) has the title "${title}"`);
  }
  // Next checks an RSC request's `_rsc` cache-busting parameter and redirects to the right one.
  let navigation = await request(url, { headers: { rsc: "1" } });
  const location = navigation.headers.get("location");
  if (navigation.status === 307 && location) navigation = await request(new URL(location, "http://x").pathname + new URL(location, "http://x").search, { headers: { rsc: "1" } });
  if (navigation.status !== 200) throw new Error(`${name} (${url}) RSC: HTTP ${navigation.status} ${navigation.headers.get("content-type")}`);
  const rsc = Buffer.from(await navigation.arrayBuffer());
  const { scripts, styles } = assetsOf(html);
  const sizeOf = async (paths) => {
    let total = 0;
    for (const p of paths) total += gz(Buffer.from(await (await request(p)).arrayBuffer()));
    return total;
  };
  const later = lazy.filter((p) => !scripts.includes(p) && !styles.includes(p));
  return { name, url, html: gz(Buffer.from(html)), rsc: gz(rsc), css: await sizeOf(styles), js: await sizeOf(scripts), lazy: await sizeOf(later) };
}

/** The next/dynamic chunks of an app page, from the build's react-loadable-manifest.json. */
function loadableChunks(entry) {
  const file = path.join(ROOT, ".next", "server", "app", entry, "page", "react-loadable-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  return [...new Set(Object.values(manifest).flatMap((m) => m.files))].map((f) => `/_next/${f}`);
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error("page-weight: no production build in .next/: run `npm run build` first");
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-size-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: `file:${path.join(dir, "size.db")}`,
    NEXTAUTH_SECRET: "page-weight-throwaway-secret-0123456789abcdef",
    NEXTAUTH_URL: base,
    HOPWISE_SEED_DEMO: "0",
    HOPWISE_RATE_LIMITS: "off",
    NEXT_TELEMETRY_DISABLED: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  await deployMigrations(env);
  const child = spawn(binary("next"), ["start", "-H", "127.0.0.1", "-p", String(port)], { cwd: ROOT, env, stdio: "ignore" });
  try {
    await waitUntilUp(base, child);
    const request = guest(base);
    const { scenarios } = await json(await request("/api/v1/scenarios"), "GET /api/v1/scenarios");
    // The scenario the README's figures and the accessibility tests use, when the catalogue has it.
    const scenarioId = (scenarios.find((s) => s.id === "browser-to-google") ?? scenarios[0]).id;
    const start = () =>
      request("/api/v1/attempts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId, difficulty: "intermediate" }) })
        .then((r) => json(r, "POST /api/v1/attempts"));
    const practice = await start();
    const submitted = await start();
    await json(await request(`/api/v1/attempts/${submitted.id}/submit`, { method: "POST" }), "POST submit");
    const pages = [
      ["home", "/"],
      ["scenarios", "/scenarios"],
      ["scenario", `/scenarios/${scenarioId}`],
      ["practice", `/practice/${practice.id}`],
      // The results fetch the journey (its own next/dynamic chunk) and the trace as soon as they show.
      ["results", `/practice/${submitted.id}`, [...loadableChunks("(learn)/practice/[attemptId]"), `/api/v1/attempts/${submitted.id}/trace`]],
      ["drills", "/drills"],
      ["progress", "/me"],
      ["sign-in", "/sign-in"],
    ];
    const measured = [];
    for (const [name, url, lazy] of pages) measured.push(await measure(request, name, url, lazy));
    const rows = checkBudgets(measured, BUDGETS);
    if (process.argv.includes("--suggest")) {
      console.log(JSON.stringify(Object.fromEntries(rows.map((r) => [r.name, budgetFor(r.total)])), null, 2));
    }
    if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
    else {
      console.log(`Bytes a first visit downloads, gzipped (html includes the inline RSC payload; "rsc nav" is a client-side navigation, not counted in total). Scenario: ${scenarioId}.`);
      console.log(formatReport(rows));
    }
    return rows.every((r) => r.pass) ? 0 : 1;
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`page-weight: ${error.message}`);
    process.exit(2);
  },
);
