import { describe, expect, test } from "vitest";
import { guestCookieOptions, newGuestId, signGuestId, verifyGuestToken } from "@/lib/server/guest";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

describe("guest identity cookie", () => {
  test("a signed guest id verifies to itself", () => {
    const id = newGuestId();
    expect(id).toMatch(/^g_[A-Za-z0-9_-]{22}$/);
    expect(verifyGuestToken(signGuestId(id, SECRET), SECRET)).toBe(id);
  });

  test("guest ids are random", () => {
    expect(new Set(Array.from({ length: 100 }, newGuestId)).size).toBe(100);
  });

  const id = newGuestId();
  const token = signGuestId(id, SECRET);
  test.each([
    { label: "missing", value: undefined },
    { label: "empty", value: "" },
    { label: "no signature", value: id },
    { label: "another secret", value: signGuestId(id, `${SECRET}x`) },
    { label: "someone else's id with this signature", value: `${newGuestId()}${token.slice(token.indexOf("."))}` },
    { label: "tampered signature", value: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}` },
    { label: "not a guest id", value: signGuestId("admin", SECRET) },
  ])("rejects a cookie that is $label", ({ value }) => {
    expect(verifyGuestToken(value, SECRET)).toBeNull();
  });

  test.each([
    { url: "https://hopwise.example", secure: true },
    { url: "http://localhost:3000", secure: false },
    { url: undefined, secure: false },
  ])("cookie is httpOnly, lax, and secure=$secure for $url", ({ url, secure }) => {
    expect(guestCookieOptions(url)).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure });
  });
});
