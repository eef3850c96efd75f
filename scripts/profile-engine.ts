/**
 * `npm run profile:engine [-- --scenario ID|FILE] [--seconds N] [--top N] [--json]`: where the
 * engine's time goes on one scenario (default browser-to-google, the benchmark's), sampled by V8's
 * CPU profiler in this process, bundled as `npm run bench` runs it.
 *
 * It prints the share of the time spent forwarding packets (`transmit`: every hop's filters,
 * NAT, route, ARP and new frame) and the share spent on everything else (DNS, TCP, TLS and HTTP
 * logic and their events), the functions with the most time of their own, and the ceiling that
 * follows (Amdahl): the traces per second the engine would reach if forwarding cost nothing.
 * That ceiling is what tells whether a forwarding fast path can meet a throughput target.
 */
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { findScenario } from "../lib/content/scenario-files";
import { formatError } from "../lib/scenario/load";
import type { ScenarioFile } from "../lib/scenario/schema";
import { ScenarioVariantError, simulate } from "../lib/simulate";
import { ceilingIfFree, type CpuProfile, inclusiveMs, summarizeProfile } from "./lib/cpu-profile";
import { wholeNumberOption } from "./lib/options";

const USAGE = "usage: npm run profile:engine -- [--scenario ID|FILE] [--seconds 1-60] [--top 1-200] [--json]";
const SEEDS = 16;
/** Sampling period in microseconds: fine enough for 0.1 ms functions, coarse enough not to dominate. */
const SAMPLE_US = 100;

/** Simulates the scenario's seeds 0..15 in turn for `ms`; returns the number of traces made. */
function simulateRepeatedly(scenario: ScenarioFile, ms: number): number {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) simulate(scenario, { seed: n++ % SEEDS });
  return n;
}

function pct(part: number, whole: number): number {
  return whole > 0 ? Number(((100 * part) / whole).toFixed(1)) : 0;
}

async function main(): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({ options: { scenario: { type: "string" }, seconds: { type: "string" }, top: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    options = {
      scenario: values.scenario ?? "browser-to-google", json: values.json === true,
      seconds: wholeNumberOption("--seconds", values.seconds, 5, 1, 60), top: wholeNumberOption("--top", values.top, 20, 1, 200),
    };
  } catch (e) {
    process.stderr.write(`profile:engine: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const found = findScenario(options.scenario);
  if (!found.ok) {
    process.stderr.write(`${found.errors.map(formatError).join("\n")}\n`);
    return 1;
  }
  const scenario = found.scenario;
  for (let seed = 0; seed < SEEDS; seed++) simulate(scenario, { seed }); // compile the variants (memoised), as the benchmark does

  simulateRepeatedly(scenario, 500); // warm-up: optimised code before anything is measured
  const plainMs = Math.min(2, options.seconds) * 1000;
  const plainPerSecond = (simulateRepeatedly(scenario, plainMs) * 1000) / plainMs;

  const session = new Session();
  session.connect();
  let profile: CpuProfile;
  let profiledTraces: number;
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: SAMPLE_US });
    await session.post("Profiler.start");
    profiledTraces = simulateRepeatedly(scenario, options.seconds * 1000);
    profile = (await session.post("Profiler.stop")).profile as unknown as CpuProfile;
  } finally {
    session.disconnect();
  }

  const summary = summarizeProfile(profile);
  // runSimulation (the engine's entry), not the small simulate() wrapper: once optimised, V8 may
  // inline the wrapper into the loop, and an inlined frame need not appear in the samples.
  if (inclusiveMs(summary, "runSimulation") === 0 || inclusiveMs(summary, "transmit") === 0) {
    throw new Error("no sample fell inside runSimulation() or transmit(): the bundle renamed them, or the profiler did not run");
  }
  // Shares of all the time sampled while traces were made, garbage collection included.
  const totalMs = summary.totalMs;
  const forwarding = ceilingIfFree(summary, "transmit", plainPerSecond);
  const report = {
    scenario: scenario.id, seconds: options.seconds, sample_us: SAMPLE_US,
    traces_per_second: Math.round(plainPerSecond), traces_profiled: profiledTraces,
    forwarding_share: Number(forwarding.share.toFixed(3)),
    other_share: Number((1 - forwarding.share).toFixed(3)),
    ceiling_if_forwarding_free: Math.round(forwarding.ceiling),
    functions: summary.functions.slice(0, options.top).map((f) => ({ name: f.name, self_pct: pct(f.selfMs, totalMs), inclusive_pct: pct(f.inclusiveMs, totalMs) })),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${report.scenario}: ${report.traces_per_second.toLocaleString("en-US")} traces/s without the profiler; ${profiledTraces.toLocaleString("en-US")} traces sampled every ${SAMPLE_US} us for ${options.seconds} s`,
    "",
    "share of the time making traces (garbage collection included)",
    `  forwarding (transmit: filters, NAT, route, ARP, frame, hop events)  ${(100 * report.forwarding_share).toFixed(1).padStart(5)}%`,
    `  everything else (DNS, TCP, TLS, HTTP logic and their events)        ${(100 * report.other_share).toFixed(1).padStart(5)}%`,
    `ceiling if forwarding cost nothing: ${report.ceiling_if_forwarding_free.toLocaleString("en-US")} traces/s`,
    "",
    `${"function".padEnd(32)}  ${"self".padStart(6)}  ${"incl.".padStart(6)}   (% of the time)`,
    ...report.functions.map((f) => `${f.name.slice(0, 32).padEnd(32)}  ${f.self_pct.toFixed(1).padStart(6)}  ${f.inclusive_pct.toFixed(1).padStart(6)}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    // A variant that cannot be built is a problem in the scenario file, reported as such.
    const inContent = e instanceof ScenarioVariantError;
    process.stderr.write(`profile:engine: ${inContent ? "" : "internal error: "}${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = inContent ? 1 : 3;
  },
);
