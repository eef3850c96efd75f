/**
 * Rate limits: counters shared by every app instance on one database (SQLite, and PostgreSQL when
 * TEST_POSTGRES_URL is set), 429 with Retry-After past a route's limit, keyed per client address
 * and per account for sign-in, the client address taken from the socket unless TRUST_PROXY says
 * otherwise, and next-auth's endpoints refusing large bodies with 413.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
import { POST as gradeDrill } from "@/app/api/v1/drills/grade/route";
import { GET as explainAddress } from "@/app/api/v1/drills/explain/route";
import { GET as nextDrill } from "@/app/api/v1/drills/next/route";
import { POST as grade } from "@/app/api/v1/grade/route";
import { POST as simulate } from "@/app/api/v1/simulate/route";
import type { DatabaseTarget } from "@/lib/server/database-target";
import { guardAuthRoute, signInEmail } from "@/lib/server/http/auth-guard";
import { CLIENT_ADDRESS_HEADER, installClientAddressHook, trustedAddress } from "@/lib/server/http/client-address";
import { consumeRateLimit, setRateLimitStoreForTests } from "@/lib/server/http/rate-limit";
import { checkRateLimitSettings, rateLimitPolicy } from "@/lib/server/http/rate-limit-settings";
import { createRateLimitStore, RATE_LIMIT_TABLE } from "@/lib/server/http/rate-limit-store";
import { BASE } from "./support/api-client";

// No request and no exam here: the lock has its own tests (tests/server/assessments/exam-lock.test.ts).
vi.mock("@/lib/server/assessments/exam-lock", () => import("./support/no-exam-lock"));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-rate-"));
const sqlite = (name: string): DatabaseTarget => {
  const file = path.join(dir, `${name}.db`);
  return { provider: "sqlite", url: `file:${file}`, file };
};
const postgresUrl = process.env.TEST_POSTGRES_URL;

beforeAll(() => vi.stubEnv("HOPWISE_RATE_LIMITS", "on"));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.stubEnv("HOPWISE_RATE_LIMITS", "on");
});
afterAll(async () => {
  await setRateLimitStoreForTests(undefined);
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh key per test, so databases shared between runs (PostgreSQL) start from zero. */
const unique = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe.each([
  { label: "SQLite", target: () => sqlite("shared") },
  ...(postgresUrl ? [{ label: "PostgreSQL", target: (): DatabaseTarget => ({ provider: "postgres", url: postgresUrl }) }] : []),
])("two app instances on one $label database", ({ target }) => {
  test("share their counters: the fourth try of three is refused, whichever instance it reaches", async () => {
    vi.stubEnv("HOPWISE_RATE_LIMIT_SIMULATE", "3/60");
    const one = createRateLimitStore(target());
    const two = createRateLimitStore(target());
    try {
      const key = unique("203.0.113.9");
      const verdicts = [];
      for (const store of [one, two, one, two]) verdicts.push(await consumeRateLimit("simulate", key, store));
      expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, false]);
      const refused = verdicts[3]!;
      if (refused.ok) throw new Error("unreachable");
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      // Another key (another client) is counted on its own.
      expect((await consumeRateLimit("simulate", unique("198.51.100.1"), two)).ok).toBe(true);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

test("the counters are stored in the app's database, under hashed keys", async () => {
  const target = sqlite("hashed");
  const store = createRateLimitStore(target);
  await consumeRateLimit("grade", "192.0.2.44", store);
  await store.close();
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(target.provider === "sqlite" ? target.file : "");
  const keys = (db.prepare(`SELECT key FROM ${RATE_LIMIT_TABLE}`).all() as { key: string }[]).map((r) => r.key);
  db.close();
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^grade:/);
  expect(keys[0]).not.toContain("192.0.2.44");
});

describe("routes answer 429 with Retry-After past their limit, per client address", () => {
  beforeAll(async () => setRateLimitStoreForTests(createRateLimitStore(sqlite("routes"))));

  const post = (handler: unknown, url: string, address: string) => {
    const request = new NextRequest(new URL(url, BASE), { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": address }, body: "{}" });
    return (handler as (r: NextRequest) => Promise<Response>)(request);
  };
  const get = (handler: unknown, url: string, address: string) =>
    (handler as (r: NextRequest) => Promise<Response>)(new NextRequest(new URL(url, BASE), { headers: { "x-forwarded-for": address } }));

  test.each([
    { label: "POST /api/v1/simulate", limit: "simulate", call: (a: string) => post(simulate, "/api/v1/simulate", a) },
    { label: "POST /api/v1/grade", limit: "grade", call: (a: string) => post(grade, "/api/v1/grade", a) },
    { label: "POST /api/v1/drills/grade", limit: "drills", call: (a: string) => post(gradeDrill, "/api/v1/drills/grade", a) },
    { label: "GET /api/v1/drills/next", limit: "drills", call: (a: string) => get(nextDrill, "/api/v1/drills/next", a) },
    { label: "GET /api/v1/drills/explain", limit: "drills", call: (a: string) => get(explainAddress, "/api/v1/drills/explain?address=10.0.0.1/8", a) },
    { label: "POST /api/v1/auth/sign-up", limit: "sign_up", call: (a: string) => post(signUp, "/api/v1/auth/sign-up", a) },
  ])("$label: 2 tries, then 429 naming $limit; another address is not affected", async ({ limit, call }) => {
    vi.stubEnv(`HOPWISE_RATE_LIMIT_${limit.toUpperCase()}`, "2/60");
    const address = unique("203.0.113");
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(address)).status);
    expect(statuses.slice(0, 2)).not.toContain(429);
    const refused = await call(address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = await refused.json();
    expect(body.error).toMatchObject({ code: "rate_limited", limit: { name: limit, points: 2, seconds: 60 } });
    expect((await call(unique("198.51.100"))).status).not.toBe(429);
  });

  test("HOPWISE_RATE_LIMITS=off lets every try through", async () => {
    vi.stubEnv("HOPWISE_RATE_LIMITS", "off");
    vi.stubEnv("HOPWISE_RATE_LIMIT_DRILLS", "1/60");
    const address = unique("203.0.113");
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(nextDrill, "/api/v1/drills/next", address)).status);
    expect(statuses).toEqual([200, 200, 200]);
  });
});

describe("sign-in through next-auth's credentials callback", () => {
  beforeAll(async () => setRateLimitStoreForTests(createRateLimitStore(sqlite("sign-in"))));

  /** The guard around a stand-in for next-auth that counts the sign-ins that reached it. */
  function guarded() {
    const reached: string[] = [];
    const handler = guardAuthRoute(async (request: NextRequest) => {
      reached.push(await request.text());
      return Response.json({ url: `${BASE}/` });
    });
    const signIn = (email: string, address: string, password = "wrong-password") =>
      handler(new NextRequest(`${BASE}/api/auth/callback/credentials`, {
        method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": address },
        body: new URLSearchParams({ email, password, csrfToken: "t", json: "true" }).toString(),
      }), {});
    return { reached, signIn };
  }

  test.each([
    { label: "per account: the same email from ever new addresses", env: { HOPWISE_RATE_LIMIT_SIGN_IN_ACCOUNT: "3/900" }, tries: (email: string) => (i: number) => [email, unique(`10.0.0.${i}`)] as const, limit: "sign_in_account" },
    { label: "per address: ever new emails from one address", env: { HOPWISE_RATE_LIMIT_SIGN_IN_IP: "3/900" }, tries: (_: string, address = unique("10.1.1.1")) => (i: number) => [unique(`user${i}`) + "@example.com", address] as const, limit: "sign_in_ip" },
  ])("$label: 429 with Retry-After after 3 tries, the right password included", async ({ env, tries, limit }) => {
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    const { reached, signIn } = guarded();
    const next = tries(`${unique("alice")}@example.com`);
    for (let i = 0; i < 3; i++) expect((await signIn(...next(i))).status).toBe(200);
    const refused = await signIn(...next(3), "the-right-password");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    const body = await refused.json();
    expect(body.error).toMatchObject({ code: "rate_limited", limit: { name: limit } });
    // What next-auth's signIn() reads: an error code the sign-in form explains.
    expect(new URL(body.url).searchParams.get("error")).toBe("TooManyAttempts");
    expect(reached).toHaveLength(3);
    expect(reached[0]).toContain("wrong-password");
  });

  test("an account's tries count however its email is capitalised", async () => {
    vi.stubEnv("HOPWISE_RATE_LIMIT_SIGN_IN_ACCOUNT", "2/900");
    const { signIn } = guarded();
    const email = `${unique("bob")}@example.com`;
    expect((await signIn(email, unique("a"))).status).toBe(200);
    expect((await signIn(email.toUpperCase(), unique("b"))).status).toBe(200);
    expect((await signIn(` ${email} `, unique("c"))).status).toBe(429);
  });

  test.each([
    { label: "form", text: "email=Carol%40Example.com&password=x", type: "application/x-www-form-urlencoded", email: "carol@example.com" },
    { label: "JSON", text: JSON.stringify({ email: "dave@example.com" }), type: "application/json", email: "dave@example.com" },
    { label: "broken JSON", text: "{", type: "application/json", email: "" },
    { label: "no email", text: "password=x", type: "application/x-www-form-urlencoded", email: "" },
  ])("the account of a $label body: '$email'", ({ text, type, email }) => {
    expect(signInEmail(text, type)).toBe(email);
  });
});

describe("next-auth's endpoints refuse large bodies with 413", () => {
  const big = "x".repeat(64 * 1024);
  test.each([
    { label: "credentials callback, declared length", path: "/api/auth/callback/credentials", stream: false },
    { label: "credentials callback, streamed without a length", path: "/api/auth/callback/credentials", stream: true },
    { label: "sign-out", path: "/api/auth/signout", stream: false },
  ])("$label", async ({ path: url, stream }) => {
    const body = stream
      ? new ReadableStream({ start(c) { for (let i = 0; i < 8; i++) c.enqueue(new TextEncoder().encode(big)); c.close(); } })
      : `email=a%40b.c&password=${big}`;
    const init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body, ...(stream ? { duplex: "half" } : {}) };
    const request = new NextRequest(`${BASE}${url}`, init as ConstructorParameters<typeof NextRequest>[1]);
    const response = await (nextAuthPost as (r: NextRequest, c: unknown) => Promise<Response>)(request, { params: Promise.resolve({ nextauth: url.split("/").slice(3) }) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
  });
});

describe("the client address", () => {
  test.each([
    { label: "no proxy trusted: the socket, whatever the header says", socket: "192.0.2.1", xff: "6.6.6.6", proxies: 0, want: "192.0.2.1" },
    { label: "one proxy: the address it saw (right-most)", socket: "10.0.0.2", xff: "6.6.6.6, 198.51.100.7", proxies: 1, want: "198.51.100.7" },
    { label: "two proxies: the second from the right", socket: "10.0.0.2", xff: "6.6.6.6, 198.51.100.7, 10.0.0.3", proxies: 2, want: "198.51.100.7" },
    { label: "a proxy trusted but no header: the socket", socket: "10.0.0.2", xff: undefined, proxies: 1, want: "10.0.0.2" },
    { label: "more proxies than entries: the left-most", socket: "10.0.0.2", xff: "198.51.100.7", proxies: 3, want: "198.51.100.7" },
  ])("$label", ({ socket, xff, proxies, want }) => {
    expect(trustedAddress(socket, xff, proxies)).toBe(want);
  });

  test("the hook stamps each request with its socket's address, overwriting what the client sent", async () => {
    installClientAddressHook();
    const server = http.createServer((req, res) => res.end(String(req.headers[CLIENT_ADDRESS_HEADER])));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6", [CLIENT_ADDRESS_HEADER]: "6.6.6.6" } });
      expect(await response.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});

describe("settings", () => {
  test.each([
    { env: {}, points: 30, seconds: 60 },
    { env: { HOPWISE_RATE_LIMIT_SIMULATE: "5/10" }, points: 5, seconds: 10 },
  ])("simulate with $env: $points per $seconds s", ({ env, points, seconds }) => {
    expect(rateLimitPolicy("simulate", env)).toMatchObject({ points, seconds });
  });

  test.each([
    { name: "HOPWISE_RATE_LIMIT_GRADE", value: "lots" },
    { name: "HOPWISE_RATE_LIMIT_SIGN_IN_IP", value: "0/60" },
    { name: "HOPWISE_RATE_LIMITS", value: "maybe" },
    { name: "TRUST_PROXY", value: "yes" },
  ])("$name=$value is refused at start-up, by name", ({ name, value }) => {
    expect(() => checkRateLimitSettings({ [name]: value })).toThrow(name);
  });
});
