/**
 * Throwaway PostgreSQL databases for tests and benchmarks, on a server reached through an admin URL
 * whose role has CREATEDB (and nothing more: no superuser, no pg_signal_backend).
 */
import pg from "pg";

const INSUFFICIENT_PRIVILEGE = "42501";
const OBJECT_IN_USE = "55006";

/** Run one statement on its own connection. */
async function runOn(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Create the database and return its URL (same server and role as the admin URL). */
export async function createScratchDatabase(adminUrl, name) {
  await runOn(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drop a database, whatever is still connected to it. `WITH (FORCE)` ends our own stray
 * connections, but it refuses outright when a backend of another role is there: an autovacuum
 * worker (no role at all) is the usual one on a freshly written database, and only superusers or
 * pg_signal_backend may end it. A plain DROP ends autovacuum workers itself, so on that refusal
 * we fall back to it, waiting and retrying while the database is still in use.
 */
export async function dropScratchDatabaseWith(run, name, { attempts = 20, waitMs = 250, sleep = defaultSleep } = {}) {
  try {
    await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return;
  } catch (error) {
    if (error?.code !== INSUFFICIENT_PRIVILEGE) throw error;
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      await run(`DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (error) {
      if (error?.code !== OBJECT_IN_USE || attempt >= attempts) throw error;
      await sleep(waitMs);
    }
  }
}

export function dropScratchDatabase(adminUrl, name, options) {
  return dropScratchDatabaseWith((sql) => runOn(adminUrl, sql), name, options);
}

function defaultSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
