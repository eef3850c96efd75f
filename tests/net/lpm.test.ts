import { describe, expect, test } from "vitest";
import { cidr, ip, type Cidr } from "../../lib/net";
import {
  NO_MATCH,
  buildLpmTable,
  buildLpmTableFromArrays,
  longestPrefixMatch,
  matchingPrefixes,
  type LpmTable,
} from "../../lib/net/lpm";
import { rngFor, type Rng } from "../../lib/random";

/** Each block as its first and last address, computed by arithmetic, not by the masks under test. */
function spans(blocks: readonly Cidr[]): Array<{ first: number; last: number; prefix: number }> {
  return blocks.map((b) => ({ first: b.network, last: b.network + 2 ** (32 - b.prefix) - 1, prefix: b.prefix }));
}

/** The specification, by brute force: every matching index, longest first, then list order. */
function bruteCandidates(blocks: ReturnType<typeof spans>, address: number): number[] {
  const hits: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (address >= blocks[i]!.first && address <= blocks[i]!.last) hits.push(i);
  }
  return hits.sort((x, y) => blocks[y]!.prefix - blocks[x]!.prefix || x - y);
}

const NESTED = ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32"].map((c) => cidr(c));

describe("a table of nested prefixes", () => {
  const table = buildLpmTable(NESTED);

  test.each([
    ["the /32 host route", "10.1.2.3", 4, [4, 3, 2, 1, 0]],
    ["the /24 just below the host route", "10.1.2.2", 3, [3, 2, 1, 0]],
    ["the /24 just above the host route", "10.1.2.4", 3, [3, 2, 1, 0]],
    ["first address of the /24", "10.1.2.0", 3, [3, 2, 1, 0]],
    ["last address of the /24", "10.1.2.255", 3, [3, 2, 1, 0]],
    ["just below the /24", "10.1.1.255", 2, [2, 1, 0]],
    ["just above the /24", "10.1.3.0", 2, [2, 1, 0]],
    ["first address of the /16", "10.1.0.0", 2, [2, 1, 0]],
    ["last address of the /16", "10.1.255.255", 2, [2, 1, 0]],
    ["just below the /16", "10.0.255.255", 1, [1, 0]],
    ["just above the /16", "10.2.0.0", 1, [1, 0]],
    ["first address of the /8", "10.0.0.0", 1, [1, 0]],
    ["last address of the /8", "10.255.255.255", 1, [1, 0]],
    ["just below the /8", "9.255.255.255", 0, [0]],
    ["just above the /8", "11.0.0.0", 0, [0]],
    ["the lowest address", "0.0.0.0", 0, [0]],
    ["the highest address", "255.255.255.255", 0, [0]],
  ])("%s (%s) -> route %i", (_label, address, winner, all) => {
    expect(table.lookup(ip(address))).toBe(winner);
    expect(table.candidates(ip(address))).toEqual(all);
    expect(longestPrefixMatch(NESTED, ip(address))).toBe(winner);
    expect(matchingPrefixes(NESTED, ip(address))).toEqual(all);
  });

  test("the list order does not change which route wins", () => {
    const reversed = NESTED.slice().reverse();
    const t = buildLpmTable(reversed);
    expect(t.lookup(ip("10.1.2.3"))).toBe(0);
    expect(t.lookup(ip("10.1.9.9"))).toBe(2);
    expect(t.candidates(ip("10.1.2.3"))).toEqual([0, 1, 2, 3, 4]);
  });

  test("reports its size and a handful of intervals", () => {
    expect(table.size).toBe(5);
    // 0/0 | 10/8 | 10.1/16 | 10.1.2/24 | /32 | 10.1.2/24 | 10.1/16 | 10/8 | 0/0
    expect(table.intervalCount).toBe(9);
  });
});

describe("edge-case tables", () => {
  test.each([
    ["an empty table", [] as string[], "8.8.8.8", NO_MATCH, [] as number[]],
    ["an empty table at 0.0.0.0", [], "0.0.0.0", NO_MATCH, []],
    ["a default route only", ["0.0.0.0/0"], "203.0.113.9", 0, [0]],
    ["a default route only, at the top", ["0.0.0.0/0"], "255.255.255.255", 0, [0]],
    ["a lone /8, outside it", ["10.0.0.0/8"], "11.0.0.0", NO_MATCH, []],
    ["a lone /8, inside it", ["10.0.0.0/8"], "10.200.0.1", 0, [0]],
    ["a /32 at the very bottom", ["0.0.0.0/32"], "0.0.0.0", 0, [0]],
    ["a /32 at the very bottom, next address", ["0.0.0.0/32"], "0.0.0.1", NO_MATCH, []],
    ["a /32 at the very top", ["255.255.255.255/32"], "255.255.255.255", 0, [0]],
    ["a /32 at the very top, previous address", ["255.255.255.255/32"], "255.255.255.254", NO_MATCH, []],
    ["adjacent /32 host routes, first", ["192.0.2.1/32", "192.0.2.2/32", "192.0.2.3/32"], "192.0.2.1", 0, [0]],
    ["adjacent /32 host routes, middle", ["192.0.2.1/32", "192.0.2.2/32", "192.0.2.3/32"], "192.0.2.2", 1, [1]],
    ["adjacent /32 host routes, gap after", ["192.0.2.1/32", "192.0.2.2/32", "192.0.2.3/32"], "192.0.2.4", NO_MATCH, []],
    ["adjacent /32 host routes, gap before", ["192.0.2.1/32", "192.0.2.2/32", "192.0.2.3/32"], "192.0.2.0", NO_MATCH, []],
    ["/32s one address apart, the gap", ["192.0.2.1/32", "192.0.2.3/32"], "192.0.2.2", NO_MATCH, []],
    ["/32s one address apart, inside a /24", ["192.0.2.0/24", "192.0.2.1/32", "192.0.2.3/32"], "192.0.2.2", 0, [0]],
    ["/32s one address apart, the second", ["192.0.2.0/24", "192.0.2.1/32", "192.0.2.3/32"], "192.0.2.3", 2, [2, 0]],
    ["a /31 point-to-point link, upper address", ["198.51.100.6/31"], "198.51.100.7", 0, [0]],
    ["a /31 point-to-point link, just outside", ["198.51.100.6/31"], "198.51.100.8", NO_MATCH, []],
    ["sibling /25s, low half", ["10.0.0.0/25", "10.0.0.128/25"], "10.0.0.127", 0, [0]],
    ["sibling /25s, high half", ["10.0.0.0/25", "10.0.0.128/25"], "10.0.0.128", 1, [1]],
    ["the upper half of the space", ["128.0.0.0/1"], "127.255.255.255", NO_MATCH, []],
    ["the upper half of the space, first address", ["128.0.0.0/1"], "128.0.0.0", 0, [0]],
  ])("%s: %s", (_label, blocks, address, winner, all) => {
    const parsed = blocks.map((c) => cidr(c));
    const table = buildLpmTable(parsed);
    expect(table.lookup(ip(address))).toBe(winner);
    expect(table.candidates(ip(address))).toEqual(all);
    expect(longestPrefixMatch(parsed, ip(address))).toBe(winner);
  });

  test("an empty table is one unowned interval", () => {
    expect(buildLpmTable([]).intervalCount).toBe(1);
  });
});

describe("duplicate prefixes: the first listed wins", () => {
  const blocks = ["10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/8", "10.1.0.0/16", "10.1.0.0/16"].map((c) => cidr(c));
  const table = buildLpmTable(blocks);

  test.each([
    ["inside the duplicated /16", "10.1.5.5", 1, [1, 3, 4, 0, 2]],
    ["inside the duplicated /8 only", "10.9.9.9", 0, [0, 2]],
    ["outside both", "11.0.0.0", NO_MATCH, []],
  ])("%s (%s)", (_label, address, winner, all) => {
    expect(table.lookup(ip(address))).toBe(winner);
    expect(table.candidates(ip(address))).toEqual(all);
    expect(longestPrefixMatch(blocks, ip(address))).toBe(winner);
    expect(matchingPrefixes(blocks, ip(address))).toEqual(all);
  });
});

describe("caller-supplied indexes", () => {
  const blocks = ["0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/8"].map((c) => cidr(c));

  test("lookup and candidates return the caller's numbers, duplicates still first-listed-wins", () => {
    const table = buildLpmTable(blocks, [100, 200, 300]);
    expect(table.lookup(ip("10.0.0.1"))).toBe(200);
    expect(table.candidates(ip("10.0.0.1"))).toEqual([200, 300, 100]);
    expect(table.lookup(ip("8.8.8.8"))).toBe(100);
  });

  test("no match is still NO_MATCH, whatever the indexes", () => {
    expect(buildLpmTable([cidr("10.0.0.0/8")], [7]).lookup(ip("11.0.0.0"))).toBe(NO_MATCH);
  });

  test("typed-array input clears host bits and copies its arrays", () => {
    const networks = Uint32Array.of(ip("10.1.2.3"), ip("10.1.2.3"));
    const lengths = Uint8Array.of(8, 32);
    const indexes = Int32Array.of(5, 6);
    const table = buildLpmTableFromArrays(networks, lengths, indexes);
    networks.fill(0);
    indexes.fill(0);
    expect(table.lookup(ip("10.200.0.0"))).toBe(5);
    expect(table.lookup(ip("10.1.2.3"))).toBe(6);
  });
});

describe("mistakes in the caller's data are thrown, not swallowed", () => {
  test.each([
    ["prefix over 32", () => buildLpmTable([{ network: ip("10.0.0.0"), prefix: 33 }])],
    ["negative prefix", () => buildLpmTable([{ network: ip("10.0.0.0"), prefix: -1 }])],
    ["fractional prefix", () => buildLpmTable([{ network: ip("10.0.0.0"), prefix: 8.5 }])],
    ["network over 32 bits", () => buildLpmTable([{ network: 2 ** 32 as never, prefix: 8 }])],
    ["typed lengths over 32", () => buildLpmTableFromArrays(Uint32Array.of(0), Uint8Array.of(40))],
    ["mismatched array lengths", () => buildLpmTableFromArrays(Uint32Array.of(0, 1), Uint8Array.of(8))],
    ["mismatched index count", () => buildLpmTable([cidr("10.0.0.0/8")], [1, 2])],
  ])("%s", (_label, build) => {
    expect(build).toThrow(RangeError);
  });
});

describe("a /24 split by every one of its /32s", () => {
  const blocks = [cidr("10.0.0.0/24")];
  for (let host = 0; host < 256; host++) blocks.push({ network: (ip("10.0.0.0") + host) as never, prefix: 32 });
  const table = buildLpmTable(blocks);

  test("each address finds its own host route, then the /24", () => {
    for (let host = 0; host < 256; host++) {
      expect(table.lookup(ip("10.0.0.0") + host)).toBe(host + 1);
      expect(table.candidates(ip("10.0.0.0") + host)).toEqual([host + 1, 0]);
    }
    expect(table.lookup(ip("10.0.1.0"))).toBe(NO_MATCH);
    expect(table.lookup(ip("9.255.255.255"))).toBe(NO_MATCH);
  });
});

/** Random prefixes clustered in a few /8s so that many of them nest, plus some anywhere. */
function randomBlocks(rng: Rng, count: number): Cidr[] {
  const hotSpots = [10, 172, 192, 0, 255];
  const blocks: Cidr[] = [];
  for (let i = 0; i < count; i++) {
    const prefix = rng.next() < 0.1 ? rng.int(0, 8) : rng.int(8, 32);
    const top = rng.next() < 0.8 ? rng.pick(hotSpots) : rng.int(0, 255);
    const address = top * 2 ** 24 + rng.int(0, 2 ** 24 - 1);
    const size = 2 ** (32 - prefix);
    blocks.push({ network: (Math.floor(address / size) * size) as never, prefix });
  }
  // Repeat some prefixes verbatim to exercise the duplicate rule.
  for (let i = 0; i < count / 20; i++) blocks.push(rng.pick(blocks));
  return rng.shuffle(blocks);
}

/** Addresses on and around prefix boundaries, where off-by-one mistakes live, plus random ones. */
function probeAddresses(rng: Rng, blocks: readonly Cidr[], count: number): number[] {
  const out: number[] = [0, 2 ** 32 - 1];
  while (out.length < count) {
    const b = rng.pick(blocks);
    const last = b.network + 2 ** (32 - b.prefix) - 1;
    const choice = rng.int(0, 4);
    const address = [b.network, last, b.network - 1, last + 1, rng.int(0, 2 ** 32 - 1)][choice]!;
    if (address >= 0 && address <= 2 ** 32 - 1) out.push(address);
  }
  return out;
}

describe("randomized cross-check against a linear scan", () => {
  test.each([1, 2, 3, 4])("seed %i: lookup and candidates agree on 4,000 probes", (seed) => {
    const rng = rngFor(seed, "test:lpm:cross-check");
    const blocks = randomBlocks(rng, 3000);
    const table: LpmTable = buildLpmTable(blocks);
    const blockSpans = spans(blocks);
    expect(table.intervalCount).toBeLessThanOrEqual(2 * blocks.length + 1);
    // Collect disagreements and assert once: thousands of expect() calls would dominate the run time.
    const disagreements: string[] = [];
    for (const address of probeAddresses(rng, blocks, 4000)) {
      const expected = bruteCandidates(blockSpans, address);
      const winner = expected[0] ?? NO_MATCH;
      const got = { lookup: table.lookup(address), candidates: table.candidates(address), linear: longestPrefixMatch(blocks, address) };
      if (got.lookup !== winner || got.linear !== winner || got.candidates.join() !== expected.join()) {
        disagreements.push(`${address}: expected ${expected.join()} got ${JSON.stringify(got)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  test("the same prefixes give the same answers (determinism)", () => {
    const a = randomBlocks(rngFor(9, "test:lpm:determinism"), 500);
    const b = randomBlocks(rngFor(9, "test:lpm:determinism"), 500);
    expect(a).toEqual(b);
    const probes = probeAddresses(rngFor(9, "test:lpm:probes"), a, 500);
    const ta = buildLpmTable(a);
    const tb = buildLpmTable(b);
    expect(probes.map((p) => ta.candidates(p))).toEqual(probes.map((p) => tb.candidates(p)));
  });
});
