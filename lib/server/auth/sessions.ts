/**
 * Server-side session records behind next-auth's JWT cookie. The JWT alone would stay valid for its
 * whole 30 days whatever happens on the server; so each sign-in gets a record here, its id rides
 * in the token (`sid`), and every request that reads the session looks the record up together with
 * its user. Signing out revokes the record; a disabled user or an expired or revoked record means
 * "not signed in"; the role is the one in the database now, not the one at sign-in.
 *
 * Cost: one indexed primary-key read (joined to User) per request that carries a session cookie.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "../db";
import { type PublicUser, toPublicUser } from "../users";

/** How long one sign-in lasts, as next-auth's `session.maxAge` (seconds). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** 192 random bits: unguessable, and never derived from anything the client sees. */
export function newSessionId(): string {
  return randomBytes(24).toString("base64url");
}

/** Record a new sign-in of `userId`; returns the session id to put into the JWT. */
export async function startSession(userId: string, now: Date = new Date()): Promise<string> {
  const db = getDb();
  const id = newSessionId();
  // Each sign-in adds a row; the user's dead ones go at the same time, so rows stay bounded by
  // the number of live sign-ins.
  await db.authSession.deleteMany({ where: { userId, OR: [{ expiresAt: { lte: now } }, { revokedAt: { not: null } }] } });
  await db.authSession.create({ data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) } });
  return id;
}

/** The user a session id stands for right now, or null (unknown, expired, revoked, or user disabled). */
export async function findSessionUser(sessionId: unknown, now: Date = new Date()): Promise<PublicUser | null> {
  if (typeof sessionId !== "string" || sessionId.length === 0 || sessionId.length > 100) return null;
  const session = await getDb().authSession.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.revokedAt !== null || session.expiresAt <= now || session.user.disabledAt !== null) return null;
  return toPublicUser(session.user);
}

/** Sign-out: the session stops working on its next request. Unknown ids are ignored. */
export async function revokeSession(sessionId: unknown, now: Date = new Date()): Promise<void> {
  if (typeof sessionId !== "string" || sessionId.length === 0) return;
  await getDb().authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** Sign `userId` out everywhere (e.g. after a password change or when disabling the account). */
export async function revokeAllSessions(userId: string, now: Date = new Date()): Promise<number> {
  const { count } = await getDb().authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}
