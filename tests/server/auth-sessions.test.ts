/**
 * Sessions take effect on the next request: sign-out, a demoted and a disabled user. Runs next-auth's
 * real getServerSession (JWT decoding, callbacks) against a real database; only Next's request
 * cookie store is replaced by a jar. A "request" is one getCurrentUser() call with the jar's cookies.
 */
import { createRequire } from "node:module";
import type { Account, User } from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import { beforeEach, expect, test, vi } from "vitest";
import { describeEachDatabase } from "./support/test-database";

const jar = new Map<string, string>();
const fakeHeaders = vi.hoisted(() => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: () => {},
  }),
  headers: async () => new Headers(),
}));
vi.mock("next/headers", () => fakeHeaders);
// next-auth's getServerSession loads next/headers with require(), which vi.mock does not reach.
Object.assign(createRequire(import.meta.url)("next/headers"), fakeHeaders);

const SECRET = "auth-sessions-test-secret-0123456789abcdef";
vi.stubEnv("NEXTAUTH_SECRET", SECRET);
vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");

const { authOptions, getCurrentUser } = await import("@/lib/server/auth");
const { createUserWithPassword, verifyPassword } = await import("@/lib/server/users");
const { disableUser, enableUser, setUserRole } = await import("@/lib/server/auth/account-status");
const { findSessionUser, SESSION_MAX_AGE_SECONDS, startSession } = await import("@/lib/server/auth/sessions");

const COOKIE = "next-auth.session-token";

/** Sign in as next-auth does after `authorize`: the jwt callback, then the encoded cookie. */
async function signIn(userId: string): Promise<{ cookie: string; token: JWT }> {
  const user = { id: userId } as User;
  const account = { provider: "credentials", type: "credentials", providerAccountId: userId } as Account;
  const token = await authOptions.callbacks!.jwt!({ token: { sub: userId }, user, account });
  const cookie = await encode({ token, secret: SECRET });
  return { cookie, token };
}

/** One request with this cookie: who does the app think is signed in? */
async function requestWith(cookie: string) {
  jar.clear();
  jar.set(COOKIE, cookie);
  return getCurrentUser();
}

async function newUser(email: string, role: "learner" | "instructor" | "admin" = "learner") {
  const created = await createUserWithPassword({ email, password: "a long enough password", role });
  if (!created.ok) throw new Error(`could not create ${email}`);
  return created.user;
}

beforeEach(() => jar.clear());

describeEachDatabase("sessions take effect on the next request", (database) => {
  test("a fresh sign-in is a session; the cookie carries a session id, not the role", async () => {
    const user = await newUser("fresh@example.com", "instructor");
    const { cookie, token } = await signIn(user.id);
    expect(token.sid).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(token).not.toHaveProperty("role");
    expect(await requestWith(cookie)).toEqual({ id: user.id, email: "fresh@example.com", name: null, role: "instructor" });
  });

  test("after sign-out the old cookie is refused, and other sign-ins of the user still work", async () => {
    const user = await newUser("signout@example.com");
    const here = await signIn(user.id);
    const elsewhere = await signIn(user.id);
    await authOptions.events!.signOut!({ token: here.token, session: undefined as never });
    expect(await requestWith(here.cookie)).toBeNull();
    expect((await requestWith(elsewhere.cookie))?.id).toBe(user.id);
  });

  test("after a demotion the next request has the new role, and a promotion too", async () => {
    const user = await newUser("demoted@example.com", "admin");
    const { cookie } = await signIn(user.id);
    expect((await requestWith(cookie))?.role).toBe("admin");
    await setUserRole(user.id, "learner");
    expect((await requestWith(cookie))?.role).toBe("learner");
    await setUserRole(user.id, "instructor");
    expect((await requestWith(cookie))?.role).toBe("instructor");
  });

  test("a disabled user's cookie is refused, cannot sign in again, and re-enabling does not revive old cookies", async () => {
    const user = await newUser("disabled@example.com");
    const { cookie } = await signIn(user.id);
    await disableUser(user.id);
    expect(await requestWith(cookie)).toBeNull();
    expect(await verifyPassword("disabled@example.com", "a long enough password")).toBeNull();
    await enableUser(user.id);
    expect(await requestWith(cookie)).toBeNull();
    expect((await verifyPassword("disabled@example.com", "a long enough password"))?.id).toBe(user.id);
    const again = await signIn(user.id);
    expect((await requestWith(again.cookie))?.id).toBe(user.id);
  });

  test.each([
    { label: "no session id (a token from before this change)", token: (userId: string) => ({ sub: userId, role: "admin" }) },
    { label: "a made-up session id", token: (userId: string) => ({ sub: userId, sid: "made-up-session-id" }) },
    { label: "another user's id with a valid session id", token: (_userId: string, sid: string) => ({ sub: "someone-else", sid }) },
  ])("a validly signed cookie with $label is refused", async ({ token }) => {
    const user = await newUser(`forged-${Math.random().toString(36).slice(2)}@example.com`);
    const { token: real } = await signIn(user.id);
    const cookie = await encode({ token: token(user.id, real.sid!) as JWT, secret: SECRET });
    expect(await requestWith(cookie)).toBeNull();
  });

  test("an expired session record is refused even while its JWT is still valid", async () => {
    const user = await newUser("expired@example.com");
    const longAgo = new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 60) * 1000);
    const sid = await startSession(user.id, longAgo);
    expect(await findSessionUser(sid, new Date(longAgo.getTime() + 1000))).not.toBeNull();
    const cookie = await encode({ token: { sub: user.id, sid }, secret: SECRET });
    expect(await requestWith(cookie)).toBeNull();
  });

  test("a new sign-in clears the user's dead session records", async () => {
    const user = await newUser("tidy@example.com");
    const first = await signIn(user.id);
    await authOptions.events!.signOut!({ token: first.token, session: undefined as never });
    await signIn(user.id);
    const rows = await database().db.authSession.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.revokedAt).toBeNull();
  });
});
