/**
 * Connection tracking, like `conntrack -L`: every translated connection is remembered by its
 * original tuple and by the tuple its replies will carry, so replies are translated back.
 */
import type { Pkt } from "./packet";
import type { Sim } from "./sim";
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

type Table = Map<number, Map<number, { entry: CtEntry; direction: CtDirection }>>;

function tableOf(sim: Sim, node: string): Table {
  let table = sim.state.conntrack.get(node);
  if (!table) sim.state.conntrack.set(node, (table = new Map()));
  return table;
}

function put(table: Table, proto: string, src: number, sport: number, dst: number, dport: number, value: { entry: CtEntry; direction: CtDirection }): void {
  const k = sideKey(proto, src, sport);
  let inner = table.get(k);
  if (!inner) table.set(k, (inner = new Map()));
  inner.set(farKey(dst, dport), value);
}

/** Looks a packet up by its current tuple. */
export function lookupConntrack(sim: Sim, node: string, p: Pkt): { entry: CtEntry; direction: CtDirection } | undefined {
  return sim.state.conntrack.get(node)?.get(sideKey(p.proto, p.src, p.sport))?.get(farKey(p.dst, p.dport));
}

/**
 * Records a translation. `original` is the packet before translation, `translated` after; the
 * reply tuple is the translated packet reversed, which is what the far end will send back.
 */
export function recordConntrack(sim: Sim, node: string, original: Pkt, translated: Pkt, entry: CtEntry): void {
  const table = tableOf(sim, node);
  put(table, original.proto, original.src, original.sport, original.dst, original.dport, { entry, direction: "original" });
  put(table, translated.proto, translated.dst, translated.dport, translated.src, translated.sport, { entry, direction: "reply" });
}

/** Whether any tracked connection uses this address:port as its translated side. */
export function portInUse(sim: Sim, key: string, port: number): boolean {
  return sim.state.natPorts.get(key)?.used.has(port) ?? false;
}
