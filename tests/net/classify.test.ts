import { describe, expect, test } from "vitest";
import {
  DOCUMENTATION_BLOCKS,
  RFC1918_BLOCKS,
  SPECIAL_RANGES,
  classfulClass,
  classify,
  formatCidr,
  ip,
  lastAddress,
  routableInSimulation,
  specialRangeOf,
} from "../../lib/net";

describe("classify", () => {
  test.each([
    ["this network, first", "0.0.0.0", "THIS_NETWORK"],
    ["this network, last", "0.255.255.255", "THIS_NETWORK"],
    ["loopback, the usual", "127.0.0.1", "LOOPBACK"],
    ["loopback, anywhere in 127/8", "127.255.255.254", "LOOPBACK"],
    ["just below loopback", "126.255.255.255", "PUBLIC"],
    ["just above loopback", "128.0.0.0", "PUBLIC"],
    ["limited broadcast", "255.255.255.255", "LIMITED_BROADCAST"],
    ["just below limited broadcast", "255.255.255.254", "RESERVED"],
    ["link-local, first", "169.254.0.0", "LINK_LOCAL"],
    ["link-local, an APIPA address", "169.254.10.20", "LINK_LOCAL"],
    ["link-local, last", "169.254.255.255", "LINK_LOCAL"],
    ["just below link-local", "169.253.255.255", "PUBLIC"],
    ["just above link-local", "169.255.0.0", "PUBLIC"],
    ["multicast, first", "224.0.0.0", "MULTICAST"],
    ["multicast, mDNS", "224.0.0.251", "MULTICAST"],
    ["multicast, last", "239.255.255.255", "MULTICAST"],
    ["just below multicast", "223.255.255.255", "PUBLIC"],
    ["reserved, first", "240.0.0.0", "RESERVED"],
    ["carrier-grade NAT, first", "100.64.0.0", "CARRIER_GRADE_NAT"],
    ["carrier-grade NAT, last", "100.127.255.255", "CARRIER_GRADE_NAT"],
    ["just below carrier-grade NAT", "100.63.255.255", "PUBLIC"],
    ["just above carrier-grade NAT", "100.128.0.0", "PUBLIC"],
    ["10/8, first", "10.0.0.0", "PRIVATE_RFC1918"],
    ["10/8, last", "10.255.255.255", "PRIVATE_RFC1918"],
    ["just below 10/8", "9.255.255.255", "PUBLIC"],
    ["just above 10/8", "11.0.0.0", "PUBLIC"],
    ["just below 172.16/12", "172.15.255.255", "PUBLIC"],
    ["172.16/12, first", "172.16.0.0", "PRIVATE_RFC1918"],
    ["172.16/12, middle", "172.20.13.77", "PRIVATE_RFC1918"],
    ["172.16/12, last", "172.31.255.255", "PRIVATE_RFC1918"],
    ["just above 172.16/12", "172.32.0.0", "PUBLIC"],
    ["just below 192.168/16", "192.167.255.255", "PUBLIC"],
    ["192.168/16, first", "192.168.0.0", "PRIVATE_RFC1918"],
    ["192.168/16, last", "192.168.255.255", "PRIVATE_RFC1918"],
    ["just above 192.168/16", "192.169.0.0", "PUBLIC"],
    ["TEST-NET-1", "192.0.2.1", "DOCUMENTATION"],
    ["just above TEST-NET-1", "192.0.3.0", "PUBLIC"],
    ["TEST-NET-2", "198.51.100.255", "DOCUMENTATION"],
    ["TEST-NET-3", "203.0.113.0", "DOCUMENTATION"],
    ["just below TEST-NET-3", "203.0.112.255", "PUBLIC"],
    ["just above TEST-NET-3", "203.0.114.0", "PUBLIC"],
    ["benchmarking, first", "198.18.0.0", "BENCHMARKING"],
    ["benchmarking, last", "198.19.255.255", "BENCHMARKING"],
    ["just above benchmarking", "198.20.0.0", "PUBLIC"],
    ["IETF protocol assignments", "192.0.0.9", "IETF_PROTOCOL"],
    ["a public resolver", "8.8.8.8", "PUBLIC"],
    ["another public resolver", "1.1.1.1", "PUBLIC"],
  ])("%s: %s is %s", (_label, address, category) => {
    expect(classify(ip(address)).category).toBe(category);
  });

  test.each(SPECIAL_RANGES.map((r) => [formatCidr(r.block), r] as const))(
    "both ends of %s classify into its category (or a more specific range inside it)",
    (_label, range) => {
      expect(classify(range.block.network).category).toBe(range.category);
      expect(specialRangeOf(range.block.network)).toBe(range);
      const atEnd = specialRangeOf(lastAddress(range.block))!;
      // 240.0.0.0/4 ends at 255.255.255.255, which is the limited broadcast, not "reserved".
      expect(atEnd === range || atEnd.block.prefix > range.block.prefix).toBe(true);
    },
  );

  test("the last address of 240.0.0.0/4 is the limited broadcast", () => {
    expect(classify(ip("255.255.255.255")).category).toBe("LIMITED_BROADCAST");
  });

  test.each([
    ["a private address", "10.1.2.3", false, false],
    ["a public address", "8.8.8.8", true, true],
    ["a documentation address stands in for public in the simulator", "203.0.113.5", false, true],
    ["loopback", "127.0.0.1", false, false],
    ["carrier-grade NAT", "100.64.1.1", false, false],
  ])("routability of %s", (_label, address, internet, simulation) => {
    expect(classify(ip(address)).routableOnInternet).toBe(internet);
    expect(routableInSimulation(ip(address))).toBe(simulation);
  });

  test("explanations cite the range and its RFC", () => {
    expect(classify(ip("172.20.1.1")).explanation).toMatch(/172\.16\.0\.0\/12.*RFC 1918/);
    expect(classify(ip("100.100.1.1")).explanation).toMatch(/100\.64\.0\.0\/10.*RFC 6598/);
    expect(classify(ip("8.8.8.8")).explanation).toMatch(/public/i);
  });
});

describe("classfulClass", () => {
  test.each([
    ["0.0.0.0", "A"], ["1.0.0.0", "A"], ["10.0.0.1", "A"], ["127.255.255.255", "A"],
    ["128.0.0.0", "B"], ["172.16.0.1", "B"], ["191.255.255.255", "B"],
    ["192.0.0.0", "C"], ["192.168.1.1", "C"], ["223.255.255.255", "C"],
    ["224.0.0.0", "D"], ["239.255.255.255", "D"],
    ["240.0.0.0", "E"], ["255.255.255.255", "E"],
  ])("%s is class %s", (address, expected) => {
    expect(classfulClass(ip(address))).toBe(expected);
    expect(classify(ip(address)).classful).toBe(expected);
  });
});

describe("the exported block lists", () => {
  test("RFC 1918 has exactly its three blocks", () => {
    expect(RFC1918_BLOCKS.map(formatCidr)).toEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]);
  });

  test("the documentation blocks are RFC 5737's three /24s", () => {
    expect(DOCUMENTATION_BLOCKS.map(formatCidr)).toEqual(["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"]);
  });
});
