/**
 * A fresh, migrated database for one test file, on SQLite (always) and PostgreSQL (when
 * TEST_POSTGRES_URL is set). Migrations are applied with `prisma migrate deploy` from the committed
 * prisma/<provider>/migrations folders, exactly as `npm start` does.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createScratchDatabase, dropScratchDatabase } from "../../../scripts/lib/scratch-postgres.mjs";
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type Db, setDbForTests } from "@/lib/server/db";
import { type DatabaseProvider, type DatabaseTarget, resolveDatabaseTarget } from "@/lib/server/database-target";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../../..");
const PRISMA = path.join(ROOT, "node_modules", ".bin", "prisma");

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL?.trim() || undefined;

export interface TestDatabase {
  readonly provider: DatabaseProvider;
  readonly db: Db;
  readonly target: DatabaseTarget;
  drop(): Promise<void>;
}

async function migrate(databaseUrl: string): Promise<void> {
  try {
    await run(PRISMA, ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy failed for the test database:\n${stdout ?? ""}\n${stderr ?? ""}`, { cause: error });
  }
}

/** A new SQLite file in a temp folder, migrated. */
export async function createSqliteTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await migrate(url);
  const target = resolveDatabaseTarget({ DATABASE_URL: url });
  const db = createDb(target);
  return {
    provider: "sqlite",
    db,
    target,
    async drop() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new database on the TEST_POSTGRES_URL server (the role needs CREATEDB), migrated. */
export async function createPostgresTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `hopwise_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const url = await createScratchDatabase(adminUrl, name);
  const dropDatabase = () => dropScratchDatabase(adminUrl, name);
  try {
    await migrate(url);
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  const target = resolveDatabaseTarget({ DATABASE_URL: url });
  const db = createDb(target);
  return {
    provider: "postgres",
    db,
    target,
    async drop() {
      await db.$disconnect();
      await dropDatabase();
    },
  };
}

const POSTGRES_SKIP_REASON = "skipped: set TEST_POSTGRES_URL=postgresql://user:pass@host/db (a role with CREATEDB) to run";
let warned = false;

/**
 * Define the same suite for each database: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set
 * (otherwise the PostgreSQL suite is listed as skipped, with the reason in its title). Within the
 * suite, lib/server's getDb() returns that suite's database.
 */
export function describeEachDatabase(name: string, body: (current: () => TestDatabase) => void): void {
  const suites: { provider: DatabaseProvider; title: string; create?: () => Promise<TestDatabase> }[] = [
    { provider: "sqlite", title: `${name} [SQLite]`, create: createSqliteTestDatabase },
    TEST_POSTGRES_URL
      ? { provider: "postgres", title: `${name} [PostgreSQL]`, create: () => createPostgresTestDatabase(TEST_POSTGRES_URL!) }
      : { provider: "postgres", title: `${name} [PostgreSQL ${POSTGRES_SKIP_REASON}]` },
  ];
  if (!TEST_POSTGRES_URL && !warned) {
    warned = true;
    console.warn(`PostgreSQL integration tests ${POSTGRES_SKIP_REASON}.`);
  }
  for (const suite of suites) {
    describe.skipIf(!suite.create)(suite.title, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await suite.create!();
        setDbForTests(database.db);
      });
      afterAll(async () => {
        setDbForTests(undefined);
        await database?.drop();
      });
      body(() => {
        if (!database) throw new Error("the test database is not ready");
        return database;
      });
    });
  }
}
