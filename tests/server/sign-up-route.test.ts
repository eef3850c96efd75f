/**
 * POST /api/v1/auth/sign-up, called as Next.js calls it. Bad input is a 422 with per-field
 * messages, a taken email a 409, and nothing produces a 500 with a stack trace.
 */
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { POST } from "@/app/api/v1/auth/sign-up/route";
import { createAttempt, getAttemptForOwner } from "@/lib/server/attempts";
import { getDb, setDbForTests } from "@/lib/server/db";
import { resetEnvForTests } from "@/lib/server/env";
import { GUEST_COOKIE, newGuestId, signGuestId } from "@/lib/server/guest";
import { findUserByEmail, verifyPassword } from "@/lib/server/users";
import { describeEachDatabase } from "./support/test-database";

const SECRET = "sign-up-route-test-secret-0123456789abcdef";

beforeAll(() => {
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  resetEnvForTests();
});

function signUp(body: unknown, init: { contentType?: string; cookie?: string } = {}): Promise<Response> {
  const headers = new Headers({ "content-type": init.contentType ?? "application/json" });
  if (init.cookie) headers.set("cookie", init.cookie);
  const request = new NextRequest("http://localhost:3000/api/v1/auth/sign-up", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return POST(request);
}

const GOOD = { email: "new.learner@example.com", password: "a long enough password" };

describe("sign-up validation (no database needed)", () => {
  test.each([
    { label: "missing email", body: { password: GOOD.password }, fields: { email: ["Enter your email address"] } },
    { label: "blank email", body: { ...GOOD, email: "   " }, fields: { email: ["Enter your email address"] } },
    { label: "malformed email", body: { ...GOOD, email: "not-an-email" }, fields: { email: ["Enter a valid email address, like name@example.com"] } },
    { label: "missing password", body: { email: GOOD.email }, fields: { password: ["Choose a password"] } },
    { label: "short password", body: { ...GOOD, password: "short" }, fields: { password: ["Use at least 10 characters for your password"] } },
    { label: "9-character password", body: { ...GOOD, password: "123456789" }, fields: { password: ["Use at least 10 characters for your password"] } },
    { label: "huge password", body: { ...GOOD, password: "x".repeat(201) }, fields: { password: ["Use at most 200 characters for your password"] } },
    { label: "password not a string", body: { ...GOOD, password: 1234567890123 }, fields: { password: ["Choose a password"] } },
    { label: "name too long", body: { ...GOOD, name: "n".repeat(101) }, fields: { name: ["Keep your name under 100 characters"] } },
  ])("$label → 422 with field messages", async ({ body, fields }) => {
    const response = await signUp(body);
    expect(response.status).toBe(422);
    const json = await response.json();
    expect(json).toEqual({ error: { code: "invalid_input", message: "Some fields need fixing", fields } });
  });

  test("several bad fields are all reported at once", async () => {
    const response = await signUp({ email: "nope", password: "short" });
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).error.fields).sort()).toEqual(["email", "password"]);
  });

  test.each([
    { label: "an array", body: [] },
    { label: "null", body: null },
    { label: "a string", body: "\"hello\"" },
  ])("a JSON body that is $label → 422", async ({ body }) => {
    expect((await signUp(body)).status).toBe(422);
  });

  test("malformed JSON → 400", async () => {
    const response = await signUp("{not json");
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_json");
  });

  test("a form post (not JSON) → 415", async () => {
    const response = await signUp("email=a%40b.c&password=0123456789", { contentType: "application/x-www-form-urlencoded" });
    expect(response.status).toBe(415);
  });
});

describeEachDatabase("sign-up", () => {
  test("creates the account (201) with a lower-cased email, and the password works", async () => {
    const response = await signUp({ ...GOOD, email: "Route.User@Example.com", name: "Route User" });
    expect(response.status).toBe(201);
    const json = await response.json();
    expect(json.user).toMatchObject({ email: "route.user@example.com", name: "Route User", role: "learner" });
    expect(json.user).not.toHaveProperty("passwordHash");
    expect(await verifyPassword("route.user@example.com", GOOD.password)).not.toBeNull();
  });

  test("a taken email → 409 with the message on the email field", async () => {
    await signUp({ ...GOOD, email: "dup@example.com" });
    const response = await signUp({ ...GOOD, email: "DUP@example.com" });
    expect(response.status).toBe(409);
    const json = await response.json();
    expect(json.error.code).toBe("email_taken");
    expect(json.error.message).toBe("An account with this email already exists");
    expect(json.error.fields.email[0]).toMatch(/already exists/);
  });

  test("a role in the body is ignored: everyone signs up as a learner", async () => {
    const response = await signUp({ ...GOOD, email: "sneaky@example.com", role: "admin" });
    expect(response.status).toBe(201);
    expect((await findUserByEmail("sneaky@example.com"))?.role).toBe("learner");
  });

  test("a guest's attempts move to the new account; a forged guest cookie claims nothing", async () => {
    const guestId = newGuestId();
    const attempt = await createAttempt({ guestId }, { scenarioId: "s", contentHash: "h", engineVersion: "1", seed: 1, difficulty: "easy" });

    const forged = await signUp({ ...GOOD, email: "forger@example.com" }, { cookie: `${GUEST_COOKIE}=${guestId}.forged` });
    expect((await forged.json()).claimed).toEqual({ attempts: 0, drills: 0 });

    const response = await signUp({ ...GOOD, email: "guest.convert@example.com" }, { cookie: `${GUEST_COOKIE}=${signGuestId(guestId, SECRET)}` });
    const json = await response.json();
    expect(json.claimed).toEqual({ attempts: 1, drills: 0 });
    expect((await getAttemptForOwner(attempt.id, { userId: json.user.id }))?.id).toBe(attempt.id);
  });

  test("an unexpected failure is a plain 500 without internals", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    // Break the database underneath the route: the user table disappears.
    const db = getDb();
    setDbForTests(new Proxy(db, { get: (target, key) => (key === "user" ? undefined : Reflect.get(target, key)) }));
    try {
      const response = await signUp({ ...GOOD, email: "boom@example.com" });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: "Something went wrong on our side. Please try again." } });
      expect(text).not.toMatch(/at .*\.ts|TypeError|prisma/i);
      expect(spy).toHaveBeenCalled();
    } finally {
      setDbForTests(db);
      spy.mockRestore();
    }
  });
});
