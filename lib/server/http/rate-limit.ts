/**
 * Rate limiting for the routes: count a try against a policy and key, and answer 429 with
 * Retry-After once the policy's tries are used up. Keys are hashed (an email address or an IP
 * address is not stored as such). Settings: rate-limit-settings.ts; storage: rate-limit-store.ts.
 */
import "server-only";
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { RateLimiterRes } from "rate-limiter-flexible";
import { getDatabaseTarget } from "@/lib/server/env";
import { clientAddress } from "./client-address";
import { type RateLimitName, rateLimitPolicy, rateLimitsEnabled } from "./rate-limit-settings";
import { createRateLimitStore, type RateLimitStore } from "./rate-limit-store";

export type RateLimitVerdict = { readonly ok: true } | { readonly ok: false; readonly limit: RateLimitName; readonly retryAfterSeconds: number; readonly points: number; readonly seconds: number };

const globalForLimits = globalThis as unknown as { hopwiseRateLimitStore?: RateLimitStore };

function store(): RateLimitStore {
  globalForLimits.hopwiseRateLimitStore ??= createRateLimitStore(getDatabaseTarget());
  return globalForLimits.hopwiseRateLimitStore;
}

/** Replace the shared store (tests point it at their own database); the old one is closed. */
export async function setRateLimitStoreForTests(next: RateLimitStore | undefined): Promise<void> {
  const old = globalForLimits.hopwiseRateLimitStore;
  globalForLimits.hopwiseRateLimitStore = next;
  if (old && old !== next) await old.close();
}

/** A key as stored: a hash, so counters hold no addresses or emails. */
export function rateLimitKey(raw: string): string {
  return createHash("sha256").update(raw).digest("base64url").slice(0, 32);
}

/** Counts one try of `key` against a limit; whether it is allowed, and if not, for how long. */
export async function consumeRateLimit(name: RateLimitName, key: string, from: RateLimitStore = store()): Promise<RateLimitVerdict> {
  if (!rateLimitsEnabled()) return { ok: true };
  const policy = rateLimitPolicy(name);
  const limiter = await from.limiter(policy);
  try {
    await limiter.consume(rateLimitKey(key));
    return { ok: true };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { ok: false, limit: name, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), points: policy.points, seconds: policy.seconds };
  }
}

/** The 429 for a refused try, naming the limit and when to come back. */
export function tooManyRequests(verdict: Extract<RateLimitVerdict, { ok: false }>, extra: Record<string, unknown> = {}): NextResponse {
  const message = `Too many tries (${verdict.limit}: at most ${verdict.points} in ${verdict.seconds} s); try again in ${verdict.retryAfterSeconds} s`;
  return NextResponse.json(
    { ...extra, error: { code: "rate_limited", message, limit: { name: verdict.limit, points: verdict.points, seconds: verdict.seconds }, retryAfterSeconds: verdict.retryAfterSeconds } },
    { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds) } },
  );
}

/** Wrap a route handler so each call counts against `name` per client address (429 past it). */
export function withRateLimit<A extends [Request, ...unknown[]]>(name: RateLimitName, handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const verdict = await consumeRateLimit(name, clientAddress(args[0]));
    if (!verdict.ok) return tooManyRequests(verdict);
    return handler(...args);
  };
}
