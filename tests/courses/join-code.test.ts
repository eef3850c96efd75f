import { describe, expect, test } from "vitest";
import { JOIN_CODE_ALPHABET, newJoinCode, normaliseJoinCode } from "@/lib/server/courses/join-code";

/** A byte source that replays `bytes` over and over. */
function replay(bytes: number[]): (size: number) => Uint8Array {
  let at = 0;
  return (size) => Uint8Array.from({ length: size }, () => bytes[at++ % bytes.length]!);
}

describe("newJoinCode", () => {
  test.each([
    { label: "first letters", bytes: [0, 1, 2, 3, 4, 5, 6, 7], code: "ABCD-EFGH" },
    { label: "bytes wrap around the alphabet", bytes: [31, 32, 33, 34, 35, 36, 37, 38], code: "ABCD-EFGH" },
    { label: "bytes 248 and up are skipped (no bias)", bytes: [255, 248, 30, 30, 30, 30, 30, 30, 30, 30], code: "9999-9999" },
  ])("$label", ({ bytes, code }) => {
    expect(newJoinCode(replay(bytes))).toBe(code);
  });

  test("has no look-alike characters", () => {
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  test("random codes are readable and normalise to themselves", () => {
    for (let i = 0; i < 50; i++) {
      const code = newJoinCode((size) => crypto.getRandomValues(new Uint8Array(size)));
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(normaliseJoinCode(code)).toBe(code);
    }
  });
});

describe("normaliseJoinCode", () => {
  test.each([
    { label: "as shown", input: "ABCD-EFGH", code: "ABCD-EFGH" },
    { label: "lower case", input: "abcd-efgh", code: "ABCD-EFGH" },
    { label: "without the dash", input: "abcdefgh", code: "ABCD-EFGH" },
    { label: "with spaces", input: " abcd efgh ", code: "ABCD-EFGH" },
    { label: "too short", input: "ABCD-EFG", code: null },
    { label: "too long", input: "ABCD-EFGHJ", code: null },
    { label: "a look-alike 0", input: "ABCD-EFG0", code: null },
    { label: "punctuation", input: "ABCD/EFGH", code: null },
    { label: "empty", input: "", code: null },
    { label: "huge", input: "A".repeat(10_000), code: null },
  ])("$label", ({ input, code }) => {
    expect(normaliseJoinCode(input)).toBe(code);
  });
});
