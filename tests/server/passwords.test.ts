import { describe, expect, test } from "vitest";
import { hashPassword, verifyPasswordHash } from "@/lib/server/passwords";

describe("password hashing", () => {
  test("a hash records its algorithm and parameters, and differs per call (random salt)", async () => {
    const [a, b] = await Promise.all([hashPassword("correct horse battery"), hashPassword("correct horse battery")]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
  });

  test.each([
    { label: "the same password", attempt: "correct horse battery", ok: true },
    { label: "a different password", attempt: "correct horse battery!", ok: false },
    { label: "different case", attempt: "Correct horse battery", ok: false },
    { label: "an empty password", attempt: "", ok: false },
  ])("verifies $label: $ok", async ({ attempt, ok }) => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPasswordHash(attempt, stored)).toBe(ok);
  });

  test("unicode passwords are normalised, so the same text typed differently matches", async () => {
    const composed = "caf\u00e9 au lait!";
    const decomposed = "cafe\u0301 au lait!";
    expect(await verifyPasswordHash(decomposed, await hashPassword(composed))).toBe(true);
  });

  test.each([
    { label: "empty", stored: "" },
    { label: "another algorithm", stored: "bcrypt$2b$10$abc" },
    { label: "missing parts", stored: "scrypt$32768$8$1$c2FsdA==" },
    { label: "N not a power of two", stored: "scrypt$1000$8$1$c2FsdHNhbHRzYWx0$" + "A".repeat(44) },
    { label: "absurd cost", stored: "scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$" + "A".repeat(44) },
    { label: "wrong key length", stored: "scrypt$16384$8$1$c2FsdHNhbHRzYWx0$c2hvcnQ=" },
  ])("a malformed stored hash ($label) never matches and never throws", async ({ stored }) => {
    expect(await verifyPasswordHash("anything", stored)).toBe(false);
  });
});
