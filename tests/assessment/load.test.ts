import { describe, expect, test } from "vitest";
import { exportAssessmentYaml, formatAssessmentError, loadAssessmentText } from "@/lib/assessment/load";
import { CATALOGUE, exam, fixtureText, homework } from "./support";

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("the example file (docs/assessment-format.md) loads", () => {
  test("it parses and passes the catalogue check without warnings", () => {
    const r = loadAssessmentText(fixtureText(), "net101-midterm.yaml", CATALOGUE);
    expect(r).toMatchObject({ ok: true, warnings: [] });
    if (!r.ok) return;
    expect(r.definition.zones.map((z) => [z.title, z.choose, z.alternatives.length])).toEqual([
      ["Part 1: from the browser to the internet", 1, 2],
      ["Part 2: private networks", 2, 3],
    ]);
    expect(r.definition.feedback.journey).toEqual({ date: "2027-03-15T09:00:00Z" });
  });
});

describe("export then import gives an equal definition", () => {
  test.each([
    ["the example file", () => { const r = loadAssessmentText(fixtureText(), "f.yaml"); if (!r.ok) throw new Error("fixture"); return r.definition; }],
    ["homework with defaults filled", () => homework()],
    ["an exam with a late policy, a password and dated feedback", () => exam((d) => {
      d.access.late = { until: "2027-03-08T14:00:00+01:00", creditPercent: 50 };
      d.access.passwordHash = "argon2id$v=19$m=65536,t=3,p=4$abcdefghijklmnop";
      d.feedback = { score: "after-submit", expected: { date: "2027-04-01T00:00:00Z" }, journey: "never" };
      d.scoring = { counts: "last", creditPerTry: [100, 80, 60] };
      d.variants = "same-for-everyone";
    })],
    ["titles that look like YAML (colons, quotes, #, numbers)", () => homework((d) => { d.title = "Q: \"why\" #1 - 42"; d.zones[0].title = "123"; d.zones[1].title = "null"; })],
    ["a title that looks like a date, and a multi-line one", () => homework((d) => { d.title = "2027-03-08"; d.zones[0].title = "line one\nline two"; })],
  ])("%s", (_label, make) => {
    const def = make();
    const text = exportAssessmentYaml(def);
    const back = loadAssessmentText(text, "round.yaml", CATALOGUE);
    expect(back).toMatchObject({ ok: true });
    if (back.ok) expect(back.definition).toEqual(def);
    // Exporting the re-imported definition gives the same bytes: the file is stable in git.
    if (back.ok) expect(exportAssessmentYaml(back.definition)).toBe(text);
  });
});

/** [label, how to break the example, the text on the line the first error must point at, path, message] */
const BROKEN: [string, (t: string) => string, string, string, RegExp][] = [
  ["an unknown key (strict schema)", (t) => t.replace("    choose: 2\n", "    choose: 2\n    shuffle: true\n"), "shuffle: true", "zones[1]", /shuffle/],
  ["a kind that does not exist", (t) => t.replace("kind: exam", "kind: quiz"), "kind: quiz", "kind", /homework|exam/],
  ["a date without a zone", (t) => t.replace("close: 2027-03-08T12:00:00Z", "close: 2027-03-08 12:00"), "close: 2027-03-08 12:00", "access.close", /with a zone/],
  ["a day that does not exist (30 February)", (t) => t.replace("release: 2027-03-08T09:00:00Z", "release: 2027-02-30T09:00:00Z"), "release: 2027-02-30", "access.release", /with a zone/],
  ["a plaintext password", (t) => t.replace(/passwordHash: .*/, "passwordHash: hunter2"), "passwordHash: hunter2", "access.passwordHash", /never the password itself/],
  ["choose is not a whole number", (t) => t.replace("choose: 1", "choose: 1.5"), "choose: 1.5", "zones[0].choose", /int/i],
  ["negative points", (t) => t.replace("points: 10\n      - scenario: https", "points: -1\n      - scenario: https"), "points: -1", "zones[0].alternatives[0].points", />=\s*0|too small/i],
  ["a feedback moment that does not exist", (t) => t.replace("score: after-submit", "score: tomorrow"), "score: tomorrow", "feedback.score", /./],
  ["credit per try over 100", (t) => t.replace("creditPerTry: [100]", "creditPerTry: [100, 120]"), "creditPerTry: [100, 120]", "scoring.creditPerTry[1]", /100/],
  ["an unknown scenario (catalogue check)", (t) => t.replace("- scenario: ssh-via-bastion", "- scenario: ssh-via-bastian"), "ssh-via-bastian", "zones[1].alternatives[2].scenario", /unknown scenario "ssh-via-bastian"/],
  ["choose more than offered (catalogue check)", (t) => t.replace("choose: 2", "choose: 4"), "choose: 4", "zones[1].choose", /only 3/],
  ["a YAML syntax error", (t) => t.replace("title: \"NET101", "title: [\"NET101"), "title: [", "(yaml)", /./],
  ["a duplicate key", (t) => t.replace("kind: exam\n", "kind: exam\nkind: homework\n"), "kind: homework", "(yaml)", /unique|duplicate/i],
];

describe("a broken file names the file, the line, the path and the problem", () => {
  test.each(BROKEN)("%s", (label, breakIt, onLine, path, message) => {
    const text = breakIt(fixtureText());
    expect(text).not.toBe(fixtureText());
    const r = loadAssessmentText(text, "courses/net101/midterm.yaml", CATALOGUE);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors[0]!;
    const line = lineOf(text, onLine);
    // A YAML parser may notice an unclosed bracket only on the next line.
    expect(e.line === line || (label.includes("syntax") && e.line === line + 1)).toBe(true);
    expect(e.path).toBe(path);
    expect(e.message).toMatch(message);
    expect(formatAssessmentError(e)).toBe(`courses/net101/midterm.yaml:${e.line}: ${path}: ${e.message}`);
  });

  test("every problem of a file is reported at once", () => {
    const text = fixtureText().replace("kind: exam", "kind: quiz").replace("choose: 1", "choose: 0").replace("attempts: 1", "attempts: many");
    const r = loadAssessmentText(text, "f.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(["access.attempts", "kind", "zones[0].choose"]);
  });

  test("without a catalogue only the schema is checked", () => {
    const r = loadAssessmentText(fixtureText().replace("scenario: ssh-via-bastion", "scenario: not-in-catalogue"), "f.yaml");
    expect(r.ok).toBe(true);
  });

  test("warnings come back with a definition that loads", () => {
    const r = loadAssessmentText(fixtureText().replace("points: 15\n      - scenario: ssh", "points: 20\n      - scenario: ssh"), "f.yaml", CATALOGUE);
    expect(r.ok).toBe(true);
    // A list is placed where its first item starts.
    expect(r.warnings.map((w) => [w.path, w.line])).toEqual([["zones[1].alternatives", lineOf(fixtureText(), "- scenario: aws-private-subnet-nat")]]);
    expect(r.warnings[0]!.message).toMatch(/different points \(15, 20\)/);
  });

  test("hostile input never throws", () => {
    for (const text of ["", "[]", "42", "a: b: c", "{{{{", "x".repeat(300_000), "&a [*a]", "id: x\n".repeat(3), "- &a [*a, *a, *a, *a, *a, *a, *a, *a, *a]", "zones: !!binary aGVsbG8="]) {
      expect(loadAssessmentText(text, "hostile.yaml", CATALOGUE).ok).toBe(false);
    }
  });
});
