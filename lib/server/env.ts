/**
 * The server's environment, validated once with zod and cached.
 *
 * Two parts, so that code touching only the database (seeding, tests) does not need auth secrets:
 * getDatabaseTarget() for DATABASE_URL, getAuthEnv() for next-auth. getEnv() checks both, and
 * instrumentation.ts calls it when the server boots so a bad setting fails at start, not mid-request.
 */
import "server-only";
import { z } from "zod";
import { type DatabaseTarget, DatabaseUrlError, resolveDatabaseTarget } from "./database-target";

/** An empty variable counts as unset (shells and .env files often leave `NAME=`). */
const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = z.preprocess(blankAsUnset, z.string().optional());

export const AuthEnvSchema = z
  .object({
    NEXTAUTH_SECRET: z.preprocess(
      blankAsUnset,
      z
        .string({ error: "NEXTAUTH_SECRET is not set: `npm start` generates one, or set at least 32 random characters" })
        .min(32, "NEXTAUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)"),
    ),
    NEXTAUTH_URL: z.preprocess(
      blankAsUnset,
      z
        .url({ protocol: /^https?$/, error: "NEXTAUTH_URL must be the public URL of the app, e.g. http://localhost:3000" })
        .optional(),
    ),
    GITHUB_ID: optionalText,
    GITHUB_SECRET: optionalText,
    GOOGLE_CLIENT_ID: optionalText,
    GOOGLE_CLIENT_SECRET: optionalText,
  })
  .superRefine((env, ctx) => {
    const pairs = [
      ["GITHUB_ID", "GITHUB_SECRET"],
      ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
    ] as const;
    for (const [a, b] of pairs) {
      if ((env[a] === undefined) !== (env[b] === undefined)) {
        const missing = env[a] === undefined ? a : b;
        ctx.addIssue({ code: "custom", path: [missing], message: `${missing} is needed too when ${missing === a ? b : a} is set` });
      }
    }
  });

export type AuthEnv = z.infer<typeof AuthEnvSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

let databaseTarget: DatabaseTarget | undefined;
let authEnv: AuthEnv | undefined;

/** Which database to use, from DATABASE_URL (see database-target.ts). */
export function getDatabaseTarget(): DatabaseTarget {
  if (databaseTarget) return databaseTarget;
  try {
    databaseTarget = resolveDatabaseTarget(process.env);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new EnvError(`Invalid environment: ${error.message}`);
    throw error;
  }
  return databaseTarget;
}

/** next-auth settings: the secret, the public URL and the optional OAuth credentials. */
export function getAuthEnv(): AuthEnv {
  if (authEnv) return authEnv;
  const parsed = AuthEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  authEnv = parsed.data;
  return authEnv;
}

/** Validate the whole environment (call once at start-up). */
export function getEnv(): { database: DatabaseTarget; auth: AuthEnv } {
  return { database: getDatabaseTarget(), auth: getAuthEnv() };
}

/** Forget the cached values; tests change process.env between cases. */
export function resetEnvForTests(): void {
  databaseTarget = undefined;
  authEnv = undefined;
}
