/** next-auth's endpoints (/api/auth/signin, /callback, /session, /csrf, /signout, ...). */
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth";

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
