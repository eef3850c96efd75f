#!/usr/bin/env node
/**
 * First-load JS of an App Router page, from the production build in .next/ (Next 16 no longer
 * prints it): the JavaScript a browser downloads on a first visit, i.e. the root main files of
 * build-manifest.json plus the entry chunks of the page and of every layout above it (from the
 * page's client reference manifest; app-build-manifest.json on webpack builds). Chunks loaded
 * later (next/dynamic, other routes) do not count. Sizes are gzip level 9, in kB (1000 bytes),
 * as `next build` used to report them.
 *
 *   node scripts/first-load-js.mjs [route] [--budget kB] [--json]
 *   route: a URL pattern such as /practice/[attemptId] (the default), or an entry such as
 *          /(learn)/practice/[attemptId]/page. With --budget, exits 1 when the total is over it.
 */
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import vm from "node:vm";
import zlib from "node:zlib";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const NEXT = path.join(ROOT, ".next");

function fail(message) {
  console.error(`first-load-js: ${message}`);
  process.exit(2);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(NEXT, file), "utf8"));
  } catch {
    return null;
  }
}

const args = process.argv.slice(2);
const budgetAt = args.indexOf("--budget");
const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : null;
const asJson = args.includes("--json");
const route = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--budget") ?? "/practice/[attemptId]";

const build = readJson("build-manifest.json");
if (!build) fail("no .next/build-manifest.json: run `npm run build` first");

/** The app entry ("/(learn)/practice/[attemptId]/page") of a URL pattern ("/practice/[attemptId]"). */
function entryOf(pattern) {
  if (pattern.endsWith("/page")) return pattern;
  const routes = readJson("app-path-routes-manifest.json") ?? {};
  const hit = Object.entries(routes).find(([entry, url]) => url === pattern && entry.endsWith("/page"));
  if (!hit) fail(`no page for ${pattern}; pages: ${Object.values(routes).join(", ")}`);
  return hit[0];
}

const entry = entryOf(route);
const segments = entry.split("/").slice(1, -1); // ["(learn)", "practice", "[attemptId]"]
/** The page and the layouts above it, as manifest keys ("app/layout", "app/(learn)/layout", ...). */
const owners = [
  ...segments.map((_, i) => ["app", ...segments.slice(0, i)].join("/") + "/layout"),
  ["app", ...segments].join("/") + "/layout",
  ["app", ...segments].join("/") + "/page",
];

function entryChunks() {
  const manifestFile = path.join(NEXT, "server", "app", `${entry}_client-reference-manifest.js`);
  if (fs.existsSync(manifestFile)) {
    // Turbopack and webpack both write `globalThis.__RSC_MANIFEST[entry] = {...}`.
    const sandbox = {};
    sandbox.globalThis = sandbox;
    sandbox.self = sandbox;
    vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox);
    const manifest = sandbox.__RSC_MANIFEST?.[entry];
    if (manifest?.entryJSFiles) {
      const files = [];
      for (const [key, chunks] of Object.entries(manifest.entryJSFiles)) {
        const name = key.replace(/^\[project\]\//, "");
        if (owners.includes(name)) files.push(...chunks);
      }
      if (files.length > 0) return files;
    }
  }
  const appBuild = readJson("app-build-manifest.json");
  const pages = appBuild?.pages ?? {};
  const files = owners.flatMap((o) => pages[o.replace(/^app/, "")] ?? []);
  if (files.length === 0) fail(`no client manifest for ${entry} in .next/`);
  return files;
}

const files = [...new Set([...(build.rootMainFiles ?? []), ...entryChunks()])].filter((f) => f.endsWith(".js"));
const rows = files.map((file) => {
  const bytes = fs.readFileSync(path.join(NEXT, file));
  return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((sum, r) => sum + r.gzip, 0);
const kB = (n) => (n / 1000).toFixed(1);

if (asJson) {
  console.log(JSON.stringify({ route, entry, chunks: rows, gzipBytes: total, gzipKb: Number(kB(total)) }, null, 2));
} else {
  console.log(`First-load JS of ${route} (${entry})`);
  for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${kB(r.raw).padStart(7)} kB raw ${kB(r.gzip).padStart(7)} kB gzip`);
  console.log(`  ${"total".padEnd(44)} ${kB(rows.reduce((s, r) => s + r.raw, 0)).padStart(7)} kB raw ${kB(total).padStart(7)} kB gzip`);
}
if (budget !== null && Number.isFinite(budget) && total / 1000 > budget) {
  console.error(`over budget: ${kB(total)} kB > ${budget} kB gzipped`);
  process.exit(1);
}
