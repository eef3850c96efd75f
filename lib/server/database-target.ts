/**
 * Which database Hopwise talks to, decided from DATABASE_URL alone.
 *
 * Shared by the app (lib/server/db.ts), the Prisma CLI (prisma.config.ts) and the scripts, so they
 * can never disagree. Deliberately free of "server-only" and of any driver import: the Prisma CLI
 * loads this file outside Next.js.
 */
import fs from "node:fs";
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgres";

export type DatabaseTarget =
  | { readonly provider: "sqlite"; readonly url: string; readonly file: string }
  | { readonly provider: "postgres"; readonly url: string };

/** The embedded database used when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_FILE = "data/hopwise.db";

export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

/** Resolve DATABASE_URL: unset means embedded SQLite, postgres(ql):// means PostgreSQL, file: means SQLite there. */
export function resolveDatabaseTarget(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): DatabaseTarget {
  const raw = env.DATABASE_URL?.trim() ?? "";
  if (raw === "") return sqliteAt(path.resolve(cwd, DEFAULT_SQLITE_FILE));
  if (/^postgres(ql)?:\/\//i.test(raw)) return { provider: "postgres", url: raw };
  if (raw.startsWith("file:")) {
    const file = raw.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (file === "") throw new DatabaseUrlError("DATABASE_URL=file: needs a path, e.g. file:./data/hopwise.db");
    return sqliteAt(path.resolve(cwd, file));
  }
  throw new DatabaseUrlError(
    "DATABASE_URL must start with postgresql:// (or postgres://) for PostgreSQL, or file: for an SQLite file; " +
      "leave it unset to use the embedded SQLite database in ./" + DEFAULT_SQLITE_FILE,
  );
}

/** Make sure the folder of an SQLite file exists (SQLite creates the file, not its folder). */
export function ensureSqliteFolder(target: DatabaseTarget): void {
  if (target.provider === "sqlite") fs.mkdirSync(path.dirname(target.file), { recursive: true });
}

/** Where the Prisma schema and migrations of a provider live, relative to the project root. */
export function schemaPathFor(provider: DatabaseProvider): string {
  return path.join("prisma", provider, "schema.prisma");
}

export function migrationsPathFor(provider: DatabaseProvider): string {
  return path.join("prisma", provider, "migrations");
}

function sqliteAt(file: string): DatabaseTarget {
  return { provider: "sqlite", url: `file:${file}`, file };
}
