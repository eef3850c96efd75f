/**
 * The owner of the current request: the signed-in user, else the guest of the `hw_guest` cookie.
 * Route handlers and server actions pass it to the repositories (attempts, drills).
 */
import "server-only";
import { cookies } from "next/headers";
import { getCurrentUser } from "./auth";
import { getAuthEnv } from "./env";
import { GUEST_COOKIE, guestCookieOptions, newGuestId, signGuestId, verifyGuestToken } from "./guest";
import type { Owner } from "./owner";

export type { Owner } from "./owner";

/** The owner of this request, or null for a visitor who has neither signed in nor practised yet. */
export async function getRequestOwner(): Promise<Owner | null> {
  const user = await getCurrentUser();
  if (user) return { userId: user.id };
  const guestId = await getGuestId();
  return guestId ? { guestId } : null;
}

/**
 * The owner of this request, making the visitor a guest (setting the cookie) if needed. Cookies can
 * only be set from route handlers and server actions, so call it there, not while rendering a page.
 */
export async function getOrCreateRequestOwner(): Promise<Owner> {
  const owner = await getRequestOwner();
  if (owner) return owner;
  const env = getAuthEnv();
  const guestId = newGuestId();
  (await cookies()).set(GUEST_COOKIE, signGuestId(guestId, env.NEXTAUTH_SECRET), guestCookieOptions(env.NEXTAUTH_URL));
  return { guestId };
}

/** The verified guest id of this request's cookie, or null. */
export async function getGuestId(): Promise<string | null> {
  return verifyGuestToken((await cookies()).get(GUEST_COOKIE)?.value, getAuthEnv().NEXTAUTH_SECRET);
}
