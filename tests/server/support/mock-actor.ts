/**
 * The actor route handlers and pages see, set per test. Use with
 * `vi.mock("@/lib/server/auth/actor", () => import("../support/mock-actor"))` (path relative to the test).
 */
import type { Role } from "@/lib/auth/roles";
import type { Actor } from "@/lib/server/auth/actor";

let current: Actor = { kind: "anonymous" };

export const ANONYMOUS: Actor = { kind: "anonymous" };

/** Act as this actor from now on. */
export function actAs(actor: Actor): void {
  current = actor;
}

/** A signed-in actor for a stored user. */
export function userActor(user: { id: string; email: string; role?: string | null }): Actor {
  return { kind: "user", userId: user.id, email: user.email, name: null, siteRole: (user.role ?? "learner") as Role };
}

export async function getActor(): Promise<Actor> {
  return current;
}

export function signedIn(actor: Actor): Extract<Actor, { kind: "user" }> | null {
  return actor.kind === "user" ? actor : null;
}
