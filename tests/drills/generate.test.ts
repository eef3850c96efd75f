import { describe, expect, test } from "vitest";
import {
  DRILL_KINDS,
  drillId,
  generateDrill,
  isDrillKind,
  isDrillSeed,
  kindForSeed,
  publicDrill,
  type Drill,
  type DrillKind,
} from "../../lib/drills";
import { classify } from "../../lib/net";

const SEEDS = Array.from({ length: 500 }, (_, i) => i);
const all = (kind: DrillKind): Drill[] => SEEDS.map((s) => generateDrill(s, kind));

describe("determinism", () => {
  test.each(DRILL_KINDS.map((k) => [k]))("%s: the same seed gives the same drill", (kind) => {
    for (const seed of [0, 1, 42, 4_294_967_295]) {
      expect(generateDrill(seed, kind)).toEqual(generateDrill(seed, kind));
    }
  });

  test("without a kind, the seed chooses one, always the same", () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const drill = generateDrill(seed);
      expect(drill.kind).toBe(kindForSeed(seed));
      expect(drill).toEqual(generateDrill(seed, drill.kind));
    }
  });

  test("the seed alone reaches every kind", () => {
    expect(new Set(SEEDS.map(kindForSeed))).toEqual(new Set(DRILL_KINDS));
  });

  test("ids are derived from kind and seed, and unique", () => {
    expect(generateDrill(7, "subnet-facts").id).toBe(drillId("subnet-facts", 7));
    const ids = DRILL_KINDS.flatMap((k) => SEEDS.slice(0, 100).map((s) => generateDrill(s, k).id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("different seeds give different questions", () => {
    for (const kind of DRILL_KINDS) {
      const prompts = new Set(all(kind).map((d) => d.prompt));
      // netmask-prefix has only 66 distinct questions (33 lengths x 2 directions); the rest far more.
      expect(prompts.size).toBeGreaterThan(kind === "netmask-prefix" ? 50 : 300);
    }
  });
});

describe("the generator asks interesting questions", () => {
  test("subnet facts cover every prefix length /8-/32, /31 and /32 included", () => {
    const lengths = new Set(all("subnet-facts").map((d) => (d.given.kind === "subnet-facts" ? d.given.prefix : -1)));
    for (let p = 8; p <= 32; p++) expect(lengths, `/${p}`).toContain(p);
  });

  test("subnet facts draw from private, carrier-grade NAT, documentation and public space", () => {
    const categories = new Set(all("subnet-facts").map((d) => (d.given.kind === "subnet-facts" ? classify(d.given.address).category : null)));
    for (const c of ["PRIVATE_RFC1918", "CARRIER_GRADE_NAT", "DOCUMENTATION", "PUBLIC"]) expect(categories).toContain(c);
  });

  test("subnet facts sometimes give the network or broadcast address itself", () => {
    const edges = all("subnet-facts").filter((d) => {
      if (d.given.kind !== "subnet-facts" || d.given.prefix >= 31) return false;
      const size = 2 ** (32 - d.given.prefix);
      const offset = d.given.address % size;
      return offset === 0 || offset === size - 1;
    });
    expect(edges.length).toBeGreaterThan(20);
  });

  test("address categories cover every special range the learner can choose, and public near-misses", () => {
    const answers = all("address-category").map((d) => d.blanks[0]!.expected);
    const chosen = new Set(answers.map((a) => (a.type === "choice" ? a.option : "")));
    for (const id of ["private", "public", "loopback", "link-local", "multicast", "limited-broadcast", "this-network", "carrier-grade-nat", "documentation", "benchmarking", "reserved"]) {
      expect(chosen, id).toContain(id);
    }
    const nearMisses = all("address-category").filter((d) => d.blanks[0]!.explanation.includes("Careful"));
    expect(nearMisses.length).toBeGreaterThan(20);
  });

  test("classful questions cover classes A to E", () => {
    const classes = new Set(all("classful-class").map((d) => (d.blanks[0]!.expected.type === "choice" ? d.blanks[0]!.expected.option : "")));
    expect(classes).toEqual(new Set(["A", "B", "C", "D", "E"]));
  });

  test("netmask questions go both ways and reach /0 and /32", () => {
    const drills = all("netmask-prefix");
    const directions = new Set(drills.map((d) => (d.given.kind === "netmask-prefix" ? d.given.direction : "")));
    expect(directions).toEqual(new Set(["prefix-to-mask", "mask-to-prefix"]));
    const prompts = drills.map((d) => d.prompt).join("\n");
    expect(prompts).toMatch(/a \/32 |netmask 255\.255\.255\.255\?/);
    expect(prompts).toMatch(/a \/0 |netmask 0\.0\.0\.0\?/);
  });

  test("containment questions are answered yes and no, often at the block's edge", () => {
    const drills = all("cidr-contains");
    const yes = drills.filter((d) => d.blanks[0]!.expected.type === "choice" && d.blanks[0]!.expected.option === "yes");
    expect(yes.length).toBeGreaterThan(150);
    expect(drills.length - yes.length).toBeGreaterThan(150);
    const justOutside = drills.filter((d) => {
      if (d.given.kind !== "cidr-contains") return false;
      const last = d.given.block.network + 2 ** (32 - d.given.block.prefix) - 1;
      return d.given.address === d.given.block.network - 1 || d.given.address === last + 1;
    });
    expect(justOutside.length).toBeGreaterThan(40);
  });

  test("every blank has an explanation, and no known mistake equals the answer", () => {
    for (const kind of DRILL_KINDS) {
      for (const d of all(kind)) {
        for (const b of d.blanks) {
          expect(b.explanation.length).toBeGreaterThan(10);
          expect(b.format.type).toBe(b.expected.type);
          for (const m of b.mistakes) expect(m.answer).not.toEqual(b.expected);
        }
      }
    }
  });
});

describe("publicDrill", () => {
  test.each(DRILL_KINDS.map((k) => [k]))("%s: carries no answers", (kind) => {
    for (const seed of SEEDS.slice(0, 100)) {
      const drill = generateDrill(seed, kind);
      const shown = publicDrill(drill);
      const json = JSON.stringify(shown);
      for (const secret of ["expected", "explanation", "mistakes", "given", "feedback"]) expect(json).not.toContain(`"${secret}"`);
      expect(Object.keys(shown).sort()).toEqual(["blanks", "id", "kind", "prompt", "seed"]);
      for (const b of shown.blanks) expect(Object.keys(b).sort()).toEqual(["format", "id", "label"]);
      expect(shown.blanks.map((b) => b.id)).toEqual(drill.blanks.map((b) => b.id));
    }
  });

  test("the broadcast blank accepts \"none\" on every subnet drill, so its presence gives nothing away", () => {
    for (const seed of SEEDS.slice(0, 100)) {
      const broadcast = publicDrill(generateDrill(seed, "subnet-facts")).blanks.find((b) => b.id === "broadcast");
      expect(broadcast?.format).toEqual({ type: "ipv4", noneAllowed: true });
    }
  });

  test("choice options are identical across drills of a kind", () => {
    for (const kind of ["address-category", "classful-class", "cidr-contains"] as const) {
      const options = new Set(SEEDS.slice(0, 100).map((s) => JSON.stringify(publicDrill(generateDrill(s, kind)).blanks[0]!.format)));
      expect(options.size).toBe(1);
    }
  });
});

describe("seeds and kinds", () => {
  test.each([
    ["zero", 0, true], ["the largest", 4_294_967_295, true], ["negative", -1, false], ["2^32", 2 ** 32, false],
    ["fractional", 1.5, false], ["NaN", Number.NaN, false], ["a numeric string", "5", false], ["null", null, false],
  ])("isDrillSeed: %s", (_label, value, expected) => {
    expect(isDrillSeed(value)).toBe(expected);
  });

  test.each([
    ["a real kind", "subnet-facts", true], ["with a space", "subnet-facts ", false], ["__proto__", "__proto__", false],
    ["constructor", "constructor", false], ["a number", 1, false], ["upper case", "SUBNET-FACTS", false],
  ])("isDrillKind: %s", (_label, value, expected) => {
    expect(isDrillKind(value)).toBe(expected);
  });

  test("generateDrill rejects a bad seed or kind from our own code loudly", () => {
    expect(() => generateDrill(-1)).toThrow(RangeError);
    expect(() => generateDrill(0, "nope" as DrillKind)).toThrow(RangeError);
  });
});
