/**
 * Connection tracking, like `conntrack -L`: every translated connection is remembered by its
 * original tuple and by the tuple its replies will carry, so replies are translated back.
 */
import type { Pkt } from "./packet";
import type { FieldRef, NatEntry } from "./trace-types";

/** One tracked, translated connection. */
export interface CtEntry {
  readonly kind: "snat" | "dnat";
  readonly table: string;
  /** The address:port the translation replaced, and its refs, restored on replies. */
  readonly origIp: number;
  readonly origPort: number;
  readonly origIpRef: FieldRef | undefined;
  readonly origPortRef: FieldRef | undefined;
  /** The address:port written in its place. */
  readonly newIp: number;
  readonly newPort: number;
  readonly newIpRef: FieldRef | undefined;
  readonly newPortRef: FieldRef | undefined;
  readonly entry: NatEntry;
}

export type CtDirection = "original" | "reply";

const PROTOCOL_CODE: Readonly<Record<string, number>> = { TCP: 0, UDP: 1, ICMP: 2 };

/*
 * A 5-tuple as two exact integers (source side with the protocol, destination side), each under
 * 2^53: two numeric map lookups instead of building and hashing a string on every hop.
 */
function sideKey(proto: string, ip: number, port: number): number {
  return (ip * 65536 + port) * 4 + PROTOCOL_CODE[proto]!;
}
function farKey(ip: number, port: number): number {
  return ip * 65536 + port;
}

/** What a tuple finds: the connection, and whether the tuple is its original or its reply direction. */
export interface CtHit {
  readonly entry: CtEntry;
  readonly direction: CtDirection;
}

type Table = Map<number, Map<number, CtHit>>;

/** Every node's table: node id -> tuple key -> entry (both the original and the reply tuple point at it). */
export type ConntrackTables = Map<string, Table>;

function tableOf(tables: ConntrackTables, node: string): Table {
  let table = tables.get(node);
  if (!table) tables.set(node, (table = new Map()));
  return table;
}

function put(table: Table, proto: string, src: number, sport: number, dst: number, dport: number, value: CtHit): void {
  const k = sideKey(proto, src, sport);
  let inner = table.get(k);
  if (!inner) table.set(k, (inner = new Map()));
  inner.set(farKey(dst, dport), value);
}

/** Looks a packet up by its current tuple. */
export function lookupConntrack(tables: ConntrackTables, node: string, p: Pkt): CtHit | undefined {
  return tables.get(node)?.get(sideKey(p.proto, p.src, p.sport))?.get(farKey(p.dst, p.dport));
}

/**
 * Records a translation. `original` is the packet before translation, `translated` after; the
 * reply tuple is the translated packet reversed, which is what the far end will send back.
 */
export function recordConntrack(tables: ConntrackTables, node: string, original: Pkt, translated: Pkt, entry: CtEntry): void {
  const table = tableOf(tables, node);
  put(table, original.proto, original.src, original.sport, original.dst, original.dport, { entry, direction: "original" });
  put(table, translated.proto, translated.dst, translated.dport, translated.src, translated.sport, { entry, direction: "reply" });
}
