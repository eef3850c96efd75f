/**
 * Connection tracking, like `conntrack -L`: every translated connection is remembered by its
 * original tuple and by the tuple its replies will carry, so replies are translated back. Each
 * entry has a state and a lifetime (see conntrack-state.ts); `expireConntrack` removes the ones
 * whose timer ran out, like the kernel's garbage collector, and frees the ports they held.
 */
import type { CtDirection, CtLife } from "./conntrack-state";
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
  /** Its state and expiry, updated by every packet it matches. */
  readonly life: CtLife;
}

export type { CtDirection } from "./conntrack-state";

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

type Tuples = Map<number, Map<number, CtHit>>;
/** The two tuple keys (near, far) of each direction, to remove an entry when it expires. */
type TupleKeys = readonly [number, number, number, number];

interface Table {
  readonly tuples: Tuples;
  readonly entries: Map<CtEntry, TupleKeys>;
  /** No entry expires before this (a lower bound, so most packets skip the sweep). */
  nextExpiryMs: number;
}

/** Every node's table: node id -> tuple key -> entry (both the original and the reply tuple point at it). */
export type ConntrackTables = Map<string, Table>;

function tableOf(tables: ConntrackTables, node: string): Table {
  let table = tables.get(node);
  if (!table) tables.set(node, (table = { tuples: new Map(), entries: new Map(), nextExpiryMs: Number.POSITIVE_INFINITY }));
  return table;
}

function put(tuples: Tuples, near: number, far: number, value: CtHit): void {
  let inner = tuples.get(near);
  if (!inner) tuples.set(near, (inner = new Map()));
  inner.set(far, value);
}

function remove(tuples: Tuples, near: number, far: number): void {
  const inner = tuples.get(near);
  if (!inner) return;
  inner.delete(far);
  if (inner.size === 0) tuples.delete(near);
}

/** Looks a packet up by its current tuple. */
export function lookupConntrack(tables: ConntrackTables, node: string, p: Pkt): CtHit | undefined {
  return tables.get(node)?.tuples.get(sideKey(p.proto, p.src, p.sport))?.get(farKey(p.dst, p.dport));
}

/**
 * Removes the node's entries whose timer has run out by `nowMs` and frees what they held; returns
 * them (oldest expiry first) so the trace can say so.
 */
export function expireConntrack(tables: ConntrackTables, node: string, nowMs: number): CtEntry[] {
  const table = tables.get(node);
  if (!table || table.nextExpiryMs > nowMs) return [];
  const expired: CtEntry[] = [];
  let next = Number.POSITIVE_INFINITY;
  for (const entry of table.entries.keys()) {
    if (entry.life.expiresAtMs <= nowMs) expired.push(entry);
    else next = Math.min(next, entry.life.expiresAtMs);
  }
  for (const entry of expired) {
    const [n1, f1, n2, f2] = table.entries.get(entry)!;
    remove(table.tuples, n1, f1);
    remove(table.tuples, n2, f2);
    table.entries.delete(entry);
    entry.life.release?.();
  }
  table.nextExpiryMs = next;
  return expired.sort((a, b) => a.life.expiresAtMs - b.life.expiresAtMs);
}

/** Notes that an entry's timer was re-armed, so the next sweep is not skipped past it. */
export function noteExpiry(tables: ConntrackTables, node: string, entry: CtEntry): void {
  const table = tables.get(node);
  if (table) table.nextExpiryMs = Math.min(table.nextExpiryMs, entry.life.expiresAtMs);
}

/**
 * Records a translation. `original` is the packet before translation, `translated` after; the
 * reply tuple is the translated packet reversed, which is what the far end will send back.
 */
export function recordConntrack(tables: ConntrackTables, node: string, original: Pkt, translated: Pkt, entry: CtEntry): void {
  const table = tableOf(tables, node);
  const keys: TupleKeys = [
    sideKey(original.proto, original.src, original.sport), farKey(original.dst, original.dport),
    sideKey(translated.proto, translated.dst, translated.dport), farKey(translated.src, translated.sport),
  ];
  put(table.tuples, keys[0], keys[1], { entry, direction: "original" });
  put(table.tuples, keys[2], keys[3], { entry, direction: "reply" });
  table.entries.set(entry, keys);
  table.nextExpiryMs = Math.min(table.nextExpiryMs, entry.life.expiresAtMs);
}

/** "TCP 192.168.1.10:50000 -> 203.0.113.50:10001 -> 198.51.100.10:80", as a provenance entry. */
export function describeEntry(e: CtEntry): string {
  return `${e.entry.protocol} ${e.entry.inside} -> ${e.entry.translated} -> ${e.entry.outside}`;
}
