/**
 * Authentication with next-auth v4: email + password (Credentials) and, when their env vars are set,
 * GitHub and Google. Sessions are JWTs in a cookie that carry the user's id and the id of a
 * server-side session record (lib/server/auth/sessions.ts). Every session read checks that record
 * and reads the user from the database, so sign-out, a disabled account or a new role take effect
 * on the next request, on any number of app instances sharing the database.
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { safeRedirectUrl } from "@/lib/auth/callback-url";
import { type Role, toRole } from "@/lib/auth/roles";
import { SignInSchema } from "@/lib/auth/schemas";
import { claimGuestAttempts } from "./attempts";
import { findSessionUser, revokeSession, SESSION_MAX_AGE_SECONDS, startSession } from "./auth/sessions";
import { getAuthEnv } from "./env";
import { GUEST_COOKIE, verifyGuestToken } from "./guest";
import { claimInvitesQuietly, findOrCreateOAuthUser, type PublicUser, verifyPassword } from "./users";

export type CurrentUser = PublicUser;

/** Sign-in methods on offer, for the sign-in page's buttons. */
export function enabledOAuthProviders(): { id: "github" | "google"; name: string }[] {
  const env = getAuthEnv();
  return [
    ...(env.GITHUB_ID ? [{ id: "github" as const, name: "GitHub" }] : []),
    ...(env.GOOGLE_CLIENT_ID ? [{ id: "google" as const, name: "Google" }] : []),
  ];
}

function buildProviders(): NextAuthOptions["providers"] {
  const env = getAuthEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = SignInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const user = await verifyPassword(parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
      },
    }),
  ];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

let providers: NextAuthOptions["providers"] | undefined;

/**
 * The options for NextAuth() and getServerSession(). `secret` and `providers` are getters so the
 * environment is read at the first request, not when `next build` imports this module.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  get secret() {
    return getAuthEnv().NEXTAUTH_SECRET;
  },
  get providers() {
    providers ??= buildProviders();
    return providers;
  },
  callbacks: {
    async signIn({ account, user, profile }) {
      if (account?.provider === "credentials") return true;
      // OAuth accounts are matched to ours by email, so only a verified email may sign in.
      const verified = account?.provider !== "google" || (profile as { email_verified?: boolean } | undefined)?.email_verified === true;
      if (!user.email || !verified) return false;
      // A disabled account is refused here, before any session exists.
      return (await findOrCreateOAuthUser({ email: user.email, name: user.name ?? null })) !== null;
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        // First call after a sign-in: our own user id and a new server-side session record.
        const ours =
          account.provider === "credentials"
            ? { id: user.id }
            : await findOrCreateOAuthUser({ email: user.email ?? "", name: user.name ?? null });
        if (!ours) throw new Error("This account is disabled");
        token.sub = ours.id;
        token.sid = await startSession(ours.id);
        delete token.role;
        await claimPracticeOfThisBrowser(ours.id);
        // Invites to courses sent to this email before the account existed (OAuth accounts are created here).
        if (user.email) await claimInvitesQuietly(ours.id, user.email);
      }
      return token;
    },
    async session({ session, token }) {
      // Runs for getServerSession() and /api/auth/session alike: the one place a session is trusted.
      const user = await findSessionUser(token.sid);
      if (!user || user.id !== token.sub) return { expires: session.expires } as typeof session;
      session.user = { id: user.id, email: user.email, name: user.name, role: user.role };
      return session;
    },
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
  },
  events: {
    async signOut({ token }) {
      await revokeSession(token?.sid);
    },
  },
};

/** A guest who signs in keeps the practice they did as a guest in this browser. */
async function claimPracticeOfThisBrowser(userId: string): Promise<void> {
  const guestId = verifyGuestToken((await cookies()).get(GUEST_COOKIE)?.value, getAuthEnv().NEXTAUTH_SECRET);
  if (guestId) await claimGuestAttempts(guestId, userId);
}

/**
 * The names next-auth gives the session cookie: plain over http, `__Secure-` over https, and either
 * split into `.0`, `.1`, ... chunks when the token is large. next-auth reads every cookie whose name
 * starts with its session cookie's name, so a prefix test finds exactly the cookies it would read.
 */
const SESSION_COOKIE_PREFIXES = ["next-auth.session-token", "__Secure-next-auth.session-token"] as const;

function hasSessionCookie(store: Awaited<ReturnType<typeof cookies>>): boolean {
  return store.getAll().some(({ name }) => SESSION_COOKIE_PREFIXES.some((prefix) => name.startsWith(prefix)));
}

/** The signed-in user of this request, or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  // Touch the request's cookies first: that marks the page as rendered per request, so `next build`
  // never prerenders it (and never needs NEXTAUTH_SECRET).
  const store = await cookies();
  // Without a session cookie next-auth can only answer "no session", after a full pass through its
  // request handler (a new CSRF token included): about 6% of the CPU of POST /api/v1/grade under
  // load. Guests and API clients carry no session cookie, so they skip the question.
  if (!hasSessionCookie(store)) return null;
  const session = await getServerSession(authOptions);
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, role: toRole(user.role) };
}

/** The signed-in user; anyone else is sent to the sign-in page (pages and server actions). */
export async function requireUser(callbackUrl?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  return user;
}

/** The signed-in user if their role is one of `roles`; others get the 403 page. */
export async function requireRole(roles: Role | readonly Role[], callbackUrl?: string): Promise<CurrentUser> {
  const user = await requireUser(callbackUrl);
  const allowed: readonly Role[] = typeof roles === "string" ? [roles] : roles;
  if (!allowed.includes(user.role)) forbidden();
  return user;
}
