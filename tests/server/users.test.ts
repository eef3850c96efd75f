import { expect, test } from "vitest";
import { createUserWithPassword, findUserByEmail, verifyPassword } from "@/lib/server/users";
import { describeEachDatabase } from "./support/test-database";

describeEachDatabase("users", (database) => {
  test("sign-up stores a lower-cased email, a learner role and no plain password", async () => {
    const created = await createUserWithPassword({ email: "  Ada@Example.COM ", password: "correct horse battery", name: "Ada" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.user).toMatchObject({ email: "ada@example.com", name: "Ada", role: "learner" });

    const row = await database().db.user.findUniqueOrThrow({ where: { id: created.user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain("correct horse battery");
  });

  test("a taken email is a named result, whatever its case", async () => {
    await createUserWithPassword({ email: "taken@example.com", password: "a long enough password" });
    const again = await createUserWithPassword({ email: "TAKEN@example.com", password: "another long password" });
    expect(again).toEqual({ ok: false, reason: "email_taken" });
  });

  test("a password under 10 characters is refused with a clear message, and nothing is stored", async () => {
    const result = await createUserWithPassword({ email: "weak@example.com", password: "123456789" });
    expect(result).toEqual({ ok: false, reason: "invalid_password", message: "Use at least 10 characters for your password" });
    expect(await findUserByEmail("weak@example.com")).toBeNull();
  });

  test("concurrent sign-ups with one email create one account", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createUserWithPassword({ email: "race@example.com", password: "a long enough password" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "email_taken")).toBe(true);
    expect(await database().db.user.count({ where: { email: "race@example.com" } })).toBe(1);
  });

  test("findUserByEmail ignores case and never exposes the hash", async () => {
    await createUserWithPassword({ email: "grace@example.com", password: "a long enough password" });
    const user = await findUserByEmail("Grace@Example.com");
    expect(user?.email).toBe("grace@example.com");
    expect(user).not.toHaveProperty("passwordHash");
    expect(await findUserByEmail("nobody@example.com")).toBeNull();
  });

  test.each([
    { label: "right password", email: "verify@example.com", password: "the right password", ok: true },
    { label: "email in another case", email: "VERIFY@example.com", password: "the right password", ok: true },
    { label: "wrong password", email: "verify@example.com", password: "the wrong password", ok: false },
    { label: "unknown email", email: "unknown@example.com", password: "the right password", ok: false },
    { label: "empty password", email: "verify@example.com", password: "", ok: false },
  ])("verifyPassword: $label", async ({ email, password, ok }) => {
    if (!(await findUserByEmail("verify@example.com"))) {
      await createUserWithPassword({ email: "verify@example.com", password: "the right password" });
    }
    const user = await verifyPassword(email, password);
    expect(user !== null).toBe(ok);
    if (ok) expect(user?.email).toBe("verify@example.com");
  });

  test("an OAuth-only user (no password hash) cannot sign in with a password", async () => {
    await database().db.user.create({ data: { email: "oauth@example.com" } });
    expect(await verifyPassword("oauth@example.com", "anything at all")).toBeNull();
  });
});
