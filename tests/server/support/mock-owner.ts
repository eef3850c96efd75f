/**
 * The owner route handlers see, set per test. Use with
 * `vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"))`.
 */
import { randomBytes } from "node:crypto";
import type { Owner } from "@/lib/server/owner";

let current: Owner | null = null;
let created: Owner[] = [];

/** Act as this owner (null: a visitor with neither a session nor a guest cookie). */
export function actAs(owner: Owner | null): void {
  current = owner;
}

/** Guests that getOrCreateRequestOwner made for anonymous visitors since the last reset. */
export function guestsCreated(): readonly Owner[] {
  return created;
}

export function newGuest(): Owner {
  return { guestId: `g_${randomBytes(16).toString("base64url")}` };
}

export async function getRequestOwner(): Promise<Owner | null> {
  return current;
}

export async function getOrCreateRequestOwner(): Promise<Owner> {
  if (current) return current;
  const guest = newGuest();
  created = [...created, guest];
  current = guest;
  return guest;
}

export async function getGuestId(): Promise<string | null> {
  return current && "guestId" in current ? current.guestId : null;
}
