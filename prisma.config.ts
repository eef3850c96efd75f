/**
 * Prisma CLI configuration. Prisma 6.19 runs its schema engine as WebAssembly through a driver
 * adapter, so no native engine binary is downloaded (see shared STACK.md).
 *
 * The schema and adapter follow DATABASE_URL (lib/server/database-target.ts): unset or file: gives
 * prisma/sqlite with better-sqlite3, postgres(ql):// gives prisma/postgres with pg. `--schema` on
 * the command line still wins (npm run db:generate uses it to generate both clients).
 */
import { defineConfig } from "prisma/config";
import {
  ensureSqliteFolder,
  migrationsPathFor,
  resolveDatabaseTarget,
  schemaPathFor,
} from "./lib/server/database-target";

const target = resolveDatabaseTarget(process.env);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: schemaPathFor(target.provider),
  migrations: { path: migrationsPathFor(target.provider) },
  async adapter() {
    if (target.provider === "postgres") {
      const { createPgAdapter } = await import("./lib/server/pg-adapter");
      return createPgAdapter(target.url);
    }
    ensureSqliteFolder(target);
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: target.url });
  },
});
