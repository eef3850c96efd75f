import pg from "pg";
import { describe, expect, test } from "vitest";
import { createScratchDatabase, dropScratchDatabase, dropScratchDatabaseWith } from "../../scripts/lib/scratch-postgres.mjs";

/** A fake server: each statement answers with the next outcome (an error code, or "ok"). */
function fakeServer(outcomes: readonly string[]) {
  const statements: string[] = [];
  const run = async (sql: string) => {
    statements.push(sql);
    const outcome = outcomes[statements.length - 1] ?? "ok";
    if (outcome !== "ok") throw Object.assign(new Error(`refused: ${outcome}`), { code: outcome });
  };
  return { run, statements };
}

const FORCE = 'DROP DATABASE IF EXISTS "scratch" WITH (FORCE)';
const PLAIN = 'DROP DATABASE IF EXISTS "scratch"';
const noWait = { sleep: async () => {}, attempts: 3 };

describe("dropping a scratch database with a role that has only CREATEDB", () => {
  test.each([
    { label: "FORCE works: one statement", outcomes: ["ok"], statements: [FORCE] },
    { label: "FORCE refused by an autovacuum worker (42501): plain DROP", outcomes: ["42501", "ok"], statements: [FORCE, PLAIN] },
    { label: "plain DROP waits while the database is still in use (55006)", outcomes: ["42501", "55006", "ok"], statements: [FORCE, PLAIN, PLAIN] },
  ])("$label", async ({ outcomes, statements }) => {
    const server = fakeServer(outcomes);
    await dropScratchDatabaseWith(server.run, "scratch", noWait);
    expect(server.statements).toEqual(statements);
  });

  test.each([
    { label: "another error from FORCE is not hidden", outcomes: ["3D000"], code: "3D000", tries: 1 },
    { label: "still in use after every attempt: the last refusal", outcomes: ["42501", "55006", "55006", "55006"], code: "55006", tries: 4 },
  ])("$label", async ({ outcomes, code, tries }) => {
    const server = fakeServer(outcomes);
    await expect(dropScratchDatabaseWith(server.run, "scratch", noWait)).rejects.toMatchObject({ code });
    expect(server.statements).toHaveLength(tries);
  });
});

const adminUrl = process.env.TEST_POSTGRES_URL;

describe.skipIf(!adminUrl)("a scratch database on the TEST_POSTGRES_URL server", () => {
  test("is created, reachable, and dropped even with a connection still open", async () => {
    const name = `hopwise_scratch_${Date.now().toString(36)}`;
    const url = await createScratchDatabase(adminUrl!, name);
    const straggler = new pg.Client({ connectionString: url });
    straggler.on("error", () => {});
    await straggler.connect();
    expect((await straggler.query("SELECT current_database() AS name")).rows[0].name).toBe(name);
    await dropScratchDatabase(adminUrl!, name);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      expect((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount).toBe(0);
    } finally {
      await admin.end();
      await straggler.end().catch(() => {});
    }
  });
});
