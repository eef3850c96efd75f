/**
 * The guard in front of next-auth's endpoints (app/api/auth/[...nextauth]): a body over
 * MAX_AUTH_BODY_BYTES is refused with 413 before it is read in full, and a credentials sign-in is
 * counted per client address and per account email, answered with 429 and Retry-After past
 * either limit. The refusal carries a `url` with `?error=TooManyAttempts`, so next-auth's
 * `signIn(..., { redirect: false })` reports it like any other sign-in error.
 */
import "server-only";
import { NextRequest, NextResponse } from "next/server";
import { clientAddress } from "./client-address";
import { MAX_AUTH_BODY_BYTES } from "./limits";
import { consumeRateLimit, tooManyRequests } from "./rate-limit";
import { readBodyText } from "@/lib/server/api";

type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;

/** The email a sign-in names, from next-auth's form (or JSON) body; "" when there is none. */
export function signInEmail(text: string, contentType: string): string {
  let email: unknown;
  if (contentType.includes("application/json")) {
    try {
      email = (JSON.parse(text) as { email?: unknown } | null)?.email;
    } catch {
      email = undefined;
    }
  } else email = new URLSearchParams(text).get("email");
  return typeof email === "string" ? email.trim().toLowerCase() : "";
}

function isCredentialsSignIn(request: NextRequest): boolean {
  return request.method === "POST" && /\/api\/auth\/callback\/credentials\/?$/.test(request.nextUrl.pathname);
}

/** Wraps next-auth's route handler with the body limit and the sign-in rate limits. */
export function guardAuthRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    if (request.method !== "POST") return handler(request, context);
    const read = await readBodyText(request, MAX_AUTH_BODY_BYTES);
    if (!read.ok) {
      return NextResponse.json({ error: { code: "payload_too_large", message: `The request body is over ${MAX_AUTH_BODY_BYTES / 1024} KB` } }, { status: 413 });
    }
    if (isCredentialsSignIn(request)) {
      // next-auth's client needs an absolute URL; NEXTAUTH_URL is the app's public one.
      const signInError = { url: new URL("/sign-in?error=TooManyAttempts", process.env.NEXTAUTH_URL || request.nextUrl.origin).toString() };
      const byAddress = await consumeRateLimit("sign_in_ip", clientAddress(request));
      if (!byAddress.ok) return tooManyRequests(byAddress, signInError);
      const email = signInEmail(read.text, request.headers.get("content-type") ?? "");
      if (email !== "") {
        const byAccount = await consumeRateLimit("sign_in_account", email);
        if (!byAccount.ok) return tooManyRequests(byAccount, signInError);
      }
    }
    // next-auth reads the body itself: hand it a request with the bytes already read.
    const replay = new NextRequest(request.url, { method: request.method, headers: request.headers, body: read.text });
    return handler(replay, context);
  };
}
