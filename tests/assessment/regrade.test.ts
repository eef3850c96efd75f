/**
 * The regrade diff: hand-made results for every kind of change, the rule that scores are not
 * lowered without the instructor's say, and a real content change (a network ACL rule flipped to
 * deny) graded before and after for a small class, which must alter exactly the fields it should
 * for exactly the students it should.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { comparableGrade, describeChange, diffResults, regradeVerdict, type ComparableField, type ComparableResult } from "@/lib/assessment/regrade";
import { blankLocation, responseFromStored } from "@/lib/assessment/stored-response";
import { buildAnswerKey, gradeAnswers, modelAnswers, storedResult, type Answers, type GradeResult } from "@/lib/grader";
import { loadScenarioText } from "@/lib/scenario/load";
import { CONTENT_DIR } from "../helpers/scenarios";

const f = (id: string, status: ComparableField["status"], score: number, extra: Partial<ComparableField> = {}): ComparableField =>
  ({ id, status, score, given: null, misconception: null, ...extra });
const result = (fields: ComparableField[]): ComparableResult => ({ score: fields.reduce((s, x) => s + x.score, 0), maxScore: fields.length, fields });

describe("diffResults on hand-made results", () => {
  test.each([
    ["identical results: no change", [f("a", "correct", 1)], [f("a", "correct", 1)], []],
    ["an expected value that changed without changing the verdict is not a change",
      [f("a", "unanswered", 0, { expected: "10.0.0.1" })], [f("a", "unanswered", 0, { expected: "10.0.0.2" })], []],
    ["right before, wrong after, because the expected value changed",
      [f("a", "correct", 1, { expected: "10.0.0.1" })], [f("a", "wrong", 0, { expected: "10.0.0.2" })],
      [{ id: "a", scoreBefore: 1, scoreAfter: 0, reasons: [{ kind: "expected-changed", before: "10.0.0.1", after: "10.0.0.2" }, { kind: "status-changed", before: "correct", after: "wrong" }] }]],
    ["a misconception now recognised", [f("a", "wrong", 0)], [f("a", "wrong", 0, { misconception: "nat-before-routing" })],
      [{ id: "a", scoreBefore: 0, scoreAfter: 0, reasons: [{ kind: "misconception-changed", before: null, after: "nat-before-routing" }] }]],
    ["a weight change shows with the credit it moves", [f("a", "partial", 0.5, { weight: 1 })], [f("a", "partial", 1, { weight: 2 })],
      [{ id: "a", scoreBefore: 0.5, scoreAfter: 1, reasons: [{ kind: "weight-changed", before: 1, after: 2 }] }]],
    ["a blank added and one removed", [f("a", "correct", 1), f("gone", "correct", 1)], [f("a", "correct", 1), f("new", "unanswered", 0)],
      [{ id: "new", scoreBefore: 0, scoreAfter: 0, reasons: [{ kind: "field-added" }] }, { id: "gone", scoreBefore: 1, scoreAfter: 0, reasons: [{ kind: "field-removed" }] }]],
  ])("%s", (_label, before, after, changes) => {
    const diff = diffResults(result(before), result(after));
    expect(diff.changes).toEqual(changes);
  });

  test("a full grading compares with its stored form by the misconception's rule", () => {
    const misconception = { rule: "nat-before-routing", name: "NAT before routing", truth: "routing first" };
    const fieldGrade = { id: "a", status: "wrong" as const, score: 0, given: "1.1.1.1", misconception, expected: "2.2.2.2", weight: 1 };
    const stored = result([f("a", "wrong", 0, { given: "1.1.1.1", misconception: "nat-before-routing" })]);
    expect(diffResults(stored, comparableGrade({ score: 0, maxScore: 1, fields: [fieldGrade as never] })).changes).toEqual([]);
  });

  test("a change reads as one line", () => {
    const [change] = diffResults(result([f("f/h1/src", "correct", 1, { expected: "1.1.1.1" })]), result([f("f/h1/src", "wrong", 0, { expected: "1.1.1.2" })])).changes;
    expect(describeChange(change!)).toBe("f/h1/src: 1 -> 0 (the expected answer changed from 1.1.1.1 to 1.1.1.2; the answer is now wrong (was correct))");
  });
});

describe("regradeVerdict: scores are not lowered unless the instructor says so", () => {
  test.each([
    ["same score", 5, 5, false, "unchanged", 5],
    ["higher", 5, 7, false, "raised", 7],
    ["lower, lowering not allowed: the old score stays", 5, 3, false, "kept", 5],
    ["lower, lowering allowed", 5, 3, true, "lowered", 3],
    ["higher with lowering allowed is still a raise", 5, 7, true, "raised", 7],
  ])("%s", (_label, old, next, allowLower, verdict, finalScore) => {
    expect(regradeVerdict(old, next, allowLower)).toEqual({ verdict, finalScore });
  });
});

describe("stored results as statistics responses", () => {
  test.each([
    ["a packet field", "apt-update/tcp.syn@nat-a/src", { at: "apt-update/tcp.syn@nat-a", field: "src" }],
    ["an outcome", "web/outcome/disposition", { at: "web/outcome", field: "disposition" }],
    ["an ordering", "dns/order/walk", { at: "dns/order", field: "walk" }],
    ["no slash", "odd", { at: "", field: "odd" }],
  ])("%s", (_label, id, location) => {
    expect(blankLocation(id)).toEqual(location);
  });
});

describe("a real content change: the private subnet's ACL now denies the return traffic", () => {
  const text = readFileSync(path.join(CONTENT_DIR, "aws-private-subnet-nat.yaml"), "utf8");
  const RULE = "{ rule: 110, protocol: tcp, ports: [1024, 65535], cidr: 0.0.0.0/0, action: allow }";
  expect(text).toContain(RULE);
  const load = (t: string) => {
    const r = loadScenarioText(t, "aws-private-subnet-nat.yaml");
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
    return r.scenario;
  };
  const original = load(text);
  const changed = load(text.replace(RULE, RULE.replace("allow", "deny")));
  const reworded = load(text.replace("Follow the packets out and back", "Follow every packet out and back"));
  const SEED = 0;
  const before = buildAnswerKey(original, SEED, "intermediate");
  const after = buildAnswerKey(changed, SEED, "intermediate");
  const model = modelAnswers(before);
  const OUTCOME = ["apt-update/outcome/disposition", "apt-update/outcome/component"];

  const without = (answers: Answers, ids: readonly string[]): Answers => Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.includes(id)));
  // The class: what each student answered when they took the assessment on the original content.
  const CLASS: readonly [string, Answers, readonly string[]][] = [
    ["all right on the original content: loses exactly the two outcome fields", model, OUTCOME],
    ["predicted the denial the new content has: gains exactly the two outcome fields", { ...model, ...Object.fromEntries(OUTCOME.map((id) => [id, modelAnswers(after)[id]!])) }, OUTCOME],
    ["left the outcome blank: unaffected", without(model, OUTCOME), []],
    ["wrong at an earlier hop, outcome right: only the outcome changes", without(model, ["apt-update/tcp.syn@app-server/src"]), OUTCOME],
  ];
  const full = (key: typeof before, scenario: typeof original, answers: Answers, hash: string): GradeResult => gradeAnswers(key, answers, { scenario, contentHash: hash });
  const grade = (key: typeof before, scenario: typeof original, answers: Answers, hash: string) => comparableGrade(full(key, scenario, answers, hash));

  test("the change moves only the outcome's expected values", () => {
    const moved = before.blanks.filter((b, i) => after.blanks[i]!.id !== b.id || after.blanks[i]!.expected !== b.expected).map((b) => b.id);
    expect(moved).toEqual(OUTCOME);
  });

  test.each(CLASS)("%s", (_label, answers, changedFields) => {
    const stored = storedResult(full(before, original, answers, "old"));
    const regraded = grade(after, changed, answers, "new");
    const diff = diffResults(stored, regraded);
    expect(diff.changes.map((c) => c.id)).toEqual(changedFields);
    const lost = diff.changes.reduce((s, c) => s + c.scoreBefore - c.scoreAfter, 0);
    expect(diff.scoreBefore - diff.scoreAfter).toBeCloseTo(lost, 6);
    // Regrading against the original content reproduces the stored result exactly.
    expect(diffResults(stored, grade(before, original, answers, "old")).changes).toEqual([]);
  });

  test.each(CLASS)("a wording change alters nothing: %s", (_label, answers) => {
    const stored = storedResult(full(before, original, answers, "old"));
    const regraded = grade(buildAnswerKey(reworded, SEED, "intermediate"), reworded, answers, "reworded");
    expect(diffResults(stored, regraded).changes).toEqual([]);
  });

  test("the statistics read the hop and field off a stored result", () => {
    const response = responseFromStored("q", storedResult(full(before, original, model, "old")), 42);
    expect(response.earned).toBe(response.possible);
    expect(response.fields.find((x) => x.field === "disposition")).toMatchObject({ at: "apt-update/outcome", status: "correct" });
  });
});
