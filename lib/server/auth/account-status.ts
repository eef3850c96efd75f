/**
 * Changes to an account that must reach its open sessions at once: a new role, disabling and
 * re-enabling. Sessions read the user on every request (./sessions.ts), so no token needs rewriting.
 */
import "server-only";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "../db";
import { revokeAllSessions } from "./sessions";

/** Give `userId` a new role; their next request already has it. */
export async function setUserRole(userId: string, role: Role): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { role } });
}

/** Disable an account: it can no longer sign in, and its sessions are refused from the next request. */
export async function disableUser(userId: string, now: Date = new Date()): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { disabledAt: now } });
  // Not needed for the refusal (the user is read each request), but keeps re-enabling from reviving old cookies.
  await revokeAllSessions(userId, now);
}

/** Let a disabled account sign in again (its old sessions stay revoked). */
export async function enableUser(userId: string): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { disabledAt: null } });
}
