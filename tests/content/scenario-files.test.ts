import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findScenario, listScenarioFiles, loadAllScenarios, loadScenarioFile } from "@/lib/content/scenario-files";
import { formatError } from "@/lib/scenario/load";

const root = path.resolve(__dirname, "../..");
const google = readFileSync(path.join(root, "content/scenarios/browser-to-google.yaml"), "utf8");
let dir = "";

/** A scratch content directory with good, broken and duplicate scenarios. */
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hopwise-content-"));
  writeFileSync(path.join(dir, "browser-to-google.yaml"), google);
  writeFileSync(path.join(dir, "renamed.yml"), google.replace("id: browser-to-google", "id: google-copy"));
  writeFileSync(path.join(dir, "bad-yaml.yaml"), "id: x\n  nodes: [\n");
  writeFileSync(path.join(dir, "bad-field.yaml"), google.replace("difficulty: beginner", "difficulty: expert"));
  writeFileSync(path.join(dir, "not-utf8.yaml"), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
  writeFileSync(path.join(dir, "notes.txt"), "not a scenario");
  mkdirSync(path.join(dir, "nested"));
  writeFileSync(path.join(dir, "nested", "dup.yaml"), google);
  mkdirSync(path.join(dir, ".hidden"));
  writeFileSync(path.join(dir, ".hidden", "skip.yaml"), google);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadScenarioFile", () => {
  test("loads a good file with the sha256 of its bytes", () => {
    const r = loadScenarioFile(path.join(dir, "browser-to-google.yaml"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.id).toBe("browser-to-google");
    expect(r.contentHash).toBe(createHash("sha256").update(google).digest("hex"));
    expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each([
    { label: "missing file", name: "nope.yaml", message: /no such file/ },
    { label: "a directory", name: "nested", message: /directory/ },
    { label: "YAML syntax error", name: "bad-yaml.yaml", message: /./ },
    { label: "schema violation, with its line", name: "bad-field.yaml", message: /difficulty/ },
    { label: "bytes that are not UTF-8", name: "not-utf8.yaml", message: /UTF-8/ },
  ])("reports $label as an error that names the file", ({ name, message }) => {
    const file = path.join(dir, name);
    const r = loadScenarioFile(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) expect(formatError(e).startsWith(file)).toBe(true);
    expect(r.errors.map(formatError).join("\n")).toMatch(message);
    expect(r.errors.map(formatError).join("\n")).not.toMatch(/\n\s+at /);
  });

  test("a schema error carries its line number", () => {
    const r = loadScenarioFile(path.join(dir, "bad-field.yaml"));
    expect(r.ok ? null : r.errors[0]?.line).toBe(google.split("\n").findIndex((l) => l.startsWith("difficulty:")) + 1);
  });
});

describe("listScenarioFiles", () => {
  test("lists .yaml and .yml files, recursively, sorted, without hidden ones", () => {
    expect(listScenarioFiles(dir).map((f) => path.relative(dir, f))).toEqual([
      "bad-field.yaml", "bad-yaml.yaml", "browser-to-google.yaml", path.join("nested", "dup.yaml"), "not-utf8.yaml", "renamed.yml",
    ]);
  });

  test("throws a friendly error for a missing directory", () => {
    expect(() => listScenarioFiles(path.join(dir, "missing"))).toThrow(/no such directory/);
  });
});

describe("loadAllScenarios", () => {
  test("separates loaded scenarios from errors, and reports duplicate ids", () => {
    const all = loadAllScenarios(dir);
    expect(all.loaded.map((s) => s.scenario.id)).toEqual(["browser-to-google", "google-copy"]);
    const files = new Set(all.errors.map((e) => path.relative(dir, e.file)));
    expect([...files].sort()).toEqual(["bad-field.yaml", "bad-yaml.yaml", path.join("nested", "dup.yaml"), "not-utf8.yaml"]);
    expect(all.errors.find((e) => e.file.endsWith("dup.yaml"))?.message).toMatch(/already used by .*browser-to-google\.yaml/);
  });

  test("reports a missing directory as an error, not an exception", () => {
    const all = loadAllScenarios(path.join(dir, "missing"));
    expect(all.loaded).toEqual([]);
    expect(all.errors[0]?.message).toMatch(/no such directory/);
  });

  test("every committed scenario loads", () => {
    const all = loadAllScenarios(path.join(root, "content/scenarios"));
    expect(all.errors.map(formatError)).toEqual([]);
    expect(all.loaded.length).toBeGreaterThan(0);
  });
});

describe("findScenario", () => {
  test.each([
    { label: "an id with a file of that name", arg: "browser-to-google", id: "browser-to-google" },
    { label: "an id found inside another file", arg: "google-copy", id: "google-copy" },
    { label: "a path", arg: "PATH:renamed.yml", id: "google-copy" },
  ])("finds $label", ({ arg, id }) => {
    const r = findScenario(arg.startsWith("PATH:") ? path.join(dir, arg.slice(5)) : arg, dir);
    expect(r.ok ? r.scenario.id : r.errors.map(formatError)).toBe(id);
  });

  test.each([
    { label: "an unknown id lists the known ones", arg: "no-such-scenario", message: /no scenario with id "no-such-scenario".*known ids: browser-to-google, google-copy/ },
    { label: "a missing path", arg: "content/none.yaml", message: /no such file/ },
  ])("explains $label", ({ arg, message }) => {
    const r = findScenario(arg, dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map(formatError).join("\n")).toMatch(message);
  });
});
