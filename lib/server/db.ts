/**
 * The one Prisma client of the app, connected through a driver adapter chosen from DATABASE_URL:
 * better-sqlite3 for the embedded SQLite file (the default), pg for PostgreSQL.
 *
 * Both providers have their own generated client (prisma/generated/<provider>) built from schemas
 * with the same models (tests/server/schema-parity.test.ts). The SQLite client's type stands for
 * both, so repository code must stay within what both providers support (no `mode: "insensitive"`,
 * no provider-specific raw SQL).
 */
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient as PostgresPrismaClient } from "@/prisma/generated/postgres/client";
import { Prisma, PrismaClient as SqlitePrismaClient } from "@/prisma/generated/sqlite/client";
import { type DatabaseTarget, ensureSqliteFolder } from "./database-target";
import { getDatabaseTarget } from "./env";
import { createPgAdapter } from "./pg-adapter";

export type Db = SqlitePrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;
export { Prisma };

/** How long an SQLite writer waits for another process's lock before giving up (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * better-sqlite3 adapter that sets its PRAGMAs on every new connection: WAL lets readers and one
 * writer proceed together (the Next server and a seed script, say), the busy timeout makes a second
 * writer wait instead of failing with SQLITE_BUSY, and SQLite only enforces foreign keys when asked.
 */
class ConfiguredSqliteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(
      `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; ` +
        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
    );
    return adapter;
  }
}

const providers = new WeakMap<object, DatabaseTarget["provider"]>();

/** A new client for a database target; the app uses getDb(), tests and scripts may use this directly. */
export function createDb(target: DatabaseTarget): Db {
  let db: Db;
  if (target.provider === "postgres") {
    const adapter = createPgAdapter(target.url);
    // Same models, generated for the other provider: the SQLite client's type describes it.
    db = new PostgresPrismaClient({ adapter }) as unknown as Db;
  } else {
    ensureSqliteFolder(target);
    db = new SqlitePrismaClient({ adapter: new ConfiguredSqliteAdapter({ url: target.url, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
  }
  providers.set(db, target.provider);
  return db;
}

/** Which database a client talks to (for the few raw statements that differ between them). */
export function providerOf(db: Db): DatabaseTarget["provider"] {
  return providers.get(db) ?? "sqlite";
}

const globalForDb = globalThis as unknown as { hopwiseDb?: Db };

/** The shared client, created on first use (and kept across hot reloads in development). */
export function getDb(): Db {
  if (globalForDb.hopwiseDb) return globalForDb.hopwiseDb;
  const db = createDb(getDatabaseTarget());
  globalForDb.hopwiseDb = db;
  return db;
}

/** Replace the shared client (tests point it at their own database). */
export function setDbForTests(db: Db | undefined): void {
  globalForDb.hopwiseDb = db;
}

/** True when an error is Prisma's unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  // Checked by code rather than class: each generated client re-exports the runtime's error classes.
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
