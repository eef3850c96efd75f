/**
 * The live bus across instances: PostgreSQL LISTEN/NOTIFY on one dedicated `pg` connection per
 * instance (not a pooled one: a pool hands connections back, and LISTEN belongs to a connection).
 * The payload is only `{"c": channel, "s": seq}`, never content: NOTIFY payloads are visible to any
 * role that listens. If the connection drops, it reconnects with backoff and tells every local
 * subscriber to re-read (seq -1), since notices sent meanwhile are lost.
 */
import pg from "pg";
import { LocalFanOut, type LiveBus } from "./bus";

/** The one PostgreSQL channel all notices travel on; the app's channel is in the payload. */
export const PG_CHANNEL = "hopwise_live";
const MAX_BACKOFF_MS = 5_000;

export interface PgBusOptions {
  readonly log?: (message: string) => void;
}

export function createPgBus(connectionString: string, options: PgBusOptions = {}): LiveBus & { ready(): Promise<void> } {
  const local = new LocalFanOut();
  const log = options.log ?? ((m: string) => console.warn(`[live] ${m}`));
  let listener: pg.Client | null = null;
  let closed = false;
  let backoff = 100;
  let connecting: Promise<void> | null = null;
  // Publishing uses its own small pool: the listening connection must stay free to receive.
  const publisher = new pg.Pool({ connectionString, max: 2 });
  publisher.on("error", (e) => log(`publisher: ${e.message}`));

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString });
      client.on("notification", (n) => {
        if (n.channel !== PG_CHANNEL || !n.payload) return;
        try {
          const { c, s } = JSON.parse(n.payload) as { c: unknown; s: unknown };
          if (typeof c === "string" && typeof s === "number") local.deliver(c, s);
        } catch {
          // Not ours: ignore.
        }
      });
      const lost = (why: string) => {
        if (listener !== client) return;
        listener = null;
        connecting = null;
        client.removeAllListeners("error");
        client.on("error", () => {});
        client.end().catch(() => {});
        if (closed) return;
        log(`listener lost (${why}); reconnecting in ${backoff} ms`);
        setTimeout(() => {
          connect().then(() => local.deliverToAll(-1), () => {});
        }, backoff).unref();
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      };
      client.on("error", (e) => lost(e.message));
      client.on("end", () => lost("connection ended"));
      try {
        await client.connect();
        await client.query(`LISTEN ${PG_CHANNEL}`);
      } catch (e) {
        connecting = null;
        client.end().catch(() => {});
        if (!closed) {
          setTimeout(() => { connect().then(() => local.deliverToAll(-1), () => {}); }, backoff).unref();
          backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
        throw e;
      }
      listener = client;
      backoff = 100;
    })();
    return connecting;
  };
  connect().catch((e: Error) => log(`could not listen: ${e.message}`));

  return {
    ready: () => connect(),
    async publish(channel, seq) {
      await publisher.query("SELECT pg_notify($1, $2)", [PG_CHANNEL, JSON.stringify({ c: channel, s: seq })]);
    },
    subscribe: (channel, fn) => local.subscribe(channel, fn),
    async close() {
      closed = true;
      const client = listener;
      listener = null;
      await client?.end().catch(() => {});
      await publisher.end().catch(() => {});
    },
  };
}
