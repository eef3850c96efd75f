import { describe, expect, test } from "vitest";
import {
  DRILL_KINDS,
  answerKey,
  formatAnswer,
  generateDrill,
  gradeDrill,
  type AnswerValue,
  type DrillBlank,
  type DrillGrade,
  type DrillKind,
} from "../../lib/drills";
import { must } from "../../lib/net";

const SEEDS = Array.from({ length: 500 }, (_, i) => i);

const graded = (seed: unknown, kind: unknown, answers: unknown): DrillGrade => must(gradeDrill(seed, kind, answers));

/** A parseable answer that is certainly wrong for this blank. */
function wrongAnswer(blank: DrillBlank): string {
  const e: AnswerValue = blank.expected;
  switch (e.type) {
    case "ipv4":
      return e.address === null ? "10.0.0.1" : formatAnswer({ type: "ipv4", address: ((e.address ^ 1) >>> 0) as never });
    case "integer":
      return String(e.value + 1);
    case "cidr":
      return `${formatAnswer({ type: "ipv4", address: e.address })}/${e.prefix === 0 ? 1 : e.prefix - 1}`;
    case "prefix":
      return `/${e.prefix === 32 ? 31 : e.prefix + 1}`;
    case "choice": {
      const options = blank.format.type === "choice" ? blank.format.options : [];
      return options.find((o) => o.id !== e.option)!.id;
    }
  }
}

describe("grading the generator's own answers", () => {
  test.each(DRILL_KINDS.map((k) => [k]))("%s: full marks for seeds 0-499", (kind) => {
    for (const seed of SEEDS) {
      const grade = graded(seed, kind, answerKey(seed, kind));
      if (grade.score !== grade.maxScore) throw new Error(`seed ${seed}: ${JSON.stringify(grade)}`);
      expect(grade.formatErrors).toBe(0);
    }
  });

  test("full marks when the bank chose the kind", () => {
    for (const seed of SEEDS) {
      const drill = generateDrill(seed);
      const grade = graded(seed, drill.kind, answerKey(seed));
      expect(grade.score).toBe(grade.maxScore);
      expect(grade.drillId).toBe(drill.id);
    }
  });

  test.each(DRILL_KINDS.map((k) => [k]))("%s: each single wrong field loses exactly its point", (kind) => {
    for (const seed of SEEDS.slice(0, 100)) {
      const drill = generateDrill(seed, kind);
      const key = answerKey(seed, kind);
      for (const blank of drill.blanks) {
        const grade = graded(seed, kind, { ...key, [blank.id]: wrongAnswer(blank) });
        expect(grade.score, `seed ${seed} blank ${blank.id}`).toBe(grade.maxScore - 1);
        const result = grade.blanks.find((b) => b.blankId === blank.id)!;
        expect(result.status).toBe("incorrect");
        expect(result.expected).not.toBeNull();
        expect(result.explanation).toBe(blank.explanation);
      }
    }
  });
});

describe("other spellings of a right answer", () => {
  const facts = (seed: number) => generateDrill(seed, "subnet-facts");
  const seedWithPrefix = (predicate: (p: number) => boolean): number =>
    SEEDS.find((s) => {
      const g = facts(s).given;
      return g.kind === "subnet-facts" && predicate(g.prefix);
    })!;

  test.each([
    ["a count with thousands separators", "usable-hosts", (v: string) => Number(v).toLocaleString("en-US")],
    ["a count as a number, not text", "usable-hosts", (v: string) => Number(v)],
    ["an address with spaces around it", "network", (v: string) => `  ${v} `],
  ])("%s", (_label, blankId, respell) => {
    const seed = seedWithPrefix((p) => p <= 20);
    const key = answerKey(seed, "subnet-facts");
    const grade = graded(seed, "subnet-facts", { ...key, [blankId]: respell(key[blankId]!) });
    expect(grade.score).toBe(grade.maxScore);
  });

  test.each([["none"], ["NONE"], ["n/a"], ["-"]])("%j for a /31 or /32 broadcast", (spelling) => {
    const seed = seedWithPrefix((p) => p >= 31);
    const grade = graded(seed, "subnet-facts", { ...answerKey(seed, "subnet-facts"), broadcast: spelling });
    expect(grade.score).toBe(grade.maxScore);
  });

  test("a prefix with or without its slash, or as a number", () => {
    const seed = SEEDS.find((s) => generateDrill(s, "netmask-prefix").given.kind === "netmask-prefix" && "mask" in generateDrill(s, "netmask-prefix").given)!;
    const key = answerKey(seed, "netmask-prefix");
    const bare = key.prefix!.slice(1);
    for (const spelling of [bare, `/${bare}`, Number(bare), ` /${bare} `]) {
      expect(graded(seed, "netmask-prefix", { ...key, prefix: spelling }).score).toBe(2);
    }
  });

  test("a choice by its label, in any case", () => {
    const drill = generateDrill(3, "classful-class");
    const option = drill.blanks[0]!.expected.type === "choice" ? drill.blanks[0]!.expected.option : "";
    expect(graded(3, "classful-class", { class: `class ${option.toLowerCase()}` }).score).toBe(1);
    expect(graded(3, "classful-class", { class: option.toLowerCase() }).score).toBe(1);
  });
});

describe("feedback for a wrong answer", () => {
  const regular = SEEDS.find((s) => {
    const g = generateDrill(s, "subnet-facts").given;
    return g.kind === "subnet-facts" && g.prefix <= 30;
  })!;
  const drill = generateDrill(regular, "subnet-facts");
  const key = answerKey(regular, "subnet-facts");
  const grade = (answers: Record<string, unknown>) => graded(regular, "subnet-facts", { ...key, ...answers });
  const feedbackFor = (answers: Record<string, unknown>, blankId: string) => grade(answers).blanks.find((b) => b.blankId === blankId)!.feedback;

  test.each([
    ["the last usable given as the broadcast", { broadcast: key["last-usable"] }, "broadcast", /last usable host; the broadcast is one above/],
    ["the broadcast given as the last usable", { "last-usable": key.broadcast }, "last-usable", /broadcast address; the last usable host is one below/],
    ["the network given as the first usable", { "first-usable": key.network }, "first-usable", /network address itself/],
    ["every address counted as usable", { "usable-hosts": String(Number(key["usable-hosts"]) + 2) }, "usable-hosts", /subtract 2/],
    ["\"none\" for a regular broadcast", { broadcast: "none" }, "broadcast", /Only \/31 and \/32/],
  ])("%s names the slip", (_label, answers, blankId, message) => {
    expect(feedbackFor(answers, blankId)).toMatch(message);
  });

  test("a block written with host bits set is pointed out", () => {
    const seed = SEEDS.find((s) => {
      const g = generateDrill(s, "cidr-contains").given;
      return g.kind === "cidr-contains" && g.block.prefix <= 24;
    })!;
    const k = answerKey(seed, "cidr-contains");
    const [address, prefix] = k.block!.split("/");
    const withHostBits = `${address!.replace(/\.\d+$/, ".77")}/${prefix}`;
    const result = graded(seed, "cidr-contains", { ...k, block: withHostBits }).blanks[1]!;
    expect(result.correct).toBe(false);
    expect(result.feedback).toMatch(/host bit/);
  });

  test("a correct answer says so", () => {
    expect(grade({}).blanks.every((b) => b.feedback === "Correct.")).toBe(true);
  });

  test("explanations come with every graded blank", () => {
    for (const b of grade({ network: "1.2.3.4" }).blanks) {
      expect(b.explanation).toBe(drill.blanks.find((d) => d.id === b.blankId)!.explanation);
    }
  });
});

describe("format errors", () => {
  const seed = 11;
  const kind: DrillKind = "subnet-facts";
  const key = answerKey(seed, kind);

  test.each([
    ["an address with an octet over 255", "network", "192.168.1.300", /over 255/],
    ["three octets", "network", "10.0.0", /four numbers/],
    ["a word", "first-usable", "first", /four numbers/],
    ["\"none\" where an address must be", "network", "none", /needed here/],
    ["an empty answer", "last-usable", "", /no answer/],
    ["a negative count", "usable-hosts", "-2", /whole number/],
    ["a fractional count", "usable-hosts", 2.5, /whole number/],
    ["a count with odd grouping", "usable-hosts", "1,6,2", /whole number/],
    ["a count as words", "usable-hosts", "two hundred", /whole number/],
    ["an object", "network", { ip: "10.0.0.0" }, /must be text/],
    ["an array", "network", ["10.0.0.0"], /must be text/],
    ["a huge string", "network", "1".repeat(5_000_000), /too long/],
  ])("%s is a format error, not a wrong mark", (_label, blankId, value, message) => {
    const grade = graded(seed, kind, { ...key, [blankId]: value });
    const result = grade.blanks.find((b) => b.blankId === blankId)!;
    expect(result.status).toBe("format-error");
    expect(result.feedback).toMatch(message);
    expect(grade.formatErrors).toBe(1);
    expect(grade.score).toBe(grade.maxScore - 1);
  });

  test("a format error reveals neither the answer nor the explanation", () => {
    const result = graded(seed, kind, { ...key, network: "10.0.0" }).blanks[0]!;
    expect(result).toMatchObject({ status: "format-error", correct: false, score: 0, expected: null, explanation: null });
    expect(result.feedback).not.toContain(key.network);
  });

  test.each([
    ["netmask-prefix", "prefix", "255.255.255.0", /dotted netmask/],
    ["netmask-prefix", "prefix", "/33", /longer than 32/],
    ["netmask-prefix", "prefix", "twenty", /not a prefix length/],
    ["cidr-contains", "block", "10.0.0.0", /prefix length/],
    ["cidr-contains", "block", "10.0.0.0/40", /over 32/],
    ["cidr-contains", "inside", "maybe", /choose one of: yes, no/],
    ["classful-class", "class", "F", /choose one of: A, B, C, D, E/],
    ["address-category", "category", "secret", /choose one of/],
  ] as const)("%s: %s = %j", (drillKind, blankId, value, message) => {
    const s = SEEDS.find((x) => generateDrill(x, drillKind).blanks.some((b) => b.id === blankId))!;
    const result = graded(s, drillKind, { ...answerKey(s, drillKind), [blankId]: value }).blanks.find((b) => b.blankId === blankId)!;
    expect(result.status).toBe("format-error");
    expect(result.feedback).toMatch(message);
  });

  test("a cidr answer with host bits set is graded wrong, not rejected with the answer in the message", () => {
    const s = SEEDS.find((x) => {
      const g = generateDrill(x, "cidr-contains").given;
      return g.kind === "cidr-contains" && g.block.prefix < 32;
    })!;
    const d = generateDrill(s, "cidr-contains");
    if (d.given.kind !== "cidr-contains") throw new Error("wrong kind");
    const written = `${formatAnswer({ type: "ipv4", address: (d.given.block.network + 1) as never })}/${d.given.block.prefix}`;
    const result = graded(s, "cidr-contains", { block: written }).blanks[1]!;
    expect(result.status).toBe("incorrect");
  });
});

describe("hostile input never throws", () => {
  const seed = 5;
  const kind: DrillKind = "subnet-facts";
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwingProxy = new Proxy({}, { get: () => { throw new Error("get"); }, has: () => { throw new Error("has"); }, getOwnPropertyDescriptor: () => { throw new Error("gopd"); } });
  const throwingGetter = Object.defineProperty({}, "network", { enumerable: true, get: () => { throw new Error("boom"); } });
  const inherited = Object.create({ network: "10.0.0.0", broadcast: "10.255.255.255" }) as object;

  test.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", "network=10.0.0.0"],
    ["an array", ["10.0.0.0"]],
    ["an empty object", {}],
    ["a JSON __proto__ key", JSON.parse('{"__proto__": {"network": "10.0.0.0"}, "constructor": {"prototype": 1}}')],
    ["a null-prototype object", Object.create(null)],
    ["answers only on the prototype", inherited],
    ["a throwing getter", throwingGetter],
    ["a proxy that throws on every trap", throwingProxy],
    ["a revoked proxy", revoked.proxy],
    ["unknown blank ids only", { nope: "1", "../../etc": "2", toString: "x", hasOwnProperty: "y" }],
    ["values of every odd type", { network: Symbol("x"), broadcast: () => 1, "first-usable": 10n, "last-usable": new Date(0), "usable-hosts": { valueOf: () => 254 } }],
    ["a huge string in every blank", { network: "x".repeat(2_000_000), broadcast: " ".repeat(2_000_000), "usable-hosts": "9".repeat(2_000_000) }],
  ])("%s: every blank is a format error, nothing thrown", (_label, answers) => {
    const grade = graded(seed, kind, answers);
    expect(grade.score).toBe(0);
    expect(grade.formatErrors).toBe(grade.maxScore);
    for (const b of grade.blanks) expect(b).toMatchObject({ status: "format-error", expected: null, explanation: null });
  });

  test("prototype pollution does not happen", () => {
    graded(seed, kind, JSON.parse('{"__proto__": {"polluted": "yes"}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("unknown blank ids are ignored alongside correct answers", () => {
    const grade = graded(seed, kind, { ...answerKey(seed, kind), extra: "1", __proto__: "x" });
    expect(grade.score).toBe(grade.maxScore);
    expect(grade.blanks.map((b) => b.blankId)).toEqual(generateDrill(seed, kind).blanks.map((b) => b.id));
  });

  test.each([
    ["a negative seed", -1, kind], ["a fractional seed", 1.5, kind], ["a string seed", "5", kind], ["NaN", Number.NaN, kind],
    ["a seed past 2^32", 2 ** 32, kind], ["an unknown kind", 5, "dns"], ["a __proto__ kind", 5, "__proto__"],
    ["a null kind", 5, null], ["an object kind", 5, { toString: (): string => "subnet-facts" }],
  ])("%s is refused, not thrown", (_label, badSeed, badKind) => {
    const result = gradeDrill(badSeed, badKind, {});
    expect(result.ok).toBe(false);
  });
});
