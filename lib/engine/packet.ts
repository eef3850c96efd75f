/**
 * The engine's working packet: flat, integer-addressed, cheap to copy with one field changed.
 * `render` turns it into the layered, string-addressed `Packet` that a trace shows.
 */
import { formatIpv4 } from "../net/ipv4";
import type { AppPayload, EthernetHeader, FieldRef, Ipv4Header, Packet, Protocol, TcpFlag, TcpHeader, UdpHeader } from "./trace-types";

/** Fields that can carry a reference to a symbol, named as learners see them. */
export type RefField =
  | "eth.src" | "eth.dst" | "ip.src" | "ip.dst" | "ip.ttl" | "l4.srcPort" | "l4.dstPort" | "tcp.seq" | "tcp.ack";

export type Refs = Readonly<Partial<Record<RefField, FieldRef>>>;

/** An ICMP message; an error carries the 5-tuple of the packet it reports on (RFC 792). */
export interface IcmpBody {
  readonly type: number;
  readonly code: number;
  readonly name: string;
  readonly original: { readonly proto: Protocol; readonly src: number; readonly sport: number; readonly dst: number; readonly dport: number } | null;
}

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
  readonly icmp: IcmpBody | null;
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
  if (refs) out.refs = mergeRefs(p.refs, refs);
  return out;
}

/**
 * Refs with the ones in `changes` replacing those in `base`. Always the same nine keys in the same
 * order (absent ones undefined, which JSON leaves out): one object shape, so copying is cheap and
 * reading a ref stays fast on every hop.
 */
export function mergeRefs(base: Refs, changes: Refs): Refs {
  return {
    "eth.src": changes["eth.src"] ?? base["eth.src"],
    "eth.dst": changes["eth.dst"] ?? base["eth.dst"],
    "ip.src": changes["ip.src"] ?? base["ip.src"],
    "ip.dst": changes["ip.dst"] ?? base["ip.dst"],
    "ip.ttl": changes["ip.ttl"] ?? base["ip.ttl"],
    "l4.srcPort": changes["l4.srcPort"] ?? base["l4.srcPort"],
    "l4.dstPort": changes["l4.dstPort"] ?? base["l4.dstPort"],
    "tcp.seq": changes["tcp.seq"] ?? base["tcp.seq"],
    "tcp.ack": changes["tcp.ack"] ?? base["tcp.ack"],
  };
}

const NO_REFS: Refs = {};

/** Refs for a new packet, in the one shape every packet's refs have. */
export function makeRefs(refs: Refs): Refs {
  return mergeRefs(NO_REFS, refs);
}

/** The packet at every layer, as a trace shows it. */
export function render(p: Pkt): Packet {
  // Every header is a new object: a trace is its caller's value, and no header is shared with
  // another event or trace (sharing them measured no gain; see docs/trace-format.md).
  const eth: EthernetHeader = { src: p.srcMac, dst: p.dstMac, type: "IPv4" };
  const ip: Ipv4Header = { src: formatIpv4(p.src), dst: formatIpv4(p.dst), ttl: p.ttl, protocol: p.proto };
  const app = p.app;
  if (p.proto === "TCP") {
    const tcp: TcpHeader = { srcPort: p.sport, dstPort: p.dport, seq: p.seq, ack: p.ack, flags: p.flags.slice(), payloadBytes: p.len };
    return app ? { eth, ip, app, tcp } : { eth, ip, tcp };
  }
  if (p.proto === "UDP") {
    const udp: UdpHeader = { srcPort: p.sport, dstPort: p.dport, payloadBytes: p.len };
    return app ? { eth, ip, app, udp } : { eth, ip, udp };
  }
  if (p.icmp) {
    const o = p.icmp.original;
    const icmp = o ? { type: p.icmp.type, code: p.icmp.code, name: p.icmp.name, about: `${o.proto} ${socket(o.src, o.sport)} -> ${socket(o.dst, o.dport)}` } : { type: p.icmp.type, code: p.icmp.code, name: p.icmp.name };
    return app ? { eth, ip, app, icmp } : { eth, ip, icmp };
  }
  return app ? { eth, ip, app } : { eth, ip };
}

/** "192.168.1.10:52432" */
export function socket(ip: number, port: number): string {
  return `${formatIpv4(ip)}:${port}`;
}

/** "TCP 192.168.1.10:52432 -> 142.250.190.46:443" */
export function describeFlow(p: Pkt): string {
  return `${p.proto} ${socket(p.src, p.sport)} -> ${socket(p.dst, p.dport)}`;
}
