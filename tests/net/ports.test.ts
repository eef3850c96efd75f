import { describe, expect, test } from "vitest";
import { EPHEMERAL_PORTS, inRange, parsePort } from "../../lib/net";

describe("parsePort", () => {
  test.each([
    ["the lowest real port", "1", 1],
    ["HTTPS", "443", 443],
    ["the highest port", "65535", 65535],
    ["a number, not text", 80, 80],
    ["a float with no fraction", 8080.0, 8080],
    ["spaces around it", " 22 ", 22],
    ["leading zeros (unambiguous for a port)", "0080", 80],
  ])("accepts %s", (_label, input, value) => {
    expect(parsePort(input)).toEqual({ ok: true, value });
  });

  test.each([
    ["zero", "0", /never used/],
    ["zero as a number", 0, /never used/],
    ["one over the top", "65536", /over 65535/],
    ["far over the top", "70000", /over 65535/],
    ["far over the top as a number", 70000, /over 65535/],
    ["a colon prefix", ":80", /not a port/],
    ["letters", "abc", /not a port/],
    ["a service name", "http", /not a port/],
    ["a negative number", -1, /not a port/],
    ["a fraction", 80.5, /not a port/],
    ["NaN", Number.NaN, /not a port/],
    ["Infinity", Number.POSITIVE_INFINITY, /not a port/],
    ["a number in exponent form", 1e21, /not a port/],
    ["an empty string", "", /required/],
    ["a huge string", "8".repeat(1_000_000), /not a port/],
  ])("rejects %s", (_label, input, message) => {
    const parsed = parsePort(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(message);
      expect(parsed.error.length).toBeLessThan(100);
    }
  });

  test.each([
    ["null", null], ["undefined", undefined], ["an object", { port: 80 }], ["an array", [80]], ["a boolean", true],
  ])("rejects a non-number, non-string: %s", (_label, input) => {
    expect(parsePort(input)).toEqual({ ok: false, error: "a port must be a number like 443" });
  });

  test("allows 0 only when asked", () => {
    expect(parsePort("0", { allowZero: true })).toEqual({ ok: true, value: 0 });
  });
});

describe("EPHEMERAL_PORTS", () => {
  test.each([
    ["linux", 32768, 60999],
    ["windows", 49152, 65535],
    ["macos", 49152, 65535],
  ] as const)("%s draws client ports from %i-%i", (os, min, max) => {
    expect(EPHEMERAL_PORTS[os]).toEqual({ min, max });
  });

  test.each([
    ["Linux's first port", "linux", 32768, true],
    ["Linux's last port", "linux", 60999, true],
    ["just below Linux's range", "linux", 32767, false],
    ["just above Linux's range", "linux", 61000, false],
    ["Windows' first port", "windows", 49152, true],
    ["just below the IANA dynamic range", "windows", 49151, false],
    ["the top of the IANA range on macOS", "macos", 65535, true],
  ] as const)("inRange: %s", (_label, os, port, expected) => {
    expect(inRange(EPHEMERAL_PORTS[os], port)).toBe(expected);
  });
});
