#!/usr/bin/env node
/** `npm run db:deploy`: apply pending migrations to the configured database (DATABASE_URL, or embedded SQLite). */
import process from "node:process";
import { checkInstalled, deployMigrations, describeDatabase, done, reportFailure, ROOT, step } from "./lib/setup.mjs";

async function main() {
  process.chdir(ROOT);
  checkInstalled();
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
  step(`Migrating ${describeDatabase(env)}`);
  done(`Database ready (${await deployMigrations(env)})`);
}

main().catch((error) => {
  reportFailure(error);
  process.exit(1);
});
