/**
 * The trace command, as a function of its arguments and an output sink, so tests can run it
 * without spawning a process. scripts/trace.ts wires it to the real process.
 *
 * Exit codes: 0 printed a trace; 1 the scenario file is missing or invalid (or has no variant
 * for the seed); 2 bad usage; 3 internal error (a bug: the message is printed, never a stack).
 */
import { parseArgs } from "node:util";
import { RULE_IDS, RULES, type RuleId, type WorldRules } from "../lib/engine/rules";
import { formatTrace, wrapText } from "../lib/content/format-trace";
import { findScenario, SCENARIO_DIR } from "../lib/content/scenario-files";
import { formatError } from "../lib/scenario/load";
import { ScenarioVariantError, simulate } from "../lib/simulate";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is a terminal (colour and terminal width are used only then). */
  readonly isTTY: boolean;
  readonly columns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where scenario ids are looked up (default content/scenarios). */
  readonly scenarioDir?: string;
}

export const USAGE = `usage: npm run trace -- <scenario file or id> [options]

Simulates a scenario and prints its hop-by-hop trace.

options:
  --seed N       the variant to simulate (default 0: the numbers written in the file)
  --json         print the trace as JSON (with --flow, only that flow)
  --flow ID      only this flow
  --world RULE   flip a world rule to see a misconception's world; RULE=on|off sets it
                 explicitly. Repeatable. Rules:
${wrapText(RULE_IDS.join(", "), 70).map((l) => `                   ${l}`).join("\n")}
  -h, --help     this help

exit codes: 0 ok, 1 missing or invalid scenario, 2 bad usage, 3 internal error`;

class UsageError extends Error {}

interface Options {
  readonly target: string;
  readonly seed: number;
  readonly json: boolean;
  readonly flow: string | null;
  readonly world: WorldRules;
  readonly help: boolean;
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) throw new UsageError(`--seed must be a whole number 0-4294967295, not "${text}"`);
  return Number(text);
}

function parseWorld(specs: readonly string[]): WorldRules {
  const world: Partial<Record<RuleId, boolean>> = {};
  for (const spec of specs) {
    const [name, value, ...extra] = spec.split("=");
    if (!RULE_IDS.includes(name as RuleId)) throw new UsageError(`unknown world rule "${name}"; rules: ${RULE_IDS.join(", ")}`);
    const rule = name as RuleId;
    if (extra.length > 0 || (value !== undefined && value !== "on" && value !== "off")) throw new UsageError(`--world ${spec}: write RULE, RULE=on or RULE=off`);
    world[rule] = value === undefined ? !RULES[rule].realWorld : value === "on";
  }
  return world;
}

function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        seed: { type: "string" }, json: { type: "boolean" }, flow: { type: "string" },
        world: { type: "string", multiple: true }, help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { target: "", seed: 0, json: false, flow: null, world: {}, help: true };
  if (positionals.length === 0) throw new UsageError("which scenario? give a file path or a scenario id");
  if (positionals.length > 1) throw new UsageError(`one scenario at a time (got ${positionals.map((p) => `"${p}"`).join(", ")})`);
  return {
    target: positionals[0]!, seed: parseSeed(values.seed), json: values.json ?? false, flow: values.flow ?? null,
    world: parseWorld(values.world ?? []), help: false,
  };
}

function describeWorld(world: WorldRules): string {
  const flips = Object.entries(world).map(([rule, on]) => `${rule}=${on ? "on" : "off"}`);
  return flips.length === 0 ? "" : `world: ${flips.join(", ")} (not the real world)`;
}

/** Runs the trace command; returns the exit code. Never throws. */
export function runTraceCli(argv: readonly string[], io: CliIo): number {
  try {
    return run(argv, io);
  } catch (e) {
    io.stderr(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 3;
  }
}

function run(argv: readonly string[], io: CliIo): number {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`trace: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const found = findScenario(options.target, io.scenarioDir ?? SCENARIO_DIR);
  if (!found.ok) {
    io.stderr(found.errors.map((e) => `${formatError(e)}\n`).join(""));
    return 1;
  }
  let trace;
  try {
    trace = simulate(found.scenario, { seed: options.seed, world: options.world });
  } catch (e) {
    if (!(e instanceof ScenarioVariantError)) throw e;
    io.stderr(`${found.file}: seed ${options.seed} gives no valid variant:\n${e.problems.map((p) => `  ${p}\n`).join("")}`);
    return 1;
  }
  if (options.flow !== null) {
    const flow = trace.flows.find((f) => f.id === options.flow);
    if (!flow) {
      io.stderr(`trace: ${found.scenario.id} has no flow "${options.flow}"; its flows: ${trace.flows.map((f) => f.id).join(", ")}\n`);
      return 2;
    }
    trace = { ...trace, flows: [flow] };
  }
  if (options.json) {
    io.stdout(`${JSON.stringify(trace, null, 2)}\n`);
    return 0;
  }
  const color = io.isTTY && !io.env.NO_COLOR && io.env.TERM !== "dumb";
  const width = io.isTTY && io.columns ? Math.min(200, Math.max(60, io.columns)) : 100;
  const lines = formatTrace(trace, { color, width });
  const world = describeWorld(options.world);
  const header = [`file: ${found.file} (sha256 ${found.contentHash.slice(0, 12)})`, ...(world ? [world] : [])];
  io.stdout(`${[lines[0]!, ...header, ...lines.slice(1)].join("\n")}\n`);
  return 0;
}
