import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** Unused since sessions read the role from the database; kept so old tokens still type-check. */
    role?: Role;
    /** The server-side session record (lib/server/auth/sessions.ts). */
    sid?: string;
  }
}
