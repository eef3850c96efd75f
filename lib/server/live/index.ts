/**
 * The app's live bus, picked from the database: PostgreSQL LISTEN/NOTIFY when DATABASE_URL is
 * PostgreSQL (several instances share it), an in-process bus on SQLite (one instance).
 */
import "server-only";
import { getDatabaseTarget } from "../env";
import { createMemoryBus, type LiveBus } from "./bus";
import { createPgBus } from "./pg-bus";

export type { LiveBus, LiveListener } from "./bus";

const globalForBus = globalThis as unknown as { hopwiseLiveBus?: LiveBus };

export function getLiveBus(): LiveBus {
  if (globalForBus.hopwiseLiveBus) return globalForBus.hopwiseLiveBus;
  const target = getDatabaseTarget();
  const bus = target.provider === "postgres" ? createPgBus(target.url) : createMemoryBus();
  globalForBus.hopwiseLiveBus = bus;
  return bus;
}

/** Replace the bus (tests). */
export function setLiveBusForTests(bus: LiveBus | undefined): void {
  globalForBus.hopwiseLiveBus = bus;
}
