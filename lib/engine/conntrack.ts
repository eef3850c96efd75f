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

/** The 5-tuple key of a packet as it is now. */
export function tupleKey(p: Pkt): string {
  return `${p.proto}|${p.src}|${p.sport}|${p.dst}|${p.dport}`;
}

function tableOf(sim: Sim, node: string): Map<string, { entry: CtEntry; direction: CtDirection }> {
  let table = sim.state.conntrack.get(node);
  if (!table) sim.state.conntrack.set(node, (table = new Map()));
  return table;
}

/** Looks a packet up by its current tuple. */
export function lookupConntrack(sim: Sim, node: string, p: Pkt): { entry: CtEntry; direction: CtDirection } | undefined {
  return sim.state.conntrack.get(node)?.get(tupleKey(p));
}

/**
 * Records a translation. `original` is the packet before translation, `translated` after; the
 * reply tuple is the translated packet reversed, which is what the far end will send back.
 */
export function recordConntrack(sim: Sim, node: string, original: Pkt, translated: Pkt, entry: CtEntry): void {
  const table = tableOf(sim, node);
  table.set(tupleKey(original), { entry, direction: "original" });
  const replyKey = `${translated.proto}|${translated.dst}|${translated.dport}|${translated.src}|${translated.sport}`;
  table.set(replyKey, { entry, direction: "reply" });
}

/** Whether any tracked connection uses this address:port as its translated side. */
export function portInUse(sim: Sim, key: string, port: number): boolean {
  return sim.state.natPorts.get(key)?.used.has(port) ?? false;
}
