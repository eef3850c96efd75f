/** The results page's wording: carried-forward answers, choice labels, repeated prompts, the first divergence. */
import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeAnswers } from "@/lib/grader";
import { modelAnswers } from "@/lib/grader/model-answers";
import { answerText, beforeDivergence, placeAfterLabel, verdictOf } from "@/lib/practice/result-display";
import { scenario } from "../helpers/scenarios";

describe("a wrong value carried forward from an earlier mistake", () => {
  const s = scenario("browser-to-google");
  const key = buildAnswerKey(s, 0, "advanced");
  const answers = { ...(modelAnswers(key) as Record<string, unknown>) };
  answers["first-visit/tcp.syn@laptop/ip.ttl"] = "128"; // the mistake: Windows' initial TTL
  answers["first-visit/tcp.syn@home-router/ip.ttl"] = "127"; // consistent with it
  const result = gradeAnswers(key, answers, { scenario: s, contentHash: "t" });

  test("the answer that repeats an earlier mistake keeps its points but is flagged, with the true value in its feedback", () => {
    const carried = result.fields.filter((f) => f.carriedForward);
    const carriedIds = carried.map((f) => f.id);
    expect(carried.length).toBeGreaterThan(0);
    // Whichever later field follows from it: none is a plain "Right".
    for (const f of carried) {
      expect(f.score).toBe(1);
      expect(verdictOf(f)).toMatchObject({ text: "Consistent with your earlier answer", showExpected: true });
      expect(f.feedback).toContain(`Not the simulator's value (${f.expected})`);
      expect(f.feedback).toMatch(/consistent with your earlier answer/);
    }
    expect(carriedIds).toEqual(["first-visit/tcp.syn@home-router/ip.ttl"]);
  });

  test("a NAT port repeated after a wrong NAT entry is carried, not Right", () => {
    const again = { ...(modelAnswers(key) as Record<string, unknown>) };
    const nat = again["first-visit/nat@home-router~2/nat"] as { inside: string; translated: string; outside: string };
    again["first-visit/nat@home-router~2/nat"] = { ...nat, translated: "203.0.113.50:10005" };
    again["first-visit/tcp.syn@home-router/src"] = "203.0.113.50:10005";
    const f = gradeAnswers(key, again, { scenario: s, contentHash: "t" }).fields.find((x) => x.id === "first-visit/tcp.syn@home-router/src")!;
    expect(f.carriedForward).toBe(true);
    expect(verdictOf(f).text).toBe("Consistent with your earlier answer");
    expect(f.feedback).toContain("203.0.113.50:10002");
  });

  test("a right answer is plain Right and hides the expected value", () => {
    expect(verdictOf({ status: "correct" })).toMatchObject({ text: "Right", showExpected: false });
  });
});

describe("answers to choices read as the words picked", () => {
  const options = [{ id: "resolver", text: "Google Public DNS (8.8.8.8)" }, { id: "root-server", text: "a.root-servers.net" }];
  test.each([
    ["a component", "choice", "root-server", "a.root-servers.net"],
    ["an ordering", "order", "resolver root-server", "Google Public DNS (8.8.8.8) → a.root-servers.net"],
    ["a typed value (no options)", "ipv4", "8.8.8.8", "8.8.8.8"],
  ] as const)("%s", (_label, kind, value, text) => {
    expect(answerText(value, { kind, options: kind === "ipv4" ? undefined : options })).toBe(text);
  });
});

describe("a field's heading", () => {
  test.each([
    ["a question whose label is its prompt is not repeated", "Second visit: does the cache have it?", "Second visit: does the cache have it?", null],
    ["a hop field shows its hop", "TTL", "TCP SYN as it leaves Your laptop", "TCP SYN as it leaves Your laptop"],
  ] as const)("%s", (_label, label, place, shown) => {
    expect(placeAfterLabel(label, place)).toBe(shown);
  });
});

describe("the sentence under the first divergence", () => {
  test.each([
    ["everything before was right", [{ id: "a", status: "correct" }, { id: "b", status: "wrong" }], "b", /^Everything before this point matched/],
    ["the first field was a format error", [{ id: "a", status: "format-error" }, { id: "b", status: "wrong" }], "b", /1 could not be read/],
    ["a field before was left blank", [{ id: "a", status: "unanswered" }, { id: "b", status: "wrong" }], "b", /1 was left blank/],
  ] as const)("%s", (_label, fields, first, pattern) => {
    const text = beforeDivergence(fields, first);
    expect(text).toMatch(pattern);
    if (fields[0]!.status !== "correct") expect(text).not.toMatch(/^Everything/);
  });
});

describe("a choice of an attempt with random option ids reads by the value the grader reports", () => {
  const s = scenario("browser-to-google");
  const key = buildAnswerKey(s, 0, "advanced", { salt: "result-display-test-salt" });
  const component = key.blanks.find((b) => b.field === "component" && b.options && b.optionValues)!;
  const textByValue = Object.fromEntries(component.options!.map((o) => [component.optionValues![o.id]!, o.text]));
  const picked = component.options!.find((o) => o.text !== component.optionValues![o.id])!;
  const graded = gradeAnswers(key, { [component.id]: picked.id }, { scenario: s, contentHash: "t" }).fields.find((f) => f.id === component.id)!;

  test.each([
    ["the answer given", () => graded.given],
    ["the expected answer", () => graded.expected],
  ] as const)("%s is named by its words, not its internal value", (_label, value) => {
    const v = value()!;
    expect(answerText(v, { kind: "choice", options: component.options! }, textByValue)).toBe(textByValue[v]);
    expect(textByValue[v]).not.toBe(v);
  });

  test("without the mapping, the internal value is all there is (why results need it)", () => {
    expect(graded.given).toBe(component.optionValues![picked.id]);
    expect(answerText(graded.given, { kind: "choice", options: component.options! })).toBe(graded.given);
  });
});
