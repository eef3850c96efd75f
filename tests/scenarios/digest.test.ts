import { createHash, createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { hmacSha256, sha256, toHex } from "@/lib/scenario/digest";

/** The pure implementation must equal Node's, on the padding edges (55, 56, 64 bytes) and long keys. */
const MESSAGES: [string, string][] = [
  ["empty", ""],
  ["abc (FIPS 180-4 example)", "abc"],
  ["55 bytes (one block with length)", "a".repeat(55)],
  ["56 bytes (length spills to a second block)", "a".repeat(56)],
  ["64 bytes (exactly one block)", "b".repeat(64)],
  ["1000 bytes", "xyz".repeat(333) + "!"],
  ["non-ASCII", "héllo wörld ✓"],
];

describe("sha256 equals node:crypto", () => {
  test.each(MESSAGES)("%s", (_label, text) => {
    expect(toHex(sha256(new TextEncoder().encode(text)))).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });
});

const KEYS: [string, string][] = [["short key", "k"], ["64-byte key", "K".repeat(64)], ["100-byte key (hashed first)", "L".repeat(100)], ["empty key", ""]];

describe("hmacSha256 equals node:crypto", () => {
  test.each(KEYS.flatMap(([kl, key]) => MESSAGES.map(([ml, msg]) => [`${kl}, ${ml}`, key, msg] as const)))("%s", (_label, key, msg) => {
    expect(toHex(hmacSha256(key, msg))).toBe(createHmac("sha256", key).update(msg, "utf8").digest("hex"));
  });
});
