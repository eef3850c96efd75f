import { describe, expect, test } from "vitest";
import { addToIpv4, formatIpv4, ip, ipv4, parseIpv4 } from "../../lib/net";

describe("parseIpv4", () => {
  test.each([
    ["an ordinary private address", "192.168.1.10", 0xc0a8010a],
    ["all zeros", "0.0.0.0", 0],
    ["all ones", "255.255.255.255", 0xffffffff],
    ["a single zero octet is not a leading zero", "10.0.0.1", 0x0a000001],
    ["surrounding spaces are trimmed", "  8.8.8.8  ", 0x08080808],
    ["a trailing newline is trimmed", "1.2.3.4\n", 0x01020304],
    ["three-digit octets", "100.200.250.255", 0x64c8faff],
  ])("accepts %s: %j", (_label, input, value) => {
    expect(parseIpv4(input)).toEqual({ ok: true, value });
  });

  test.each([
    ["an octet over 255", "192.168.1.300", /300 is over 255/],
    ["an octet of 256", "256.0.0.1", /256 is over 255/],
    ["three octets", "1.2.3", /four numbers/],
    ["five octets", "1.2.3.4.5", /four numbers/],
    ["a leading zero", "192.168.01.1", /leading zero/],
    ["a leading-zero octal spelling", "010.0.0.1", /leading zero/],
    ["a space inside", "1. 2.3.4", /four numbers/],
    ["an empty string", "", /required/],
    ["only spaces", "   ", /required/],
    ["a trailing dot", "1.2.3.4.", /four numbers/],
    ["an empty octet", "1..3.4", /four numbers/],
    ["a negative octet", "1.2.3.-4", /four numbers/],
    ["hexadecimal", "0x7f.0.0.1", /four numbers/],
    ["the shorthand inet_aton accepts", "127.1", /four numbers/],
    ["a single integer", "3232235777", /four numbers/],
    ["full-width digits", "\uff11.2.3.4", /four numbers/],
    ["a four-digit octet", "1.2.3.1000", /four numbers/],
    ["a CIDR block", "10.0.0.0/8", /four numbers/],
    ["an IPv6 address", "::1", /four numbers/],
    ["a huge string", "1.".repeat(500_000) + "1", /too long/],
    ["a huge string of digits", "9".repeat(1_000_000), /too long/],
  ])("rejects %s", (_label, input, message) => {
    const parsed = parseIpv4(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  test.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 3232235777],
    ["an object", { ip: "1.2.3.4" }],
    ["an array", ["1.2.3.4"]],
    ["a boolean", true],
    ["a String object", new String("1.2.3.4")],
    ["a symbol", Symbol("1.2.3.4")],
  ])("rejects a non-string: %s", (_label, input) => {
    expect(parseIpv4(input)).toEqual({ ok: false, error: expect.stringMatching(/must be text/) });
  });

  test("error messages quote at most the trimmed 64 characters a learner could have meant", () => {
    const parsed = parseIpv4(" 999.1.1.1 ");
    expect(parsed).toEqual({ ok: false, error: '"999.1.1.1": octet 999 is over 255' });
  });
});

describe("formatIpv4 and friends", () => {
  test.each([
    ["0.0.0.0"], ["255.255.255.255"], ["10.0.0.1"], ["127.0.0.1"], ["172.31.255.255"], ["192.168.100.254"], ["128.0.0.0"],
  ])("%s round-trips through parse and format", (text) => {
    expect(formatIpv4(ip(text))).toBe(text);
  });

  test("every octet value round-trips in every position", () => {
    for (let v = 0; v < 256; v++) {
      for (const text of [`${v}.0.0.0`, `0.${v}.0.0`, `0.0.${v}.0`, `0.0.0.${v}`]) {
        expect(formatIpv4(ip(text))).toBe(text);
      }
    }
  });

  test.each([
    ["a low address", [10, 0, 0, 1], "10.0.0.1"],
    ["a high first octet stays unsigned", [200, 1, 2, 3], "200.1.2.3"],
    ["all ones", [255, 255, 255, 255], "255.255.255.255"],
  ])("ipv4() builds %s", (_label, octets, text) => {
    const [a, b, c, d] = octets as [number, number, number, number];
    const built = ipv4(a, b, c, d);
    expect(built).toBe(ip(text));
    expect(built).toBeGreaterThanOrEqual(0);
  });

  test.each([
    ["forwards", "10.0.0.255", 1, "10.0.1.0"],
    ["backwards", "10.0.1.0", -1, "10.0.0.255"],
    ["past the top wraps to zero", "255.255.255.255", 1, "0.0.0.0"],
    ["below zero wraps to the top", "0.0.0.0", -1, "255.255.255.255"],
  ])("addToIpv4 %s", (_label, from, offset, to) => {
    expect(formatIpv4(addToIpv4(ip(from), offset))).toBe(to);
  });

  test("ip() throws on a mistake in our own content", () => {
    expect(() => ip("10.0.0.256")).toThrow(/over 255/);
  });
});
