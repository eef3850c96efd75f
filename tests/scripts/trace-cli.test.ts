import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadScenarioText } from "@/lib/scenario/load";
import { simulate } from "@/lib/simulate";
import { runTraceCli, type CliIo } from "@/scripts/trace-cli";

const root = path.resolve(__dirname, "../..");
const scenarioDir = path.join(root, "content/scenarios");
const googleFile = path.join(scenarioDir, "browser-to-google.yaml");
const googleText = readFileSync(googleFile, "utf8");
// The escape character is the point: these tests check that colour codes are present or absent.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/;

const scratch = mkdtempSync(path.join(tmpdir(), "hopwise-trace-"));
const badFile = path.join(scratch, "bad.yaml");
writeFileSync(badFile, googleText.replace("difficulty: beginner", "difficulty: expert").replace("latencyMs: 2,", "latencyMs: -2,"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], over: Partial<CliIo> = {}): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runTraceCli(args, {
    stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false, env: {}, scenarioDir, ...over,
  });
  return { code, out, err };
}

function googleTrace(seed: number, world = {}) {
  const loaded = loadScenarioText(googleText, googleFile);
  if (!loaded.ok) throw new Error("google scenario does not load");
  return simulate(loaded.scenario, { seed, world });
}

describe("usage errors exit 2 with the usage on stderr", () => {
  test.each([
    { label: "no argument", args: [], message: /which scenario\?/ },
    { label: "an unknown option", args: ["browser-to-google", "--fast"], message: /Unknown option '--fast'/ },
    { label: "two scenarios", args: ["a", "b"], message: /one scenario at a time/ },
    { label: "a seed that is not a number", args: ["browser-to-google", "--seed", "x"], message: /--seed must be a whole number/ },
    { label: "a negative seed", args: ["browser-to-google", "--seed=-1"], message: /--seed must be a whole number/ },
    { label: "an unknown world rule", args: ["browser-to-google", "--world", "gravity"], message: /unknown world rule "gravity"/ },
    { label: "a bad world value", args: ["browser-to-google", "--world", "snat=maybe"], message: /RULE=on or RULE=off/ },
    { label: "a missing option value", args: ["browser-to-google", "--flow"], message: /argument missing/ },
  ])("$label", ({ args, message }) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(message);
    expect(r.err).toContain("usage: npm run trace");
  });

  test("an unknown flow lists the flows (exit 2)", () => {
    const r = run(["browser-to-google", "--flow", "nope"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/has no flow "nope"; its flows: first-visit, second-visit, typo, ttl-one/);
  });

  test("--help prints the usage and exits 0", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("usage: npm run trace");
  });
});

describe("content errors exit 1", () => {
  test.each([
    { label: "a missing file", args: [path.join(scratch, "nope.yaml")], message: /nope\.yaml: \(file\): no such file/ },
    { label: "an unknown id", args: ["no-such-scenario"], message: /no scenario with id "no-such-scenario" .*known ids: .*browser-to-google/ },
  ])("$label", ({ args, message }) => {
    const r = run(args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  test("an invalid file prints each validation error as file:line: path: message", () => {
    const r = run([badFile]);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(new RegExp(`^${badFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: \\S+: .+`));
    expect(r.err).toMatch(/:\d+: difficulty: /);
    expect(r.err).toMatch(/:\d+: segments\[0\]\.latencyMs: /);
  });
});

describe("--json prints exactly JSON.stringify(trace, null, 2)", () => {
  test.each([0, 3])("seed %i", (seed) => {
    const r = run(["browser-to-google", "--json", "--seed", String(seed)]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${JSON.stringify(googleTrace(seed), null, 2)}\n`);
  });

  test("with --flow, only that flow", () => {
    const r = run([googleFile, "--json", "--flow", "typo"]);
    const trace = googleTrace(0);
    expect(r.out).toBe(`${JSON.stringify({ ...trace, flows: trace.flows.filter((f) => f.id === "typo") }, null, 2)}\n`);
  });

  test("with --world, the flipped world's trace", () => {
    const r = run(["browser-to-google", "--json", "--world", "ttl-decrement"]);
    expect(r.out).toBe(`${JSON.stringify(googleTrace(0, { "ttl-decrement": false }), null, 2)}\n`);
  });
});

describe("the readable table", () => {
  test("names the file, its hash and every flow", () => {
    const r = run(["browser-to-google"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^browser-to-google {2}seed 0 {2}engine \S+ {2}\(hopwise-trace\/1\)\nfile: .*browser-to-google\.yaml \(sha256 [0-9a-f]{12}\)\n/);
    for (const id of ["first-visit", "second-visit", "typo", "ttl-one"]) expect(r.out).toContain(`== ${id}: `);
  });

  test("says when the world is not the real one", () => {
    const r = run(["browser-to-google", "--world", "ttl-decrement", "--world", "dns-cache=on", "--flow", "first-visit"]);
    expect(r.out).toContain("world: ttl-decrement=off, dns-cache=on (not the real world)");
    expect(r.out).toContain("| ip 203.0.113.50:10002 > 142.250.190.46:443 ttl=64 TCP SYN seq=100 ack=0 len=0");
  });

  test.each([
    { label: "not a terminal", isTTY: false, env: {}, color: false },
    { label: "a terminal", isTTY: true, env: {}, color: true },
    { label: "a terminal with NO_COLOR", isTTY: true, env: { NO_COLOR: "1" }, color: false },
    { label: "a dumb terminal", isTTY: true, env: { TERM: "dumb" }, color: false },
  ])("colour on $label: $color", ({ isTTY, env, color }) => {
    const r = run(["browser-to-google", "--flow", "ttl-one"], { isTTY, env, columns: 120 });
    expect(ANSI.test(r.out)).toBe(color);
  });
});

describe("last resort", () => {
  test("an unexpected failure prints 'internal error: <message>' and exits 3", () => {
    const r = run(["browser-to-google"], { stdout: () => { throw new Error("disk on fire"); } });
    expect(r.code).toBe(3);
    expect(r.err).toBe("internal error: disk on fire\n");
  });

  test("the real process prints no stack trace for a missing file", () => {
    const p = spawnSync(process.execPath, ["--import", "tsx", "scripts/trace.ts", "content/none.yaml"], { cwd: root, encoding: "utf8" });
    expect(p.status).toBe(1);
    expect(p.stderr).toBe("content/none.yaml: (file): no such file\n");
    expect(p.stdout).toBe("");
  });
});
