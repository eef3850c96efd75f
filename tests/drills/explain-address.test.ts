import { describe, expect, test } from "vitest";
import { explainAddress, parseAddressQuery, prefixOfMask, type AddressQueryError } from "../../lib/drills/explain-address";
import { SPECIAL_RANGES, contains, formatIpv4, ip, lastAddress } from "../../lib/net";

/** The facts of a typed address as a label -> value map, for readable expectations. */
function factsOf(query: string): Record<string, string> {
  const parsed = parseAddressQuery(query);
  if (!parsed.ok) throw new Error(parsed.message);
  return Object.fromEntries(explainAddress(parsed.address, parsed.prefix).facts.map((f) => [f.id, f.value]));
}

describe("parseAddressQuery: the notations a learner types", () => {
  test.each([
    ["10.37.200.9/22", "10.37.200.9", 22],
    ["10.37.200.9 255.255.252.0", "10.37.200.9", 22],
    ["10.37.200.9/255.255.252.0", "10.37.200.9", 22],
    ["  192.168.1.10 / 24 ", "192.168.1.10", 24],
    ["8.8.8.8/0", "8.8.8.8", 0],
    ["8.8.8.8 0.0.0.0", "8.8.8.8", 0],
    ["1.2.3.4 255.255.255.255", "1.2.3.4", 32],
  ])("%s -> %s/%i", (query, address, prefix) => {
    expect(parseAddressQuery(query)).toEqual({ ok: true, address: ip(address), prefix });
  });

  test.each<[string, unknown, AddressQueryError]>([
    ["nothing typed", "", "empty"],
    ["only spaces", "   ", "empty"],
    ["not text", 42, "empty"],
    ["far too long", "1".repeat(65), "too-long"],
    ["an address without a prefix", "10.0.0.1", "no-prefix"],
    ["an octet over 255", "10.0.0.256/24", "bad-address"],
    ["three octets", "10.0.1/24", "bad-address"],
    ["a leading zero", "10.0.0.01/24", "bad-address"],
    ["two slashes", "10.0.0.1/24/8", "bad-address"],
    ["a hostname", "example.com/24", "bad-address"],
    ["a prefix over 32", "10.0.0.1/33", "bad-prefix"],
    ["a word as prefix", "10.0.0.1/abc", "bad-prefix"],
    ["a negative prefix", "10.0.0.1/-1", "bad-prefix"],
    ["a mask with a gap", "10.0.0.1 255.0.255.0", "bad-mask"],
    ["a wildcard mask", "10.0.0.1 0.0.0.255", "bad-mask"],
    ["an unreadable mask", "10.0.0.1 255.255.300.0", "bad-mask"],
  ])("%s: %s is a %s error with a message", (_label, query, error) => {
    const parsed = parseAddressQuery(query);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toBe(error);
    expect(parsed.message.length).toBeGreaterThan(10);
  });

  test("every contiguous mask maps back to its prefix, and a gap is refused", () => {
    for (let p = 0; p <= 32; p++) {
      const mask = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
      expect(prefixOfMask(mask as never)).toBe(p);
    }
    expect(prefixOfMask(ip("255.255.0.255"))).toBeNull();
  });
});

describe("explainAddress: the subnet facts at every kind of prefix", () => {
  test.each([
    ["/22 from the issue", "10.37.200.9/22", { netmask: "255.255.252.0", network: "10.37.200.0", broadcast: "10.37.203.255", "first-usable": "10.37.200.1", "last-usable": "10.37.203.254", "usable-hosts": "1,022" }],
    ["/0, the whole space", "8.8.8.8/0", { netmask: "0.0.0.0", network: "0.0.0.0", broadcast: "255.255.255.255", "first-usable": "0.0.0.1", "last-usable": "255.255.255.254", "usable-hosts": "4,294,967,294" }],
    ["/8 on an octet boundary", "10.200.3.4/8", { netmask: "255.0.0.0", network: "10.0.0.0", broadcast: "10.255.255.255", "first-usable": "10.0.0.1", "last-usable": "10.255.255.254", "usable-hosts": "16,777,214" }],
    ["/30, the smallest regular block", "192.168.1.6/30", { network: "192.168.1.4", broadcast: "192.168.1.7", "first-usable": "192.168.1.5", "last-usable": "192.168.1.6", "usable-hosts": "2" }],
    ["/31, RFC 3021 point-to-point", "192.0.2.7/31", { netmask: "255.255.255.254", network: "192.0.2.6", broadcast: "none", "first-usable": "192.0.2.6", "last-usable": "192.0.2.7", "usable-hosts": "2" }],
    ["/32, a host route", "203.0.113.9/32", { netmask: "255.255.255.255", network: "203.0.113.9", broadcast: "none", "first-usable": "203.0.113.9", "last-usable": "203.0.113.9", "usable-hosts": "1" }],
  ])("%s: %s", (_label, query, expected) => {
    expect(factsOf(query)).toMatchObject(expected);
  });

  test.each([
    ["/31", "192.0.2.7/31", "RFC 3021"],
    ["/32", "203.0.113.9/32", "host route"],
  ])("a %s explains why it has no broadcast", (_label, query, rule) => {
    const parsed = parseAddressQuery(query);
    if (!parsed.ok) throw new Error(parsed.message);
    const broadcast = explainAddress(parsed.address, parsed.prefix).facts.find((f) => f.id === "broadcast")!;
    expect(broadcast.explanation).toContain(rule);
  });

  test("the explanation of the network shows the block-size working with this address's numbers", () => {
    const parsed = parseAddressQuery("10.37.200.9/22");
    if (!parsed.ok) throw new Error(parsed.message);
    const network = explainAddress(parsed.address, parsed.prefix).facts.find((f) => f.id === "network")!;
    expect(network.explanation).toContain("256 - 252 = 4");
    expect(network.explanation).toContain("200 falls in the block 200-203");
  });
});

describe("explainAddress: class and special range", () => {
  test.each([
    ["126.1.1.1/8", "Class A"],
    ["127.0.0.1/8", "Class A"],
    ["128.0.0.1/16", "Class B"],
    ["191.255.0.1/16", "Class B"],
    ["192.0.2.1/24", "Class C"],
    ["223.1.1.1/24", "Class C"],
    ["224.0.0.5/32", "Class D"],
    ["239.255.255.250/32", "Class D"],
    ["240.0.0.1/4", "Class E"],
  ])("%s is %s", (query, cls) => {
    expect(factsOf(query).class).toBe(cls);
  });

  // Both ends of every special range. The most specific range wins (255.255.255.255 ends 240/4
  // but is the limited broadcast), which is the first in SPECIAL_RANGES that contains it.
  const ends = SPECIAL_RANGES.flatMap((r) => [r.block.network, lastAddress(r.block)].map((a) => [formatIpv4(a), r.name] as const));
  test.each(ends)("%s (an end of %s) names its range and RFC", (address) => {
    const kind = explainAddress(ip(address), 24).facts.find((f) => f.id === "category")!;
    const range = SPECIAL_RANGES.find((r) => contains(r.block, ip(address)))!;
    expect(kind.explanation).toContain(range.rfc);
    expect(kind.explanation).toContain(address);
    expect(kind.value).not.toBe("Public");
  });

  test.each([
    ["10.1.2.3/24", "Private (RFC 1918)", "10.0.0.0/8"],
    ["172.31.255.255/12", "Private (RFC 1918)", "172.16.0.0/12"],
    ["172.32.0.0/12", "Public", "ends at 172.31.255.255"],
    ["127.0.0.1/8", "Loopback", "127.0.0.0/8"],
    ["169.254.169.254/16", "Link-local", "169.254.0.0/16"],
    ["100.64.0.1/10", "Carrier-grade NAT shared space", "RFC 6598"],
    ["100.128.0.0/10", "Public", "100.64.0.0/10"],
    ["198.51.100.20/24", "Documentation (TEST-NET)", "RFC 5737"],
    ["198.18.0.1/15", "Benchmarking", "RFC 2544"],
    ["224.0.0.251/32", "Multicast", "224.0.0.0/4"],
    ["255.255.255.255/32", "Limited broadcast", "RFC 919"],
    ["250.1.1.1/8", "Reserved (former class E)", "240.0.0.0/4"],
    ["0.0.0.0/0", "\"This network\" (unspecified)", "0.0.0.0/8"],
    ["192.0.0.9/29", "IETF protocol assignments", "RFC 6890"],
    ["8.8.8.8/24", "Public", "public address"],
  ])("%s is %s and the explanation says %s", (query, label, phrase) => {
    const parsed = parseAddressQuery(query);
    if (!parsed.ok) throw new Error(parsed.message);
    const kind = explainAddress(parsed.address, parsed.prefix).facts.find((f) => f.id === "category")!;
    expect(kind.value).toBe(label);
    expect(kind.explanation).toContain(phrase);
  });
});
