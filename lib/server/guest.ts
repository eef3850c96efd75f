/**
 * The guest identity: a random id in the httpOnly `hw_guest` cookie, signed with an HMAC of
 * NEXTAUTH_SECRET so a guest cannot pick someone else's id. Lets people practise before signing up;
 * their attempts move to their account when they do (claimGuestAttempts).
 */
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const GUEST_COOKIE = "hw_guest";
/** Guests keep their practice for half a year of inactivity. */
export const GUEST_COOKIE_MAX_AGE_S = 180 * 24 * 60 * 60;

const GUEST_ID = /^g_[A-Za-z0-9_-]{22}$/;

export function newGuestId(): string {
  return `g_${randomBytes(16).toString("base64url")}`;
}

function mac(guestId: string, secret: string): string {
  // The label keeps this MAC from being valid for any other use of the same secret.
  return createHmac("sha256", secret).update(`hopwise-guest:${guestId}`).digest("base64url");
}

/** The cookie value for a guest id: "<id>.<mac>". */
export function signGuestId(guestId: string, secret: string): string {
  return `${guestId}.${mac(guestId, secret)}`;
}

/** The guest id in a cookie value, or null if it is malformed or its signature does not match. */
export function verifyGuestToken(token: string | undefined | null, secret: string): string | null {
  if (!token) return null;
  const dot = token.indexOf(".");
  if (dot < 0) return null;
  const guestId = token.slice(0, dot);
  if (!GUEST_ID.test(guestId)) return null;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(guestId, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? guestId : null;
}

/** Cookie attributes for the guest cookie (secure whenever the app is served over https). */
export function guestCookieOptions(publicUrl: string | undefined) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: publicUrl?.startsWith("https://") ?? false,
    maxAge: GUEST_COOKIE_MAX_AGE_S,
  };
}
