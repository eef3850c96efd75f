/**
 * The security headers of every response. Pure (no Next, no environment reads). The fixed ones live
 * in static-security-headers.json, which next.config.js (plain CommonJS) applies to every path; the
 * page CSP with its nonce is built here for proxy.ts.
 *
 * Pages get a Content-Security-Policy with a fresh nonce per request: Next.js streams inline
 * scripts (hydration data) and reads the nonce from the request's CSP header to mark them, and
 * 'strict-dynamic' lets the scripts it trusts load the app's chunks. API routes and static files
 * get a policy that allows nothing, as they are never documents that run code.
 */
import staticHeaders from "./static-security-headers.json";

export interface PagePolicyOptions {
  /** `next dev` evaluates code and talks to its HMR socket; a production build needs neither. */
  readonly development?: boolean;
  /** Where OAuth sign-in forms may post to (next-auth redirects there after a POST). */
  readonly formTargets?: readonly string[];
}

/** A nonce: 128 random bits, base64 (the CSP nonce-source alphabet). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The CSP of an HTML page rendered with `nonce`. */
export function pageContentSecurityPolicy(nonce: string, options: PagePolicyOptions = {}): string {
  const dev = options.development === true;
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Inline styles (style="..." widths, the diagram's <style>) carry no nonce and cannot run code;
    // a nonce here would switch 'unsafe-inline' off, so styles are not nonce-checked.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(dev ? ["ws:"] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...(options.formTargets ?? [])],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The CSP of anything that is not a page (JSON, scripts, stylesheets, images). */
export const NON_DOCUMENT_CONTENT_SECURITY_POLICY: string = staticHeaders.nonDocumentPolicy;

/** Headers every response carries, whatever it is (X-Frame-Options for browsers without frame-ancestors). */
export const COMMON_SECURITY_HEADERS: readonly { key: string; value: string }[] = staticHeaders.common;

/** Hosts the enabled OAuth providers' sign-in forms lead to. */
export function oauthFormTargets(env: { GITHUB_ID?: string | undefined; GOOGLE_CLIENT_ID?: string | undefined }): string[] {
  return [...(env.GITHUB_ID ? ["https://github.com"] : []), ...(env.GOOGLE_CLIENT_ID ? ["https://accounts.google.com"] : [])];
}
