/**
 * Who is asking: the one input of every authorization decision (lib/server/auth/policy.ts). The
 * actor is read on each request: the user comes from the database through the session record
 * (lib/server/auth/sessions.ts), so a new role, a disabled account or a sign-out counts at once.
 */
import "server-only";
import type { Role } from "@/lib/auth/roles";
import { getCurrentUser } from "../auth";
import { getGuestId } from "../request-owner";

export type Actor =
  | { readonly kind: "user"; readonly userId: string; readonly email: string; readonly name: string | null; readonly siteRole: Role }
  | { readonly kind: "guest"; readonly guestId: string }
  | { readonly kind: "anonymous" };

export const ANONYMOUS: Actor = { kind: "anonymous" };

/** The actor of the current request (route handler, server action or page). */
export async function getActor(): Promise<Actor> {
  const user = await getCurrentUser();
  if (user) return { kind: "user", userId: user.id, email: user.email, name: user.name, siteRole: user.role };
  const guestId = await getGuestId();
  return guestId ? { kind: "guest", guestId } : ANONYMOUS;
}

/** The actor as a signed-in user, or null. */
export function signedIn(actor: Actor): Extract<Actor, { kind: "user" }> | null {
  return actor.kind === "user" ? actor : null;
}
