/**
 * The engine's working packet: flat, integer-addressed, cheap to copy with one field changed.
 * `render` turns it into the layered, string-addressed `Packet` that a trace shows.
 */
import { formatIpv4 } from "../net/ipv4";
import type { AppPayload, FieldRef, Packet, Protocol, TcpFlag } from "./trace-types";

/** Fields that can carry a reference to a symbol, named as learners see them. */
export type RefField =
  | "eth.src" | "eth.dst" | "ip.src" | "ip.dst" | "ip.ttl" | "l4.srcPort" | "l4.dstPort" | "tcp.seq" | "tcp.ack";

export type Refs = Readonly<Partial<Record<RefField, FieldRef>>>;

export interface Pkt {
  /** What this packet is in its conversation, e.g. "tcp.syn"; hop keys are built from it. */
  readonly label: string;
  readonly srcMac: string;
  readonly dstMac: string;
  readonly src: number;
  readonly dst: number;
  readonly ttl: number;
  readonly proto: Protocol;
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: readonly TcpFlag[];
  readonly len: number;
  readonly icmp: { readonly type: number; readonly code: number; readonly name: string } | null;
  readonly app: AppPayload | null;
  readonly refs: Refs;
  /**
   * Where routing should take the packet when a world rule left its header unrewritten
   * (a learner's picture of the world in which the translation did not happen). Normally null.
   */
  readonly steer: number | null;
}

const FLAG_ORDER: readonly TcpFlag[] = ["SYN", "ACK", "FIN", "RST", "PSH"];

/** Flags in canonical order, so "ACK SYN" and "SYN ACK" compare equal. */
export function canonicalFlags(flags: readonly TcpFlag[]): TcpFlag[] {
  return FLAG_ORDER.filter((f) => flags.includes(f));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A field-by-field copy: one object shape for every packet, which keeps the hot paths monomorphic. */
export function copyPacket(p: Pkt): Mutable<Pkt> {
  return {
    label: p.label, srcMac: p.srcMac, dstMac: p.dstMac, src: p.src, dst: p.dst, ttl: p.ttl, proto: p.proto, sport: p.sport, dport: p.dport,
    seq: p.seq, ack: p.ack, flags: p.flags, len: p.len, icmp: p.icmp, app: p.app, refs: p.refs, steer: p.steer,
  };
}

/**
 * Returns a copy of the packet with some fields (and their refs) replaced. (Spreads here took
 * V8's slow generic copy on every hop. Key order, which only the refs expose in a trace, is the
 * same as `{ ...p.refs, ...refs }`.)
 */
export function withFields(p: Pkt, changes: Partial<Omit<Pkt, "refs">>, refs?: Refs): Pkt {
  const out = Object.assign(copyPacket(p), changes);
  if (refs) out.refs = Object.assign({}, p.refs, refs);
  return out;
}

/** The packet at every layer, as a trace shows it. */
export function render(p: Pkt): Packet {
  const eth = { src: p.srcMac, dst: p.dstMac, type: "IPv4" as const };
  const ip = { src: formatIpv4(p.src), dst: formatIpv4(p.dst), ttl: p.ttl, protocol: p.proto };
  // Spelled out rather than spread from a base object: this runs for every event with a packet.
  const app = p.app;
  if (p.proto === "TCP") {
    const tcp = { srcPort: p.sport, dstPort: p.dport, seq: p.seq, ack: p.ack, flags: p.flags, payloadBytes: p.len };
    return app ? { eth, ip, app, tcp } : { eth, ip, tcp };
  }
  if (p.proto === "UDP") {
    const udp = { srcPort: p.sport, dstPort: p.dport, payloadBytes: p.len };
    return app ? { eth, ip, app, udp } : { eth, ip, udp };
  }
  if (p.icmp) return app ? { eth, ip, app, icmp: p.icmp } : { eth, ip, icmp: p.icmp };
  return app ? { eth, ip, app } : { eth, ip };
}

/** The refs of a packet as plain data for the trace. */
export function renderRefs(p: Pkt): Readonly<Record<string, FieldRef>> {
  return p.refs as Readonly<Record<string, FieldRef>>;
}

/** "192.168.1.10:52432" */
export function socket(ip: number, port: number): string {
  return `${formatIpv4(ip)}:${port}`;
}

/** "TCP 192.168.1.10:52432 -> 142.250.190.46:443" */
export function describeFlow(p: Pkt): string {
  return `${p.proto} ${socket(p.src, p.sport)} -> ${socket(p.dst, p.dport)}`;
}
