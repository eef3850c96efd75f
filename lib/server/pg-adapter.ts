/**
 * The PostgreSQL driver adapter, with one repair for Prisma 6.19's WebAssembly schema engine.
 *
 * `prisma migrate deploy` reads PostgreSQL's catalogs, whose columns are of the internal `name` type
 * (OID 19). @prisma/adapter-pg has no mapping for it and every migrate command fails with
 * "Column type 'name' could not be deserialized from the database" (prisma/orm issue #27403).
 * A `name` arrives as plain text, so the pool's clients relabel those columns as `text` before the
 * adapter looks at them. Application queries never see a `name` column; they are unaffected.
 *
 * Free of "server-only": prisma.config.ts loads this file outside Next.js.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/** Catalog types that arrive as text but that the adapter cannot map: OID → the OID to report. */
const RELABEL: Readonly<Record<number, number>> = {
  18: 25, // "char" → text
  19: 25, // name → text
  1002: 1009, // "char"[] → text[]
  1003: 1009, // name[] → text[]
};

type QueryResultLike = { fields?: { dataTypeID: number }[] } | undefined;

function relabel(result: QueryResultLike | QueryResultLike[]): void {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of one?.fields ?? []) {
      const replacement = RELABEL[field.dataTypeID];
      if (replacement !== undefined) field.dataTypeID = replacement;
    }
  }
}

class RelabellingClient extends pg.Client {
  // pg's overloads (callback or promise, text or config) are forwarded as they come.
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: QueryResultLike) => {
        if (!error) relabel(result);
        (last as (e: unknown, r: unknown) => void)(error, result);
      };
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned instanceof Promise) {
      return returned.then((result: QueryResultLike) => {
        relabel(result);
        return result;
      }) as never;
    }
    return returned as never;
  }
}

/** A Prisma driver adapter factory for a PostgreSQL connection string. */
export function createPgAdapter(connectionString: string, poolConfig: pg.PoolConfig = {}): PrismaPg {
  const pool = new pg.Pool({ connectionString, ...poolConfig, Client: RelabellingClient });
  return new PrismaPg(pool, { disposeExternalPool: true });
}
