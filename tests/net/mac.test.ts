import { describe, expect, test } from "vitest";
import { BROADCAST_MAC, UNKNOWN_MAC, derivedMac, isGroupMac, mac, parseMac } from "../../lib/net";

describe("parseMac", () => {
  test.each([
    ["colons, lower case", "aa:bb:cc:dd:ee:ff"],
    ["colons, upper case", "AA:BB:CC:DD:EE:FF"],
    ["colons, mixed case", "aA:Bb:cC:Dd:eE:Ff"],
    ["hyphens (Windows)", "AA-BB-CC-DD-EE-FF"],
    ["hyphens, lower case", "aa-bb-cc-dd-ee-ff"],
    ["Cisco dotted groups", "aabb.ccdd.eeff"],
    ["Cisco dotted groups, upper case", "AABB.CCDD.EEFF"],
    ["bare hex", "aabbccddeeff"],
    ["surrounded by spaces", "  aa:bb:cc:dd:ee:ff\t"],
  ])("reads %s as the canonical spelling", (_label, input) => {
    expect(parseMac(input)).toEqual({ ok: true, value: "AA:BB:CC:DD:EE:FF" });
  });

  test.each([
    ["mixed separators", "aa:bb-cc:dd:ee:ff"],
    ["five bytes", "aa:bb:cc:dd:ee"],
    ["seven bytes", "aa:bb:cc:dd:ee:ff:00"],
    ["a non-hex digit", "gg:bb:cc:dd:ee:ff"],
    ["single-digit bytes", "a:b:c:d:e:f"],
    ["a short dotted group", "aabb.ccdd.eef"],
    ["dotted pairs", "aa.bb.cc.dd.ee.ff"],
    ["spaces as separators", "aa bb cc dd ee ff"],
    ["eleven bare digits", "aabbccddeef"],
    ["an IPv4 address", "10.0.0.1"],
    ["an empty string", ""],
    ["a huge string", "aa:".repeat(300_000)],
  ])("rejects %s", (_label, input) => {
    expect(parseMac(input).ok).toBe(false);
  });

  test.each([
    ["null", null], ["a number", 0xaabbccddeeff], ["an object", {}], ["an array", ["aa:bb:cc:dd:ee:ff"]],
  ])("rejects a non-string: %s", (_label, input) => {
    expect(parseMac(input)).toEqual({ ok: false, error: expect.stringMatching(/must be text/) });
  });

  test("mac() throws on a mistake in our own content", () => {
    expect(() => mac("zz:zz:zz:zz:zz:zz")).toThrow(/not a MAC address/);
  });
});

describe("derivedMac", () => {
  // Pinned: scenario traces show these addresses, so changing the derivation changes every trace.
  test.each([
    ["r1:eth0", "02:CC:EB:18:73:FD"],
    ["r1:eth1", "02:CB:EB:16:E0:92"],
    ["web-1:eth0", "02:9D:6B:6A:26:18"],
    ["", "02:81:1C:9D:C5:93"],
  ])("%j always gets %s", (name, expected) => {
    expect(derivedMac(name)).toBe(expected);
    expect(derivedMac(name)).toBe(derivedMac(name));
  });

  test("is a canonical, locally administered unicast address", () => {
    for (const name of ["a", "b", "router-7:ge-0/0/1", "x".repeat(1000)]) {
      const derived = derivedMac(name);
      expect(parseMac(derived)).toEqual({ ok: true, value: derived });
      expect(derived.startsWith("02:")).toBe(true);
      expect(isGroupMac(derived)).toBe(false);
    }
  });

  test("different interfaces get different addresses", () => {
    const names = Array.from({ length: 500 }, (_, i) => `host-${i}:eth${i % 4}`);
    expect(new Set(names.map(derivedMac)).size).toBe(names.length);
  });
});

describe("isGroupMac", () => {
  test.each([
    ["broadcast", BROADCAST_MAC, true],
    ["an IPv4 multicast MAC", mac("01:00:5e:00:00:fb"), true],
    ["an ordinary vendor MAC", mac("00:1a:2b:3c:4d:5e"), false],
    ["the unknown placeholder", UNKNOWN_MAC, false],
  ])("%s -> %s", (_label, address, expected) => {
    expect(isGroupMac(address)).toBe(expected);
  });
});
