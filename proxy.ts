/**
 * Runs before every page request: a fresh CSP nonce per request, handed to Next's renderer in the
 * request's Content-Security-Policy header (Next marks its inline scripts with it) and sent to the
 * browser in the response's. API routes and static files get their headers from next.config.js.
 */
import { type NextRequest, NextResponse } from "next/server";
import { newNonce, oauthFormTargets, pageContentSecurityPolicy } from "@/lib/server/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    formTargets: oauthFormTargets({ GITHUB_ID: process.env.GITHUB_ID, GOOGLE_CLIENT_ID: process.env.GOOGLE_CLIENT_ID }),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Everything but API routes and build assets (next.config.js gives those a deny-all policy).
  matcher: ["/((?!api/|_next/static/|_next/image).*)"],
};
