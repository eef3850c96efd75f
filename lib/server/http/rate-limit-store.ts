/**
 * Where rate-limit counters live: in the app's own database, so that every instance of the app
 * (bench:http --instances N, or several servers behind a load balancer) counts the same tries.
 * rate-limiter-flexible's SQLite store on its own better-sqlite3 connection to the SQLite file, or
 * its PostgreSQL store on a small pg pool; it creates its table (hopwise_rate_limits) on first use.
 *
 * Should the database fail, each limiter falls back to counting in memory (the library's
 * "insurance" limiter) rather than refusing everyone or letting everyone through uncounted.
 */
import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterSQLite } from "rate-limiter-flexible";
import type { DatabaseTarget } from "@/lib/server/database-target";
import { ensureSqliteFolder } from "@/lib/server/database-target";
import type { RateLimitPolicy } from "./rate-limit-settings";

export const RATE_LIMIT_TABLE = "hopwise_rate_limits";
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Counters shared through one database; one limiter per policy, created on first use. */
export interface RateLimitStore {
  limiter(policy: RateLimitPolicy): Promise<RateLimiterAbstract>;
  close(): Promise<void>;
}

/** A store on a database target (the app's, or a test's). */
export function createRateLimitStore(target: DatabaseTarget): RateLimitStore {
  const limiters = new Map<string, Promise<RateLimiterAbstract>>();
  let client: { kind: "sqlite"; db: Database.Database } | { kind: "postgres"; pool: pg.Pool } | null = null;

  function connect() {
    if (client) return client;
    if (target.provider === "postgres") {
      client = { kind: "postgres", pool: new pg.Pool({ connectionString: target.url, max: 3 }) };
    } else {
      ensureSqliteFolder(target);
      const db = new Database(target.file);
      db.pragma("journal_mode = WAL");
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      client = { kind: "sqlite", db };
    }
    return client;
  }

  function create(policy: RateLimitPolicy): Promise<RateLimiterAbstract> {
    const c = connect();
    const options = {
      keyPrefix: policy.name, points: policy.points, duration: policy.seconds, tableName: RATE_LIMIT_TABLE,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: policy.name, points: policy.points, duration: policy.seconds }),
    };
    return new Promise((resolve, reject) => {
      const ready = (error?: unknown) => (error ? reject(error) : resolve(limiter));
      const limiter: RateLimiterAbstract =
        c.kind === "postgres"
          ? new RateLimiterPostgres({ ...options, storeClient: c.pool, clearExpiredByTimeout: true }, ready)
          : new RateLimiterSQLite({ ...options, storeClient: c.db, storeType: "better-sqlite3", clearExpiredByTimeout: true }, ready);
    });
  }

  return {
    limiter(policy) {
      const id = `${policy.name}:${policy.points}/${policy.seconds}`;
      let found = limiters.get(id);
      if (!found) {
        found = create(policy);
        found.catch(() => limiters.delete(id));
        limiters.set(id, found);
      }
      return found;
    },
    async close() {
      limiters.clear();
      const c = client;
      client = null;
      if (c?.kind === "postgres") await c.pool.end();
      else if (c?.kind === "sqlite") c.db.close();
    },
  };
}
