import { describe, expect, test } from "vitest";
import {
  cidr,
  cidrOf,
  contains,
  containsCidr,
  formatCidr,
  formatIpv4,
  ip,
  lastAddress,
  maskOf,
  parseCidr,
  parseHostAddress,
  sizeOf,
  subnetFacts,
} from "../../lib/net";

describe("parseCidr", () => {
  test.each([
    ["a /8", "10.0.0.0/8", "10.0.0.0", 8],
    ["a /24", "192.168.1.0/24", "192.168.1.0", 24],
    ["the default route /0", "0.0.0.0/0", "0.0.0.0", 0],
    ["a /32 host route", "192.168.1.10/32", "192.168.1.10", 32],
    ["a /31 link", "10.0.0.2/31", "10.0.0.2", 31],
    ["the top /32", "255.255.255.255/32", "255.255.255.255", 32],
    ["spaces around the whole", " 172.16.0.0/12 ", "172.16.0.0", 12],
  ])("accepts %s: %s", (_label, input, network, prefix) => {
    expect(parseCidr(input)).toEqual({ ok: true, value: { network: ip(network), prefix } });
  });

  test.each([
    ["host bits set", "10.0.1.5/24", /host bits set: the network is 10\.0\.1\.0\/24/],
    ["host bits set in a /0", "1.2.3.4/0", /the network is 0\.0\.0\.0\/0/],
    ["host bits set in a /31", "10.0.0.3/31", /the network is 10\.0\.0\.2\/31/],
    ["a prefix over 32", "10.0.0.0/33", /33 is over 32/],
    ["a three-digit prefix", "10.0.0.0/100", /must be a number 0-32/],
    ["a negative prefix", "10.0.0.0/-1", /must be a number 0-32/],
    ["no slash", "10.0.0.0", /write an address, "\/", and a prefix length/],
    ["two slashes", "10.0.0.0/8/8", /write an address/],
    ["nothing after the slash", "10.0.0.0/", /must be a number 0-32/],
    ["nothing before the slash", "/24", /IPv4 address is required/],
    ["a bad address", "10.0.0.300/24", /300 is over 255/],
    ["a netmask instead of a length", "10.0.0.0/255.0.0.0", /must be a number 0-32/],
    ["a space before the slash", "10.0.0.0 /24", /space/],
    ["a space after the slash", "10.0.0.0/ 24", /space/],
    ["an empty string", "", /required/],
    ["a huge string", "10.0.0.0/" + "1".repeat(1_000_000), /too long/],
  ])("rejects %s", (_label, input, message) => {
    const parsed = parseCidr(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  test.each([["null", null], ["a number", 24], ["an object", { network: 0, prefix: 0 }]])(
    "rejects a non-string: %s",
    (_label, input) => {
      expect(parseCidr(input)).toEqual({ ok: false, error: expect.stringMatching(/must be text/) });
    },
  );

  test.each([
    ["10.0.1.5/24", "10.0.1.0/24"],
    ["172.20.13.77/20", "172.20.0.0/20"],
    ["255.255.255.255/1", "128.0.0.0/1"],
    ["1.2.3.4/0", "0.0.0.0/0"],
    ["10.0.0.0/8", "10.0.0.0/8"],
  ])("strict: false clears host bits: %s -> %s", (input, expected) => {
    const parsed = parseCidr(input, { strict: false });
    expect(parsed.ok && formatCidr(parsed.value)).toBe(expected);
  });
});

describe("parseHostAddress", () => {
  test.each([
    ["an interface address", "192.168.1.10/24", "192.168.1.10", 24],
    ["the network address itself", "192.168.1.0/24", "192.168.1.0", 24],
    ["a /32 loopback", "10.255.0.1/32", "10.255.0.1", 32],
    ["a /31 link end", "10.0.0.3/31", "10.0.0.3", 31],
  ])("accepts %s (host bits are the point)", (_label, input, address, prefix) => {
    expect(parseHostAddress(input)).toEqual({ ok: true, value: { ip: ip(address), prefix } });
  });

  test.each([
    ["no prefix", "192.168.1.10", /prefix length/],
    ["a prefix over 32", "192.168.1.10/40", /over 32/],
    ["a bad address", "192.168.1.256/24", /over 255/],
    ["a space", "192.168.1.10 /24", /space/],
    ["not text", 42, /must be text/],
  ])("rejects %s", (_label, input, message) => {
    const parsed = parseHostAddress(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe("formatting round-trips", () => {
  test.each([["0.0.0.0/0"], ["10.0.0.0/8"], ["172.16.0.0/12"], ["192.168.0.0/16"], ["203.0.113.0/24"], ["10.1.2.3/32"], ["128.0.0.0/1"]])(
    "%s",
    (text) => {
      expect(formatCidr(cidr(text))).toBe(text);
    },
  );

  test("every prefix length round-trips", () => {
    for (let prefix = 0; prefix <= 32; prefix++) {
      const block = cidrOf(ip("255.255.255.255"), prefix);
      expect(parseCidr(formatCidr(block))).toEqual({ ok: true, value: block });
    }
  });
});

describe("mask arithmetic", () => {
  test.each([
    [0, "0.0.0.0"], [1, "128.0.0.0"], [8, "255.0.0.0"], [12, "255.240.0.0"], [16, "255.255.0.0"],
    [20, "255.255.240.0"], [24, "255.255.255.0"], [28, "255.255.255.240"], [30, "255.255.255.252"],
    [31, "255.255.255.254"], [32, "255.255.255.255"],
  ])("maskOf(/%i) is %s", (prefix, mask) => {
    expect(formatIpv4(maskOf(prefix))).toBe(mask);
  });

  test.each([
    ["its first address", "10.1.0.0/16", "10.1.0.0", true],
    ["its last address", "10.1.0.0/16", "10.1.255.255", true],
    ["the address before", "10.1.0.0/16", "10.0.255.255", false],
    ["the address after", "10.1.0.0/16", "10.2.0.0", false],
    ["anything, for /0", "0.0.0.0/0", "255.255.255.255", true],
    ["only itself, for /32", "10.0.0.1/32", "10.0.0.2", false],
    ["172.31.255.255 in 172.16/12", "172.16.0.0/12", "172.31.255.255", true],
    ["172.32.0.0 in 172.16/12", "172.16.0.0/12", "172.32.0.0", false],
  ])("contains: %s", (_label, block, address, expected) => {
    expect(contains(cidr(block), ip(address))).toBe(expected);
  });

  test.each([
    ["a /24 inside its /16", "10.1.0.0/16", "10.1.2.0/24", true],
    ["a block inside itself", "10.1.0.0/16", "10.1.0.0/16", true],
    ["a larger block is not inside a smaller", "10.1.2.0/24", "10.1.0.0/16", false],
    ["a neighbour", "10.1.0.0/16", "10.2.0.0/24", false],
    ["everything inside /0", "0.0.0.0/0", "203.0.113.7/32", true],
  ])("containsCidr: %s", (_label, outer, inner, expected) => {
    expect(containsCidr(cidr(outer), cidr(inner))).toBe(expected);
  });

  test("sizes and last addresses at the extremes", () => {
    expect(sizeOf(cidr("0.0.0.0/0"))).toBe(2 ** 32);
    expect(formatIpv4(lastAddress(cidr("0.0.0.0/0")))).toBe("255.255.255.255");
    expect(sizeOf(cidr("10.0.0.1/32"))).toBe(1);
    expect(formatIpv4(lastAddress(cidr("10.0.0.1/32")))).toBe("10.0.0.1");
  });
});

describe("subnetFacts: the cheat sheet", () => {
  const f = (ipOrNull: number | null) => (ipOrNull === null ? null : formatIpv4(ipOrNull));

  test.each([
    // label, block, netmask, network, broadcast, first usable, last usable, total, usable, rule
    ["/8", "10.0.0.0/8", "255.0.0.0", "10.0.0.0", "10.255.255.255", "10.0.0.1", "10.255.255.254", 16_777_216, 16_777_214, "NETWORK_AND_BROADCAST_RESERVED"],
    ["/16", "172.16.0.0/16", "255.255.0.0", "172.16.0.0", "172.16.255.255", "172.16.0.1", "172.16.255.254", 65_536, 65_534, "NETWORK_AND_BROADCAST_RESERVED"],
    ["/20", "172.20.0.0/20", "255.255.240.0", "172.20.0.0", "172.20.15.255", "172.20.0.1", "172.20.15.254", 4_096, 4_094, "NETWORK_AND_BROADCAST_RESERVED"],
    ["/24", "192.168.1.0/24", "255.255.255.0", "192.168.1.0", "192.168.1.255", "192.168.1.1", "192.168.1.254", 256, 254, "NETWORK_AND_BROADCAST_RESERVED"],
    ["/28", "192.168.1.32/28", "255.255.255.240", "192.168.1.32", "192.168.1.47", "192.168.1.33", "192.168.1.46", 16, 14, "NETWORK_AND_BROADCAST_RESERVED"],
    ["/30", "10.0.0.4/30", "255.255.255.252", "10.0.0.4", "10.0.0.7", "10.0.0.5", "10.0.0.6", 4, 2, "NETWORK_AND_BROADCAST_RESERVED"],
    ["/31 point-to-point", "10.0.0.2/31", "255.255.255.254", "10.0.0.2", null, "10.0.0.2", "10.0.0.3", 2, 2, "POINT_TO_POINT_RFC3021"],
    ["/32 single host", "10.0.0.9/32", "255.255.255.255", "10.0.0.9", null, "10.0.0.9", "10.0.0.9", 1, 1, "SINGLE_HOST"],
    ["/0 everything", "0.0.0.0/0", "0.0.0.0", "0.0.0.0", "255.255.255.255", "0.0.0.1", "255.255.255.254", 4_294_967_296, 4_294_967_294, "NETWORK_AND_BROADCAST_RESERVED"],
  ])("%s (%s)", (_label, block, mask, network, broadcast, first, last, total, usable, rule) => {
    const facts = subnetFacts(cidr(block));
    expect({
      netmask: f(facts.netmask), network: f(facts.network), broadcast: f(facts.broadcast),
      first: f(facts.firstUsable), last: f(facts.lastUsable), total: facts.totalAddresses, usable: facts.usableHosts, rule: facts.rule,
    }).toEqual({ netmask: mask, network, broadcast, first, last, total, usable, rule });
  });

  test.each([
    ["/31", "10.0.0.2/31", /RFC 3021/],
    ["/31", "10.0.0.2/31", /point-to-point/],
    ["/32", "10.0.0.9/32", /single host/],
    ["/24", "192.168.1.0/24", /2\^8 - 2 = 254/],
  ])("the %s explanation names its rule", (_label, block, phrase) => {
    expect(subnetFacts(cidr(block)).explanation).toMatch(phrase);
  });
});
