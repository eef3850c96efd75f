import { describe, expect, test } from "vitest";
import { parseAnswer, type FieldKind } from "@/lib/grader/kinds";

const read = (kind: FieldKind, input: unknown, options: { id: string; text: string }[] | null = null, expected = "") => parseAnswer(kind, input, options, expected);

describe("answers are normalised by kind", () => {
  test.each<[string, FieldKind, unknown, string]>([
    ["MAC in lower case with dashes", "mac", "aa-bb-cc-dd-ee-ff", "AA:BB:CC:DD:EE:FF"],
    ["MAC in Cisco dotted form", "mac", "aabb.ccdd.eeff", "AA:BB:CC:DD:EE:FF"],
    ["address with spaces around it", "ipv4", "  192.168.1.10 ", "192.168.1.10"],
    ["flags in any order and case", "tcp-flags", "ack, syn", "SYN ACK"],
    ["flags written as SYN-ACK", "tcp-flags", "SYN-ACK", "SYN ACK"],
    ["port given as a number", "port", 443, "443"],
    ["host name with a trailing dot", "hostname", "Google.com.", "google.com"],
    ["latency written with its unit", "number", "302 ms", "302"],
    ["approximate latency", "number", "~300", "300"],
    ["header value that is an address", "header", " 203.0.113.77 ", "203.0.113.77"],
    ["the default route written as 'default'", "cidr", "default", "0.0.0.0/0"],
    ["a route prefix", "cidr", " 10.0.0.0/16 ", "10.0.0.0/16"],
  ])("%s", (_label, kind, input, canonical) => {
    const r = read(kind, input, null, kind === "header" ? "203.0.113.77" : "");
    expect(r.ok && r.value.kind === "single" ? r.value.text : r).toBe(canonical);
  });

  test("a socket splits into address and port", () => {
    const r = read("socket", "203.0.113.50:10002");
    expect(r.ok && r.value.kind === "parts" ? r.value.parts : r).toEqual(["203.0.113.50", "10002"]);
  });

  test("choices match case-insensitively and come back as the option id", () => {
    const r = read("choice", "hit", [{ id: "HIT", text: "HIT" }, { id: "MISS", text: "MISS" }]);
    expect(r.ok && r.value.kind === "single" ? r.value.text : r).toBe("HIT");
  });
});

describe("unreadable answers are format errors with a useful message", () => {
  test.each<[string, FieldKind, unknown, RegExp]>([
    ["an octet over 255", "ipv4", "192.168.1.300", /over 255/],
    ["a socket without an address", "socket", ":80", /missing the address/],
    ["a socket without a port", "socket", "10.0.0.1", /needs a port/],
    ["a port over 65535", "port", "70000", /over 65535/],
    ["a port in a socket over 65535", "socket", "10.0.0.1:70000", /over 65535/],
    ["a MAC with five bytes", "mac", "aa:bb:cc:dd:ee", /not a MAC/],
    ["an unknown TCP flag", "tcp-flags", "SYN, URGENT", /unknown TCP flag/],
    ["a TTL of 300", "ttl", "300", /between 0 and 255/],
    ["a route prefix with host bits set", "cidr", "10.0.1.5/16", /host bits/],
    ["a sequence number with letters", "u32", "12a", /not a whole number/],
    ["a choice that is not offered", "choice", "MAYBE", /not one of the choices/],
    ["a NAT entry missing a side", "nat-entry", { inside: "10.0.0.1:1", translated: "1.2.3.4:5" }, /outside/],
    ["an ordering with an item twice", "order", ["a", "a"], /twice/],
    ["text far too long", "hostname", "a".repeat(10_000), /too long/],
    ["an object where text is expected", "ipv4", { toString: "x" }, /must be text/],
  ])("%s", (_label, kind, input, message) => {
    const r = read(kind, input, kind === "choice" ? [{ id: "HIT", text: "HIT" }] : kind === "order" ? [{ id: "a", text: "A" }, { id: "b", text: "B" }] : null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
