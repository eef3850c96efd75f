/**
 * Engine throughput on a real scenario: the full trace (every flow) of browser-to-google, for a
 * fixed set of seeds cycled in order after a warm-up. Variants are memoised per seed by
 * simulate(), so this measures the simulation itself, not the scenario compiler; the compiler's
 * cost per new seed is reported separately. Figures are wall-clock; `engine.cpu_share` tells
 * whether the process had a CPU to itself while it was measured.
 */
import { performance } from "node:perf_hooks";
import { loadScenarioFile } from "../../lib/content/scenario-files";
import { instantiate } from "../../lib/scenario/compile";
import { simulate } from "../../lib/simulate";

export const ENGINE_SCENARIO = "content/scenarios/browser-to-google.yaml";
/** Seeds 0..15, cycled (the simulate() memo holds 64 variants, so all stay compiled). */
export const ENGINE_SEEDS = 16;
const WARMUP_MS = 500;
const MEASURE_MS = 2500;

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Traces and hops per second for the google scenario. */
export async function benchEngine(): Promise<Record<string, number>> {
  const loaded = loadScenarioFile(ENGINE_SCENARIO);
  if (!loaded.ok) throw new Error(`${ENGINE_SCENARIO} does not load: ${loaded.errors.map((e) => e.message).join("; ")}`);
  const scenario = loaded.scenario;

  const hopsBySeed: number[] = [];
  const eventsBySeed: number[] = [];
  for (let seed = 0; seed < ENGINE_SEEDS; seed++) {
    const trace = simulate(scenario, { seed });
    let hops = 0;
    let events = 0;
    for (const f of trace.flows) {
      events += f.events.length;
      for (const e of f.events) if (e.type === "hop") hops++;
    }
    hopsBySeed.push(hops);
    eventsBySeed.push(events);
  }

  const warmStart = performance.now();
  for (let n = 0; performance.now() - warmStart < WARMUP_MS; n++) simulate(scenario, { seed: n % ENGINE_SEEDS });

  let traces = 0;
  let hops = 0;
  let events = 0;
  const cpu0 = cpuMs();
  const start = performance.now();
  while (performance.now() - start < MEASURE_MS) {
    const seed = traces % ENGINE_SEEDS;
    simulate(scenario, { seed });
    hops += hopsBySeed[seed]!;
    events += eventsBySeed[seed]!;
    traces++;
  }
  const wallS = (performance.now() - start) / 1000;
  const cpuS = (cpuMs() - cpu0) / 1000;

  // The scenario compiler's cost for a seed seen for the first time (what simulate() memoises).
  const compileRuns = 20;
  const c0 = performance.now();
  for (let i = 0; i < compileRuns; i++) instantiate(scenario, 1000 + i);
  const compileMs = (performance.now() - c0) / compileRuns;

  return {
    "engine.traces_per_second": Math.round(traces / wallS),
    "engine.hops_per_second": Math.round(hops / wallS),
    "engine.events_per_second": Math.round(events / wallS),
    "engine.ms_per_trace": Number(((wallS * 1000) / traces).toFixed(3)),
    // CPU seconds used per wall second: about 1.1-1.3 on a quiet machine (GC helper threads);
    // well below 1 means the process was waiting for a CPU and the figures above are pessimistic.
    "engine.cpu_share": Number((cpuS / wallS).toFixed(2)),
    "engine.hops_per_trace": Number((hops / traces).toFixed(1)),
    "engine.events_per_trace": Number((events / traces).toFixed(1)),
    "engine.seeds": ENGINE_SEEDS,
    "engine.traces_measured": traces,
    "engine.variant_compile_ms": Number(compileMs.toFixed(3)),
  };
}
