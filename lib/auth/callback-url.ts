/**
 * Where to go after signing in (or up): only a path on this site, so a crafted link cannot send a
 * learner elsewhere. Pure and dependency-free: the sign-in and sign-up pages, their client forms and
 * next-auth's `redirect` callback all use it.
 *
 * Browsers forgive a lot in a URL: they drop tabs and newlines anywhere (`/\t/evil` becomes
 * `//evil`, another host), read `\` as `/`, and keep a scheme like `javascript:`. So rather than
 * listing bad prefixes, a value is accepted only when it is a plain absolute path whose every
 * percent-decoding is free of control characters, whitespace and backslashes and does not start
 * with `//`, and it is returned as the path the URL parser makes of it (never the raw text).
 */

/** Longer than any page of ours; a longer value is not a link someone meant. */
const MAX_LENGTH = 2048;
/** Percent-encoding can be nested (`%252F` → `%2F` → `/`); each layer is checked. */
const MAX_DECODINGS = 3;
/** C0 controls, DEL, any whitespace (incl. Unicode spaces) and backslashes. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f\s\\]/u;
/** A base that only serves to resolve the path; its origin must survive resolution. */
const BASE = "http://callback.invalid";
/** next-auth's endpoints and our own auth pages are never a useful destination. */
const NOT_DESTINATIONS = ["/sign-in", "/sign-up", "/api"];

export type CallbackRejection = "missing" | "too_long" | "not_a_path" | "forbidden_character" | "protocol_relative" | "bad_encoding" | "other_origin" | "auth_page";

/** The same-origin path `value` names, or why it is refused. */
export function checkCallbackPath(value: unknown): { ok: true; path: string } | { ok: false; reason: CallbackRejection } {
  if (typeof value !== "string" || value === "") return { ok: false, reason: "missing" };
  if (value.length > MAX_LENGTH) return { ok: false, reason: "too_long" };
  let layer = value;
  for (let i = 0; i <= MAX_DECODINGS; i++) {
    if (!layer.startsWith("/")) return { ok: false, reason: "not_a_path" };
    if (FORBIDDEN.test(layer)) return { ok: false, reason: "forbidden_character" };
    if (layer.startsWith("//")) return { ok: false, reason: "protocol_relative" };
    if (!layer.includes("%")) break;
    try {
      layer = decodeURIComponent(layer);
    } catch {
      return { ok: false, reason: "bad_encoding" };
    }
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return { ok: false, reason: "not_a_path" };
  }
  if (url.origin !== BASE) return { ok: false, reason: "other_origin" };
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("//")) return { ok: false, reason: "protocol_relative" };
  if (NOT_DESTINATIONS.some((page) => url.pathname === page || url.pathname.startsWith(`${page}/`))) {
    return { ok: false, reason: "auth_page" };
  }
  return { ok: true, path };
}

/** The same-origin path a `callbackUrl` parameter names, or `fallback` for anything else. */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = "/"): string {
  const checked = checkCallbackPath(Array.isArray(value) ? value[0] : value);
  return checked.ok ? checked.path : fallback;
}

/**
 * next-auth's `redirect` callback: `url` is relative or absolute; only a path on `baseUrl`'s site is
 * kept (as an absolute URL on that site, which next-auth expects), anything else goes to its root.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return "/";
  }
  const root = `${base.origin}/`;
  let candidate = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      if (absolute.origin !== base.origin) return root;
      candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
    } catch {
      return root;
    }
  }
  const checked = checkCallbackPath(candidate);
  return checked.ok ? `${base.origin}${checked.path}` : root;
}
