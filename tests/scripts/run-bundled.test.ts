import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";

const root = path.resolve(__dirname, "../..");
const script = path.join(root, "scripts/run-bundled.mjs");
const fixture = "tests/scripts/fixtures/report-args.ts";
const scratch = mkdtempSync(path.join(tmpdir(), "hopwise-run-bundled-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("scripts/run-bundled.mjs (how `npm run bench` runs)", () => {
  test.each([
    { label: "script arguments only", args: [fixture, "a", "b"], expected: { args: ["a", "b"], gc: false } },
    { label: "node flags before --, script arguments after", args: [fixture, "--expose-gc", "--", "--json"], expected: { args: ["--json"], gc: true } },
    { label: "no arguments at all", args: [fixture], expected: { args: [], gc: false } },
  ])("$label", ({ args, expected }) => {
    const r = run(args);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ...expected, ip: "192.168.1.10" });
  });

  test("the script's exit code comes back", () => {
    expect(run([fixture, "--", "--exit", "7"]).code).toBe(7);
  });

  test("a file that does not build exits non-zero with esbuild's message, not a stack trace", () => {
    const broken = path.join(scratch, "broken.ts");
    writeFileSync(broken, "export const x = ;\n");
    const r = run([broken]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/broken\.ts/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test("no entry prints the usage and exits 2", () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^usage: /);
  });

  test("leaves no bundle behind", () => {
    run([fixture]);
    const cache = path.join(root, "node_modules/.cache");
    const left = existsSync(cache) ? readdirSync(cache).filter((f) => f.startsWith("hopwise-run-")) : [];
    expect(left).toEqual([]);
  });
});
