/**
 * The admin page's account tools: find accounts by email, set their site role, disable and enable
 * them, each change logged (SiteAuditEntry). An admin cannot change their own role or disable
 * themself, so the site never loses its last admin by accident. Callers authorize first
 * (site.manage-users); the changes themselves go through lib/server/auth/account-status.ts.
 */
import "server-only";
import type { Role } from "@/lib/auth/roles";
import { toRole } from "@/lib/auth/roles";
import { disableUser, enableUser, setUserRole } from "../auth/account-status";
import { getDb } from "../db";
import { normaliseEmail } from "../users";

export interface AdminUserRow {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: Date;
}

export const ADMIN_SEARCH_LIMIT = 50;

/** Accounts whose email contains `query` (all accounts when empty), newest first, at most 50. */
export async function searchUsers(query: string): Promise<AdminUserRow[]> {
  const needle = normaliseEmail(query);
  const rows = await getDb().user.findMany({
    // Emails are stored lower-case, so a lower-case `contains` matches on both databases.
    where: needle ? { email: { contains: needle } } : {},
    orderBy: { createdAt: "desc" },
    take: ADMIN_SEARCH_LIMIT,
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
  });
  return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: toRole(row.role), disabled: row.disabledAt !== null, createdAt: row.createdAt }));
}

export type AccountChange = { readonly kind: "role"; readonly role: Role } | { readonly kind: "disable" } | { readonly kind: "enable" };

export type AccountChangeResult =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly reason: "self" | "no_such_user"; readonly message: string };

/** Apply `change` to `targetUserId` on behalf of admin `actorId`, and log it. */
export async function changeAccount(actorId: string, targetUserId: string, change: AccountChange): Promise<AccountChangeResult> {
  if (actorId === targetUserId) {
    return { ok: false, reason: "self", message: "You cannot change your own role or disable your own account: ask another admin." };
  }
  const db = getDb();
  const target = await db.user.findUnique({ where: { id: targetUserId }, select: { email: true, role: true, disabledAt: true } });
  if (!target) return { ok: false, reason: "no_such_user", message: "No account with that id." };

  let detail: string;
  if (change.kind === "role") {
    await setUserRole(targetUserId, change.role);
    detail = `${target.email}: role ${target.role} → ${change.role}`;
  } else if (change.kind === "disable") {
    await disableUser(targetUserId);
    detail = `${target.email}: disabled`;
  } else {
    await enableUser(targetUserId);
    detail = `${target.email}: enabled`;
  }
  await db.siteAuditEntry.create({ data: { actorId, targetUserId, action: change.kind, detail } });
  return { ok: true, message: detail };
}

export interface SiteAuditRow {
  readonly id: string;
  readonly at: Date;
  readonly action: string;
  readonly detail: string;
  readonly actorEmail: string | null;
}

/** The latest account changes made from the admin page, newest first. */
export async function listSiteAudit(limit = 20): Promise<SiteAuditRow[]> {
  const db = getDb();
  const entries = await db.siteAuditEntry.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
  const actors = await db.user.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.actorId))] } }, select: { id: true, email: true } });
  const emails = new Map(actors.map((a) => [a.id, a.email]));
  return entries.map((e) => ({ id: e.id, at: e.at, action: e.action, detail: e.detail, actorEmail: emails.get(e.actorId) ?? null }));
}
