/**
 * A signed-in session made straight in the database (a session record plus next-auth's encrypted
 * cookie), so scrypt sign-ins stay out of what bench:class and bench:gradebook measure. Needs the
 * react-server condition (lib/server is server-only); bench:http signs in over HTTP instead
 * (./bench-session.ts).
 */
import { encode } from "next-auth/jwt";
import type { Db } from "../../lib/server/db";
import { newSessionId, SESSION_MAX_AGE_SECONDS } from "../../lib/server/auth/sessions";

/** The Cookie header value of a new session for `user`, signed with the app's NEXTAUTH_SECRET `secret`. */
export async function sessionCookieFor(db: Db, user: { readonly id: string; readonly email: string }, secret: string, now = Date.now()): Promise<string> {
  const sid = newSessionId();
  await db.authSession.create({ data: { id: sid, userId: user.id, expiresAt: new Date(now + SESSION_MAX_AGE_SECONDS * 1000) } });
  const token = await encode({ token: { sub: user.id, email: user.email, sid }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  return `next-auth.session-token=${token}`;
}
