import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ceilingIfFree, type CpuProfile, inclusiveMs, summarizeProfile } from "../../scripts/lib/cpu-profile";

/*
 * (root) 1
 * ├─ main 2 ─ simulate 3 ─┬─ transmit 4 ─ transmit 5      (recursion: an ICMP error sent while forwarding)
 * │                       └─ resolve 6 ─ transmit 7
 * ├─ (garbage collector) 8
 * └─ "" 9                                                   (an anonymous function)
 */
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: "(root)" }, children: [2, 8, 9] },
    { id: 2, callFrame: { functionName: "main" }, children: [3] },
    { id: 3, callFrame: { functionName: "simulate" }, children: [4, 6] },
    { id: 4, callFrame: { functionName: "transmit" }, children: [5] },
    { id: 5, callFrame: { functionName: "transmit" } },
    { id: 6, callFrame: { functionName: "resolve" }, children: [7] },
    { id: 7, callFrame: { functionName: "transmit" } },
    { id: 8, callFrame: { functionName: "(garbage collector)" } },
    { id: 9, callFrame: { functionName: "" } },
  ],
  samples: [4, 5, 6, 7, 8, 3, 9],
  timeDeltas: [100, 200, 300, 400, 500, 600, 50],
};

describe("summarizeProfile: where sampled time went", () => {
  const summary = summarizeProfile(PROFILE);

  test("total is the sum of the sample intervals", () => {
    expect(summary.totalMs).toBeCloseTo(2.15, 9);
  });

  test.each([
    { label: "a recursive function counts each sample once", name: "transmit", selfMs: 0.7, inclusiveMs: 0.7 },
    { label: "a caller includes its callees", name: "simulate", selfMs: 0.6, inclusiveMs: 1.6 },
    { label: "a function called beside forwarding", name: "resolve", selfMs: 0.3, inclusiveMs: 0.7 },
    { label: "garbage collection is its own entry", name: "(garbage collector)", selfMs: 0.5, inclusiveMs: 0.5 },
    { label: "an anonymous function gets a name", name: "(anonymous)", selfMs: 0.05, inclusiveMs: 0.05 },
    { label: "the root is on every stack", name: "(root)", selfMs: 0, inclusiveMs: 2.15 },
  ])("$label", ({ name, selfMs, inclusiveMs: incl }) => {
    const f = summary.functions.find((x) => x.name === name);
    expect(f?.selfMs).toBeCloseTo(selfMs, 9);
    expect(f?.inclusiveMs).toBeCloseTo(incl, 9);
  });

  test("functions come largest self time first", () => {
    expect(summary.functions.map((f) => f.name).slice(0, 4)).toEqual(["transmit", "simulate", "(garbage collector)", "resolve"]);
  });

  test("inclusiveMs is 0 for a function never sampled", () => {
    expect(inclusiveMs(summary, "transmit")).toBeCloseTo(0.7, 9);
    expect(inclusiveMs(summary, "arrive")).toBe(0);
  });

  test.each([
    { label: "forwarding (recursion counted once)", name: "transmit", share: 0.7 / 2.15 },
    { label: "a function never sampled", name: "arrive", share: 0 },
    { label: "the root, on every stack", name: "(root)", share: 1 },
  ])("ceilingIfFree: the rate if $label cost nothing", ({ name, share }) => {
    const c = ceilingIfFree(summary, name, 1000);
    expect(c.share).toBeCloseTo(share, 9);
    expect(c.ceiling).toBeCloseTo(share === 1 ? Infinity : 1000 / (1 - share), 6);
  });

  test("a sample of an unknown node or a missing interval is skipped, not fatal", () => {
    const s = summarizeProfile({ ...PROFILE, samples: [4, 99], timeDeltas: [100] });
    expect(s.totalMs).toBeCloseTo(0.1, 9);
    expect(inclusiveMs(s, "transmit")).toBeCloseTo(0.1, 9);
  });
});

const root = path.resolve(__dirname, "../..");

function profileEngine(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "scripts/run-bundled.mjs"), "scripts/profile-engine.ts", "--", ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run profile:engine", () => {
  test("profiles the google scenario: forwarding's share and the ceiling it sets", () => {
    // Three seconds, not one: with the other test files busy on both cores, one second of sampling
    // has come back with no sample inside simulate() at all (seen once in CI).
    const r = profileEngine(["--seconds", "3", "--top", "5", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { scenario: string; traces_per_second: number; forwarding_share: number; other_share: number; ceiling_if_forwarding_free: number; functions: { name: string }[] };
    expect(report.scenario).toBe("browser-to-google");
    expect(report.forwarding_share).toBeGreaterThan(0);
    expect(report.forwarding_share).toBeLessThan(1);
    expect(report.forwarding_share + report.other_share).toBeCloseTo(1, 2);
    expect(report.ceiling_if_forwarding_free).toBeGreaterThan(report.traces_per_second);
    expect(report.functions).toHaveLength(5);
  }, 120_000);

  test.each([
    { label: "a bad --seconds", args: ["--seconds", "0"], code: 2, message: /--seconds takes a whole number from 1 to 60/ },
    { label: "an unknown option", args: ["--fast"], code: 2, message: /Unknown option '--fast'/ },
    { label: "an unknown scenario", args: ["--scenario", "no-such-scenario"], code: 1, message: /no scenario with id "no-such-scenario"/ },
  ])("$label exits $code with a message, not a stack trace", ({ args, code, message }) => {
    const r = profileEngine(args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 120_000);
});
