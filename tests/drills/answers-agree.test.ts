/**
 * The generator's answers, checked against computations written here from scratch: plain
 * arithmetic on address ranges, and our own table of special ranges, none of it from lib/net.
 */
import { describe, expect, test } from "vitest";
import { generateDrill, type AnswerValue, type Drill } from "../../lib/drills";

const SEEDS = Array.from({ length: 500 }, (_, i) => i);

function expectedOf(drill: Drill): Record<string, AnswerValue> {
  return Object.fromEntries(drill.blanks.map((b) => [b.id, b.expected]));
}

const dotted = (text: string): number => text.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);

/** Special ranges from the RFCs, most specific first; the learner's option id for each. */
const RANGES: ReadonlyArray<readonly [string, string, string]> = [
  ["255.255.255.255", "255.255.255.255", "limited-broadcast"],
  ["192.0.2.0", "192.0.2.255", "documentation"],
  ["198.51.100.0", "198.51.100.255", "documentation"],
  ["203.0.113.0", "203.0.113.255", "documentation"],
  ["0.0.0.0", "0.255.255.255", "this-network"],
  ["127.0.0.0", "127.255.255.255", "loopback"],
  ["169.254.0.0", "169.254.255.255", "link-local"],
  ["10.0.0.0", "10.255.255.255", "private"],
  ["172.16.0.0", "172.31.255.255", "private"],
  ["192.168.0.0", "192.168.255.255", "private"],
  ["100.64.0.0", "100.127.255.255", "carrier-grade-nat"],
  ["198.18.0.0", "198.19.255.255", "benchmarking"],
  ["224.0.0.0", "239.255.255.255", "multicast"],
  ["240.0.0.0", "255.255.255.255", "reserved"],
];

function categoryOf(address: number): string {
  for (const [first, last, id] of RANGES) if (address >= dotted(first) && address <= dotted(last)) return id;
  return "public";
}

describe("generated answers agree with independent computations", () => {
  test("subnet facts", () => {
    for (const seed of SEEDS) {
      const drill = generateDrill(seed, "subnet-facts");
      if (drill.given.kind !== "subnet-facts") throw new Error("wrong kind");
      const { address, prefix } = drill.given;
      const size = 2 ** (32 - prefix);
      const network = Math.floor(address / size) * size;
      const last = network + size - 1;
      expect(expectedOf(drill), `seed ${seed}`).toEqual({
        network: { type: "ipv4", address: network },
        broadcast: { type: "ipv4", address: prefix >= 31 ? null : last },
        "first-usable": { type: "ipv4", address: prefix >= 31 ? network : network + 1 },
        "last-usable": { type: "ipv4", address: prefix >= 31 ? last : last - 1 },
        "usable-hosts": { type: "integer", value: prefix === 32 ? 1 : prefix === 31 ? 2 : size - 2 },
      });
      expect(drill.prompt).toContain(`/${prefix}.`);
    }
  });

  test("address category", () => {
    for (const seed of SEEDS) {
      const drill = generateDrill(seed, "address-category");
      if (drill.given.kind !== "address-category") throw new Error("wrong kind");
      expect(expectedOf(drill), `seed ${seed}`).toEqual({ category: { type: "choice", option: categoryOf(drill.given.address) } });
    }
  });

  test("classful class", () => {
    for (const seed of SEEDS) {
      const drill = generateDrill(seed, "classful-class");
      if (drill.given.kind !== "classful-class") throw new Error("wrong kind");
      const first = Math.floor(drill.given.address / 2 ** 24);
      const cls = first <= 127 ? "A" : first <= 191 ? "B" : first <= 223 ? "C" : first <= 239 ? "D" : "E";
      expect(expectedOf(drill), `seed ${seed}`).toEqual({ class: { type: "choice", option: cls } });
    }
  });

  test("netmask and prefix conversions", () => {
    for (const seed of SEEDS) {
      const drill = generateDrill(seed, "netmask-prefix");
      const given = drill.given;
      if (given.kind !== "netmask-prefix") throw new Error("wrong kind");
      if (given.direction === "prefix-to-mask") {
        const hostSize = 2 ** (32 - given.prefix);
        expect(expectedOf(drill), `seed ${seed}`).toEqual({
          netmask: { type: "ipv4", address: 2 ** 32 - hostSize },
          wildcard: { type: "ipv4", address: hostSize - 1 },
          addresses: { type: "integer", value: hostSize },
        });
      } else {
        let ones = 0;
        for (let bit = 31; bit >= 0 && Math.floor(given.mask / 2 ** bit) % 2 === 1; bit--) ones++;
        expect(given.mask).toBe(2 ** 32 - 2 ** (32 - ones)); // a contiguous mask, as generated
        const size = 2 ** (32 - ones);
        expect(expectedOf(drill), `seed ${seed}`).toEqual({
          prefix: { type: "prefix", prefix: ones },
          "usable-hosts": { type: "integer", value: ones === 32 ? 1 : ones === 31 ? 2 : size - 2 },
        });
      }
    }
  });

  test("is X inside Y/n", () => {
    for (const seed of SEEDS) {
      const drill = generateDrill(seed, "cidr-contains");
      if (drill.given.kind !== "cidr-contains") throw new Error("wrong kind");
      const { address, block } = drill.given;
      const size = 2 ** (32 - block.prefix);
      const inside = address >= block.network && address <= block.network + size - 1;
      expect(expectedOf(drill), `seed ${seed}`).toEqual({
        inside: { type: "choice", option: inside ? "yes" : "no" },
        block: { type: "cidr", address: Math.floor(address / size) * size, prefix: block.prefix },
      });
    }
  });
});
