/**
 * The live bus: notices reach subscribers of their channel only, in order; on PostgreSQL they
 * cross between two separate bus instances (two app instances) through LISTEN/NOTIFY, carry only
 * channel and sequence number, and survive the listening connection being killed.
 */
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { createMemoryBus, type LiveBus } from "@/lib/server/live/bus";
import { createPgBus, PG_CHANNEL } from "@/lib/server/live/pg-bus";
import { createPostgresTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from "./support/test-database";

function collect(bus: LiveBus, channel: string): { seqs: number[]; stop: () => void } {
  const seqs: number[] = [];
  const stop = bus.subscribe(channel, (s) => seqs.push(s));
  return { seqs, stop };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a notice");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("in-process bus", () => {
  test("delivers to subscribers of the channel, not to others, and not after unsubscribing", async () => {
    const bus = createMemoryBus();
    const a = collect(bus, "interview:a");
    const b = collect(bus, "interview:b");
    await bus.publish("interview:a", 1);
    await bus.publish("interview:a", 2);
    a.stop();
    await bus.publish("interview:a", 3);
    expect(a.seqs).toEqual([1, 2]);
    expect(b.seqs).toEqual([]);
  });
});

describe.skipIf(!TEST_POSTGRES_URL)("PostgreSQL LISTEN/NOTIFY bus", () => {
  let database: TestDatabase;
  const buses: ReturnType<typeof createPgBus>[] = [];
  const bus = async () => {
    const b = createPgBus(database.target.url, { log: () => {} });
    buses.push(b);
    await b.ready();
    return b;
  };
  afterAll(async () => {
    for (const b of buses) await b.close();
    await database?.drop();
  });

  test("a notice published on one instance reaches subscribers on another, in order", async () => {
    database = await createPostgresTestDatabase(TEST_POSTGRES_URL!);
    const one = await bus();
    const two = await bus();
    const onTwo = collect(two, "interview:x");
    const onOne = collect(one, "interview:x");
    const other = collect(two, "interview:y");
    for (const seq of [1, 2, 3]) await one.publish("interview:x", seq);
    await until(() => onTwo.seqs.length === 3 && onOne.seqs.length === 3);
    expect(onTwo.seqs).toEqual([1, 2, 3]);
    expect(other.seqs).toEqual([]);
  });

  test("the NOTIFY payload is the channel and the sequence number, nothing else", async () => {
    const one = await bus();
    const spy = new pg.Client({ connectionString: database.target.url });
    await spy.connect();
    const payloads: string[] = [];
    spy.on("notification", (n) => payloads.push(n.payload ?? ""));
    await spy.query(`LISTEN ${PG_CHANNEL}`);
    await one.publish("interview:z", 9);
    await until(() => payloads.length === 1);
    await spy.end();
    expect(JSON.parse(payloads[0]!)).toEqual({ c: "interview:z", s: 9 });
  });

  test("after its listening connection is killed, a bus reconnects, asks subscribers to re-read, and receives again", async () => {
    const one = await bus();
    const two = await bus();
    const seen = collect(two, "interview:r");
    const admin = new pg.Client({ connectionString: database.target.url });
    await admin.connect();
    // Kill every backend listening on the channel except our own: the buses' listeners.
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'");
    await admin.end();
    await until(() => seen.seqs.includes(-1), 10_000);
    await one.publish("interview:r", 5);
    await until(() => seen.seqs.includes(5), 10_000);
    expect(seen.seqs.at(-1)).toBe(5);
  });
});
