/**
 * Course invites are claimed at sign-in, by password and by OAuth: next-auth's real jwt callback
 * against a real database (only Next's cookie store is replaced, as in auth-sessions.test.ts).
 */
import { createRequire } from "node:module";
import type { Account, User } from "next-auth";
import { expect, test, vi } from "vitest";
import { describeEachDatabase } from "./support/test-database";

const fakeHeaders = vi.hoisted(() => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
  headers: async () => new Headers(),
}));
vi.mock("next/headers", () => fakeHeaders);
Object.assign(createRequire(import.meta.url)("next/headers"), fakeHeaders);
vi.stubEnv("NEXTAUTH_SECRET", "course-invite-sign-in-secret-0123456789abcdef");
vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");

const { authOptions } = await import("@/lib/server/auth");
const { getDb } = await import("@/lib/server/db");
const { account, uniqueEmail } = await import("./courses-support");

async function courseInviting(email: string): Promise<string> {
  const instructor = await account("instructor", "instructor");
  const course = await getDb().course.create({ data: { title: "Networks", code: "NET", joinCode: `T${Math.random().toString(36).slice(2, 9).toUpperCase()}`, createdById: instructor.id } });
  await getDb().courseInvite.create({ data: { courseId: course.id, email } });
  return course.id;
}

async function jwtAfterSignIn(provider: string, user: { id: string; email: string }) {
  const nextAuthAccount = { provider, type: provider === "credentials" ? "credentials" : "oauth", providerAccountId: user.id } as Account;
  return authOptions.callbacks!.jwt!({ token: { sub: user.id }, user: user as User, account: nextAuthAccount });
}

describeEachDatabase("course invites at sign-in", () => {
  test.each([
    { label: "password sign-in of an account created without the sign-up hook", provider: "credentials" },
    { label: "first GitHub sign-in (the account is created by it)", provider: "github" },
  ])("$label joins the invited course", async ({ provider }) => {
    const email = uniqueEmail(provider);
    const courseId = await courseInviting(email);
    const existing = provider === "credentials" ? await getDb().user.create({ data: { email } }) : null;
    const token = await jwtAfterSignIn(provider, { id: existing?.id ?? "github-user-1", email: email.toUpperCase() });
    const member = await getDb().courseMember.findFirst({ where: { courseId, user: { email } } });
    expect(member).toMatchObject({ role: "student", userId: token.sub });
    expect(await getDb().courseInvite.count({ where: { email } })).toBe(0);
  });
});
