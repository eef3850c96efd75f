/**
 * next-auth's endpoints (/api/auth/signin, /callback, /session, /csrf, /signout, ...), behind the
 * body limit and the sign-in rate limits (lib/server/http/auth-guard.ts).
 */
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth";
import { guardAuthRoute } from "@/lib/server/http/auth-guard";

const handler = guardAuthRoute(NextAuth(authOptions));

export { handler as GET, handler as POST };
