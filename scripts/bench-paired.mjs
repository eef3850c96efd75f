#!/usr/bin/env node
/**
 * `npm run bench:paired -- --base <git ref> [--rounds 3] [--only engine,topology]`: the engine
 * benchmarks of `npm run bench`, run alternately on a checkout of <ref> and on this tree, so both
 * see the same machine at the same moments; prints each figure's median on both sides and the
 * ratio (this tree / base). Rates are compared per CPU second (a figure divided by the share of
 * the CPU the run got), so another process taking the CPU for a while weighs on both sides alike.
 * The base checkout is a temporary git worktree (removed afterwards) that shares node_modules.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./lib/setup.mjs";

const { values } = parseArgs({
  options: { base: { type: "string" }, rounds: { type: "string", default: "3" }, only: { type: "string", default: "engine,topology" }, json: { type: "boolean", default: false } },
});
const rounds = Number(values.rounds);
if (!values.base || !Number.isInteger(rounds) || rounds < 1) {
  console.error("usage: npm run bench:paired -- --base <git ref> [--rounds 3] [--only engine,topology] [--json]");
  process.exit(2);
}

/** One `npm run bench -- --json` in a tree; its numeric figures. */
function benchIn(dir) {
  const run = spawnSync(process.execPath, ["scripts/run-bundled.mjs", "scripts/bench.ts", "--expose-gc", "--", "--json", "--only", values.only], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`bench failed in ${dir}:\n${run.stderr}`);
  const out = JSON.parse(run.stdout);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => typeof v === "number"));
}

/** A rate per CPU second when the benchmark reports its CPU share, else the figure itself. */
function perCpu(figures) {
  const out = { ...figures };
  for (const [name, value] of Object.entries(figures)) {
    const share = figures[`${name.split(".")[0]}.cpu_share`];
    if (name.endsWith("_per_second") && share > 0) out[`${name}_per_cpu`] = Math.round(value / share);
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-bench-base-"));
fs.rmSync(baseDir, { recursive: true });
execFileSync("git", ["worktree", "add", "--detach", baseDir, values.base], { cwd: ROOT, stdio: "ignore" });
try {
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(baseDir, "node_modules"));
  const samples = { base: [], head: [] };
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first, so neither always gets the warmer (or busier) slot.
    const order = r % 2 === 0 ? ["base", "head"] : ["head", "base"];
    for (const side of order) samples[side].push(perCpu(benchIn(side === "base" ? baseDir : ROOT)));
    process.stderr.write(`round ${r + 1}/${rounds} done (load ${os.loadavg()[0].toFixed(2)})\n`);
  }
  const names = Object.keys(samples.head[0]).filter((n) => n in samples.base[0]);
  const rows = names.map((name) => {
    const base = median(samples.base.map((s) => s[name]));
    const head = median(samples.head.map((s) => s[name]));
    return { name, base, head, ratio: base ? Number((head / base).toFixed(3)) : null };
  });
  if (values.json) console.log(JSON.stringify({ base: values.base, rounds, load_average_1m: os.loadavg()[0], figures: rows }, null, 2));
  else {
    console.log(`paired run: ${rounds} round(s), base ${values.base} vs this tree (medians; ratio = this tree / base)`);
    for (const r of rows) console.log(`  ${r.name.padEnd(44)} ${String(r.base).padStart(12)} ${String(r.head).padStart(12)}  x${r.ratio}`);
  }
} finally {
  execFileSync("git", ["worktree", "remove", "--force", baseDir], { cwd: ROOT, stdio: "ignore" });
}
