/**
 * Option ids are keyed by a per-attempt secret: they carry nothing of the answer, differ between
 * attempts of one variant, stay the same for one attempt, orderings are shown shuffled, and
 * grading maps the ids back so it grades exactly as before.
 */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeAnswers, modelAnswers } from "@/lib/grader";
import { catalogueKeying, keyOrder } from "@/lib/grader/option-ids";
import type { AnswerKey, KeyBlank } from "@/lib/grader/types";
import { hmacSha256Hex, sha256Hex } from "@/lib/scenario/digest";
import { scenario } from "../helpers/scenarios";

const GOOGLE = scenario("browser-to-google");
const SEED = 123_456;
const salts = Array.from({ length: 60 }, (_, i) => `salt-${i}-${"x".repeat(i % 7)}`);
const keys = new Map<string, AnswerKey>();
const keyFor = (salt: string): AnswerKey => keys.get(salt) ?? keys.set(salt, buildAnswerKey(GOOGLE, SEED, "advanced", { salt })).get(salt)!;
const orderBlank = (key: AnswerKey): KeyBlank => key.blanks.find((b) => b.kind === "order")!;
const choiceBlanks = (key: AnswerKey): KeyBlank[] => key.blanks.filter((b) => b.kind === "choice");
const ctx = { scenario: GOOGLE, contentHash: "test" };

describe("the digest the ids rest on is SHA-256 and HMAC-SHA-256", () => {
  test.each([
    { label: "empty", text: "" },
    { label: "one block", text: "abc" },
    { label: "55 bytes (padding fits)", text: "x".repeat(55) },
    { label: "56 bytes (padding spills)", text: "x".repeat(56) },
    { label: "a key longer than a block", text: "k".repeat(100) },
    { label: "multi-byte UTF-8", text: "é€😀".repeat(30) },
  ])("$label", ({ text }) => {
    expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
    expect(hmacSha256Hex(text, `m:${text}`)).toBe(createHmac("sha256", text).update(`m:${text}`).digest("hex"));
  });
});

describe("option ids of an attempt", () => {
  test("the DNS ordering has enough steps to test on", () => {
    expect(orderBlank(keyFor("a")).parts.length).toBeGreaterThanOrEqual(4);
  });

  test.each([
    { label: "sorting the ids", arrange: (ids: string[]) => [...ids].sort() },
    { label: "sorting by the last character", arrange: (ids: string[]) => [...ids].sort((a, b) => a.at(-1)!.localeCompare(b.at(-1)!)) },
    { label: "sorting by the trailing number", arrange: (ids: string[]) => [...ids].sort((a, b) => Number(/\d+$/.exec(a)?.[0] ?? 0) - Number(/\d+$/.exec(b)?.[0] ?? 0)) },
    { label: "the order shown", arrange: (ids: string[]) => ids },
  ])("$label does not give the right order", ({ arrange }) => {
    let hits = 0;
    for (const salt of salts) {
      const blank = orderBlank(keyFor(salt));
      const answer = blank.parts.map((p) => p.expected);
      if (JSON.stringify(arrange(blank.options!.map((o) => o.id))) === JSON.stringify(answer)) hits++;
    }
    // With n >= 4 steps a blind arrangement is right with probability 1/n! <= 1/24.
    expect(hits).toBeLessThanOrEqual(6);
  });

  test("where the first step's id falls among the ids is spread out, not tied to its place", () => {
    const n = orderBlank(keyFor("a")).parts.length;
    const ranks = salts.map((salt) => {
      const blank = orderBlank(keyFor(salt));
      return [...blank.options!.map((o) => o.id)].sort().indexOf(blank.parts[0]!.expected);
    });
    expect(new Set(ranks).size).toBeGreaterThanOrEqual(Math.min(n, 3));
  });

  test("differ between two attempts of the same variant, for every choice and ordering", () => {
    const a = keyFor("attempt-one");
    const b = keyFor("attempt-two");
    const ids = (k: AnswerKey) => k.blanks.filter((x) => x.options).flatMap((x) => x.options!.map((o) => o.id));
    expect(ids(a).length).toBeGreaterThan(10);
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
    // The variant is the same: every other expected value is too.
    const values = (k: AnswerKey) => k.blanks.filter((x) => x.kind !== "order").map((x) => x.expected);
    expect(values(a)).toEqual(values(b));
  });

  test("are the same every time one attempt's sheet is built", () => {
    expect(JSON.stringify(keyFor("same").sheet)).toBe(JSON.stringify(keyFor("same").sheet));
  });

  test("orderings are shown in a shuffled order that changes between attempts", () => {
    const shown = new Set(salts.map((salt) => orderBlank(keyFor(salt)).options!.map((o) => o.text).join("|")));
    expect(shown.size).toBeGreaterThan(salts.length / 2);
    for (const salt of salts) {
      const blank = orderBlank(keyFor(salt));
      expect(blank.options!.map((o) => o.id)).not.toEqual(blank.parts.map((p) => p.expected));
    }
  });

  test("choice ids look random and are not the value they stand for", () => {
    for (const blank of choiceBlanks(keyFor("c"))) {
      for (const o of blank.options!) {
        expect(o.id).toMatch(/^o[0-9a-f]{12}$/);
        expect(o.id.toLowerCase()).not.toContain(blank.optionValues![o.id]!.toLowerCase());
      }
    }
  });

  test("a shown order that equals the answer is rotated, never served", () => {
    const items = [{ key: "0", text: "a" }, { key: "1", text: "b" }];
    for (const salt of salts) {
      const r = keyOrder({ salt }, "f/order/q", "q", "f", 1, items);
      expect(r.options.map((o) => o.id)).not.toEqual(r.expected);
    }
  });
});

describe("grading maps the ids back", () => {
  const key = keyFor("grading");
  const model = modelAnswers(key);

  test("the model answers (option ids) score full marks", () => {
    expect(gradeAnswers(key, model, ctx).percent).toBe(100);
  });

  test.each([
    { label: "a choice answered with its value (as an API caller may)", change: (b: KeyBlank) => b.expected, score: 1, status: "correct" },
    { label: "a choice answered with another option's id", change: (b: KeyBlank) => b.options!.find((o) => b.optionValues![o.id] !== b.expected)!.id, score: 0, status: "wrong" },
    { label: "a choice answered with an id of another attempt", change: (b: KeyBlank) => choiceBlanks(keyFor("other")).find((x) => x.id === b.id)!.options![0]!.id, score: 0, status: "format-error" },
  ])("$label", ({ change, score, status }) => {
    for (const blank of choiceBlanks(key)) {
      const field = gradeAnswers(key, { ...model, [blank.id]: change(blank) }, ctx).fields.find((f) => f.id === blank.id)!;
      expect({ id: blank.id, score: field.score, status: field.status }).toEqual({ id: blank.id, score, status });
      if (status !== "format-error") expect(field.expected).toBe(blank.expected);
    }
  });

  test.each([
    { label: "the ids in the right order", arrange: (ids: string[]) => ids, status: "correct" },
    { label: "the ids reversed", arrange: (ids: string[]) => [...ids].reverse(), status: "partial" },
  ])("an ordering: $label", ({ arrange, status }) => {
    const blank = orderBlank(key);
    const field = gradeAnswers(key, { ...model, [blank.id]: arrange(blank.parts.map((p) => p.expected)) }, ctx).fields.find((f) => f.id === blank.id)!;
    expect(field.status).toBe(status);
  });

  test("the ordering of another attempt of the same variant is not readable here", () => {
    const blank = orderBlank(key);
    const other = orderBlank(keyFor("other")).parts.map((p) => p.expected);
    expect(gradeAnswers(key, { [blank.id]: other }, ctx).fields.find((f) => f.id === blank.id)!.status).toBe("format-error");
  });

  test("catalogue variants default to a public keying, the same for everyone", () => {
    expect(JSON.stringify(buildAnswerKey(GOOGLE, 42, "advanced").sheet)).toBe(JSON.stringify(buildAnswerKey(GOOGLE, 42, "advanced", catalogueKeying(GOOGLE.id, 42)).sheet));
  });

  test("legacy keying reproduces the ids attempts had before salts, so their saved answers still grade", () => {
    const legacy = buildAnswerKey(GOOGLE, SEED, "advanced", { legacy: true });
    const blank = orderBlank(legacy);
    blank.parts.forEach((p, i) => expect(p.expected).toMatch(new RegExp(`^s[0-9a-z]+${i}$`)));
    expect(choiceBlanks(legacy).every((b) => b.options!.every((o) => b.optionValues![o.id] === o.id))).toBe(true);
    expect(gradeAnswers(legacy, modelAnswers(legacy), ctx).percent).toBe(100);
  });
});
