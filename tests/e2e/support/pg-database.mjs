#!/usr/bin/env node
/**
 * `node pg-database.mjs create|drop <name>`: a throwaway database on the TEST_POSTGRES_URL server
 * for the two-instance e2e run (playwright.pg.config.ts). Prints the new database's URL on create.
 */
import { createScratchDatabase, dropScratchDatabase } from "../../../scripts/lib/scratch-postgres.mjs";

const [action, name] = process.argv.slice(2);
const admin = process.env.TEST_POSTGRES_URL;
if (!admin || !/^hopwise_e2e_[a-z0-9_]+$/.test(name ?? "") || !["create", "drop"].includes(action)) {
  console.error("usage: TEST_POSTGRES_URL=... node pg-database.mjs create|drop hopwise_e2e_<suffix>");
  process.exit(2);
}
if (action === "create") process.stdout.write(await createScratchDatabase(admin, name));
else await dropScratchDatabase(admin, name);
