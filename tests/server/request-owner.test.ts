/**
 * The request's owner (signed-in user, else signed guest cookie) and the auth guards, with Next's
 * cookie store and next-auth's session lookup replaced by in-memory fakes. The fake session is only
 * consulted when the request carries a session cookie, as next-auth's real one would be.
 */
import { beforeEach, describe, expect, test, vi } from "vitest";

const cookieJar = new Map<string, { value: string; options?: Record<string, unknown> }>();
let session: { user: { id: string; email: string; name: string | null; role: string } } | null = null;
const sessionLookups = vi.fn();

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)!.value } : undefined),
    getAll: () => [...cookieJar].map(([name, { value }]) => ({ name, value })),
    set: (name: string, value: string, options?: Record<string, unknown>) => void cookieJar.set(name, { value, options }),
  }),
}));
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: async () => {
    sessionLookups();
    return session;
  },
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
}));

const SECRET = "request-owner-test-secret-0123456789abcdef";
vi.stubEnv("NEXTAUTH_SECRET", SECRET);
vi.stubEnv("NEXTAUTH_URL", "https://hopwise.example");

const { getOrCreateRequestOwner, getRequestOwner } = await import("@/lib/server/request-owner");
const { getCurrentUser, requireRole, requireUser } = await import("@/lib/server/auth");
const { GUEST_COOKIE, signGuestId, newGuestId } = await import("@/lib/server/guest");

/** A signed-in browser: next-auth's session cookie, and the session it decodes to. */
function signIn(role: string, cookie = "next-auth.session-token") {
  cookieJar.set(cookie, { value: "a-signed-jwt" });
  session = { user: { id: "user-1", email: "ada@example.com", name: "Ada", role } };
}

beforeEach(() => {
  cookieJar.clear();
  session = null;
  sessionLookups.mockClear();
});

describe("the owner of a request", () => {
  test("a signed-in user owns it, even with a guest cookie", async () => {
    signIn("learner");
    cookieJar.set(GUEST_COOKIE, { value: signGuestId(newGuestId(), SECRET) });
    expect(await getRequestOwner()).toEqual({ userId: "user-1" });
  });

  test("a visitor with a valid guest cookie is that guest", async () => {
    const guestId = newGuestId();
    cookieJar.set(GUEST_COOKIE, { value: signGuestId(guestId, SECRET) });
    expect(await getRequestOwner()).toEqual({ guestId });
  });

  test("a forged guest cookie is ignored", async () => {
    cookieJar.set(GUEST_COOKIE, { value: `${newGuestId()}.forged` });
    expect(await getRequestOwner()).toBeNull();
  });

  test("a new visitor becomes a guest with a signed, httpOnly, secure cookie", async () => {
    const owner = await getOrCreateRequestOwner();
    expect(owner).toHaveProperty("guestId");
    const cookie = cookieJar.get(GUEST_COOKIE);
    expect(cookie?.value).toBe(signGuestId((owner as { guestId: string }).guestId, SECRET));
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
    // The next request is the same guest.
    expect(await getRequestOwner()).toEqual(owner);
    expect(await getOrCreateRequestOwner()).toEqual(owner);
  });
});

describe("the session lookup", () => {
  test("a request without a session cookie is nobody, and next-auth is not asked", async () => {
    cookieJar.set(GUEST_COOKIE, { value: signGuestId(newGuestId(), SECRET) });
    cookieJar.set("next-auth.csrf-token", { value: "x" });
    expect(await getCurrentUser()).toBeNull();
    expect(sessionLookups).not.toHaveBeenCalled();
  });

  test.each([
    { cookie: "next-auth.session-token" },
    { cookie: "__Secure-next-auth.session-token" },
    { cookie: "next-auth.session-token.0" },
    { cookie: "__Secure-next-auth.session-token.1" },
  ])("a request with $cookie is looked up", async ({ cookie }) => {
    signIn("learner", cookie);
    expect(await getCurrentUser()).toMatchObject({ id: "user-1" });
    expect(sessionLookups).toHaveBeenCalledTimes(1);
  });

  test("a session cookie next-auth cannot decode is still nobody", async () => {
    cookieJar.set("next-auth.session-token", { value: "garbage" });
    expect(await getCurrentUser()).toBeNull();
    expect(sessionLookups).toHaveBeenCalledTimes(1);
  });
});

describe("auth guards", () => {
  test("getCurrentUser maps the session, with an unknown role read as learner", async () => {
    expect(await getCurrentUser()).toBeNull();
    signIn("superuser");
    expect(await getCurrentUser()).toEqual({ id: "user-1", email: "ada@example.com", name: "Ada", role: "learner" });
  });

  test("requireUser sends visitors to sign in, back to where they were", async () => {
    await expect(requireUser("/scenarios/nat")).rejects.toThrow("REDIRECT /sign-in?callbackUrl=%2Fscenarios%2Fnat");
    signIn("learner");
    expect((await requireUser()).id).toBe("user-1");
  });

  test.each([
    { role: "learner", allowed: ["instructor", "admin"] as const, outcome: "FORBIDDEN" },
    { role: "instructor", allowed: ["instructor", "admin"] as const, outcome: "ok" },
    { role: "admin", allowed: "admin" as const, outcome: "ok" },
  ])("requireRole($allowed) for a $role: $outcome", async ({ role, allowed, outcome }) => {
    signIn(role);
    const call = requireRole(allowed);
    if (outcome === "ok") expect((await call).role).toBe(role);
    else await expect(call).rejects.toThrow(outcome);
  });

  test("requireRole sends visitors to sign in first", async () => {
    await expect(requireRole("admin")).rejects.toThrow(/^REDIRECT \/sign-in/);
  });
});
