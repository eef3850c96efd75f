/**
 * `npm run bench [-- --json] [-- --only engine,lpm]`: runs the benchmarks under scripts/bench/
 * and prints their figures, measured on this machine, as a table with the targets beside them
 * (or, with --json, as one JSON object: `meta`, every figure under its dotted name, `targets`).
 * npm runs it bundled (scripts/run-bundled.mjs, as production bundles lib/) with --expose-gc,
 * so memory figures can collect garbage first.
 *
 * To add a benchmark, export `async function benchX(): Promise<Record<string, number>>` from a
 * module in scripts/bench/ and add one line to BENCHMARKS (and its targets to TARGETS, if any).
 */
import os from "node:os";
import { parseArgs } from "node:util";

interface Benchmark {
  readonly name: string;
  readonly run: () => Promise<Record<string, number>>;
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: "engine", run: async () => (await import("./bench/engine")).benchEngine() },
  { name: "topology", run: async () => (await import("./bench/large-topology")).benchTopology() },
  { name: "lpm", run: async () => (await import("./bench/lpm")).benchLpm() },
  { name: "grader", run: async () => (await import("./bench/grader")).benchGrader() },
];

interface Target {
  readonly min?: number;
  readonly max?: number;
}

const TARGETS: Readonly<Record<string, Target>> = {
  "lpm.lookups_per_second": { min: 5_000_000 },
  "lpm.build_seconds": { max: 3 },
  "lpm.heap_mb": { max: 300 },
  "grader.grades_per_second": { min: 2_000 },
};

/** What each benchmark measures, printed with the figures so they can be read without the source. */
const NOTES: Readonly<Record<string, string>> = {
  engine: "browser-to-google, full trace (all flows); seeds 0-15 cycled after a 0.5 s warm-up, 2.5 s measured; variants compiled once per seed (simulate() memo)",
  topology: "generated chain (100 routers x 99 hosts = 10,000 nodes; 34 x 2 = 102 nodes); one TCP probe (6 packets) across 10 or 30 hops; compiled once, then simulated repeatedly",
  grader: "browser-to-google, advanced sheet (every blank) with 3 mistakes that name misconceptions. grades_per_second: key and misconception worlds already built (same variant, e.g. a class sitting one assessment); cold_grades_per_second: a new variant every grade (key built and worlds simulated each time)",
  lpm: "1,000,000 seeded prefixes shaped like the public BGP table; 10,000,000 random lookups, median of 3 passes",
};

const USAGE = `usage: npm run bench -- [--json] [--only ${BENCHMARKS.map((b) => b.name).join(",")}]`;

function targetText(t: Target): string {
  return t.min !== undefined ? `>= ${t.min.toLocaleString("en-US")}` : `< ${t.max!.toLocaleString("en-US")}`;
}

function met(t: Target, value: number): boolean {
  return (t.min === undefined || value >= t.min) && (t.max === undefined || value < t.max);
}

function meta(gcExposed: boolean): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    node: process.version, v8: process.versions.v8, platform: `${process.platform}-${process.arch}`,
    cpu: cpus[0]?.model.trim() ?? "unknown", cpus: cpus.length, memory_gb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    load_average_1m: Number(os.loadavg()[0]!.toFixed(2)), date: new Date().toISOString(), gc_exposed: gcExposed,
  };
}

function table(info: Record<string, unknown>, figures: Record<string, number>): string {
  const lines = [`hopwise bench  ${info.date}`, `node ${info.node} on ${info.cpu} (${info.cpus} CPUs, load ${info.load_average_1m})${info.gc_exposed ? "" : "  (no --expose-gc: heap figures include garbage)"}`, ""];
  const width = Math.max(...Object.keys(figures).map((k) => k.length), 6);
  lines.push(`${"figure".padEnd(width)}  ${"value".padStart(14)}  ${"target".padEnd(14)}  status`);
  for (const [key, value] of Object.entries(figures)) {
    const t = TARGETS[key];
    const shown = Number.isInteger(value) ? value.toLocaleString("en-US") : String(value);
    lines.push(`${key.padEnd(width)}  ${shown.padStart(14)}  ${(t ? targetText(t) : "").padEnd(14)}  ${t ? (met(t, value) ? "ok" : "MISSED") : ""}`.trimEnd());
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { json: { type: "boolean" }, only: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const only = values.only?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const unknown = only?.filter((n) => !BENCHMARKS.some((b) => b.name === n)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`bench: no benchmark named ${unknown.join(", ")}\n${USAGE}\n`);
    return 2;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  const info = meta(gc !== undefined);
  const figures: Record<string, number> = {};
  const notes: Record<string, string> = {};
  let failed = false;
  for (const b of BENCHMARKS) {
    if (only && !only.includes(b.name)) continue;
    if (NOTES[b.name]) notes[b.name] = NOTES[b.name]!;
    if (!values.json) process.stderr.write(`running ${b.name}...\n`);
    gc?.();
    try {
      Object.assign(figures, await b.run());
    } catch (e) {
      failed = true;
      process.stderr.write(`bench: ${b.name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  if (values.json) {
    const targets = Object.fromEntries(Object.entries(TARGETS).filter(([k]) => k in figures)
      .map(([k, t]) => [k, { ...t, met: met(t, figures[k]!) }]));
    process.stdout.write(`${JSON.stringify({ meta: { ...info, notes }, ...figures, targets }, null, 2)}\n`);
  } else {
    const about = Object.entries(notes).map(([name, text]) => `${name}: ${text}`);
    process.stdout.write(`${table(info, figures)}\n\n${about.join("\n")}\n`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
  },
);
