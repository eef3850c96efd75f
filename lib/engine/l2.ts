/**
 * Layer 2: ARP resolution of the next hop's MAC on the egress link (like `ip neigh`), and the
 * Ethernet rewrite that happens at every L3 hop.
 */
import { formatIpv4 } from "../net/ipv4";
import { BROADCAST_MAC, UNKNOWN_MAC } from "../net/mac";
import { copyPacket, mergeRefs, type Pkt } from "./packet";
import { RULE } from "./rules";
import type { Sim } from "./sim";
import type { RtInterface, RtNode, RtSegment, Topology } from "./topology";
import { deepFreeze } from "./freeze";
import type { Decision, FieldRef, TraceSymbol } from "./trace-types";

/** A MAC address as a trace symbol, with the id of the simulation that last declared it. */
interface MacSymbol {
  readonly ref: FieldRef;
  readonly symbol: TraceSymbol;
  declaredIn: number;
}

/**
 * The neighbour a frame goes to on the egress link, and everything about the new Ethernet header
 * that depends only on the two interfaces: computed once, shared by every hop and trace that uses it.
 */
export interface Link {
  readonly ok: true;
  readonly egress: RtInterface;
  readonly target: RtInterface;
  /** How the next hop's MAC is known (route target, warm or freshly filled ARP cache). */
  readonly decision: Decision;
  readonly src: MacSymbol;
  readonly dst: MacSymbol;
  /** The explanation of the rewrite a router does, made when first needed. */
  rewrite: Decision | null;
}

export type NextHopResolution = Link | { readonly ok: false; readonly reason: string };

/** Refs per interface, built once: every hop uses two. */
const macSymbols = new WeakMap<RtInterface, MacSymbol>();

function macSymbol(iface: RtInterface): MacSymbol {
  let cached = macSymbols.get(iface);
  if (cached === undefined) {
    const id = `mac:${iface.qualified}`;
    macSymbols.set(iface, (cached = { ref: deepFreeze({ symbol: id, offset: 0 }), symbol: deepFreeze({ id, label: `MAC address of ${iface.qualified}`, value: iface.mac, free: null }), declaredIn: -1 }));
  }
  return cached;
}

/** Declares a MAC symbol in this simulation (once: the stamp saves a map lookup on every hop). */
function declareMac(sim: Sim, mac: MacSymbol): FieldRef {
  if (mac.declaredIn !== sim.id) {
    mac.declaredIn = sim.id;
    sim.declare(mac.symbol);
  }
  return mac.ref;
}

function link(egress: RtInterface, target: RtInterface, decision: Decision): Link {
  return { ok: true, egress, target, decision, src: macSymbol(egress), dst: macSymbol(target), rewrite: null };
}

/** Decisions that depend only on the compiled topology, made once and shared by every trace. */
const warmResolutions = new WeakMap<RtInterface, Map<number, NextHopResolution>>();
const directResolutions = new WeakMap<RtInterface, Map<RtInterface, NextHopResolution>>();

function memo<K extends object, K2, V>(cache: WeakMap<K, Map<K2, V>>, a: K, b: K2, make: () => V): V {
  let inner = cache.get(a);
  if (!inner) cache.set(a, (inner = new Map()));
  let v = inner.get(b);
  if (v === undefined) inner.set(b, (v = make()));
  return v;
}

/** Which interface on the segment answers ARP for this address: its owner, or a node that proxies it. */
export function arpResponder(segment: RtSegment, address: number, asker: RtNode): RtInterface | null {
  const owner = segment.byIp.get(address);
  if (owner && owner.node !== asker) return owner;
  for (const member of segment.members) {
    if (member.node === asker) continue;
    if (member.node.model.staticNat.some((m) => m.publicIp === address)) return member;
    if (member.node.model.publicOnly) return member;
  }
  return null;
}

/**
 * Finds the MAC of `nextHop` on the egress interface's link. A node with a cold ARP cache that has
 * not yet learned the address broadcasts an ARP request first; both ends learn from the exchange.
 * The request's sender address is the egress interface's, unless the packet that needs the ARP
 * comes from another address of this node: Linux then names that one (arp_announce=0, the default).
 */
export function resolveNextHop(sim: Sim, node: RtNode, egress: RtInterface, nextHop: number, direct: RtInterface | null, packetSrc: number | null = null): NextHopResolution {
  const segment = sim.topo.segments.get(egress.segment);
  if (!segment) return { ok: false, reason: `interface ${egress.qualified} is not attached to any link` };
  const known = knownNextHop(sim.topo, node, egress, nextHop, direct);
  if (known !== null) return known;
  const target = arpResponder(segment, nextHop, node);
  const hop = formatIpv4(nextHop);
  if (!target) {
    // The request still goes out; it is the missing reply that makes the host give up.
    pushArpRequest(sim, node, egress, segment, nextHop, arpSender(node, egress, packetSrc));
    return { ok: false, reason: `nobody on ${segment.label} answers ARP for ${hop} (the request goes unanswered)` };
  }
  let table = sim.state.arp.get(node.id);
  if (!table) {
    table = new Map();
    sim.state.arp.set(node.id, table);
  }
  if (table.has(nextHop)) {
    return link(egress, target, arpCacheDecision(node, hop, target, "learned by ARP earlier"));
  }
  exchangeArp(sim, node, egress, segment, nextHop, target, arpSender(node, egress, packetSrc));
  table.set(nextHop, target.mac);
  return link(egress, target, arpCacheDecision(node, hop, target, "just learned from the ARP reply"));
}

/**
 * The next hop's resolution when it cannot involve an ARP exchange, so it is the same for every
 * trace: a route that names the neighbour itself, or a node whose ARP cache is warm. Null when the
 * node's cache starts cold and the answer depends on what this trace has learned (or when the
 * interface is on no link, which resolveNextHop reports).
 */
export function knownNextHop(topo: Topology, node: RtNode, egress: RtInterface, nextHop: number, direct: RtInterface | null): NextHopResolution | null {
  const segment = topo.segments.get(egress.segment);
  if (!segment) return null;
  if (direct) {
    return memo(directResolutions, egress, direct, () => link(egress, direct, deepFreeze({
      kind: "arp", reason: `${direct.qualified} is the gateway's interface on this link: the frame goes to ${direct.mac}.`,
      provenance: { kind: "config", node: node.id, setting: `route target ${direct.node.id}` },
    } as Decision)));
  }
  if (node.model.arpCold) return null;
  return memo(warmResolutions, egress, nextHop, (): NextHopResolution => {
    const target = arpResponder(segment, nextHop, node);
    const hop = formatIpv4(nextHop);
    if (!target) return { ok: false, reason: `nobody on ${segment.label} answers ARP for ${hop}` };
    return link(egress, target, deepFreeze(arpCacheDecision(node, hop, target, "its ARP cache already knows the neighbour")));
  });
}

function arpCacheDecision(node: RtNode, hop: string, target: RtInterface, how: string): Decision {
  return {
    kind: "arp",
    reason: `Next hop ${hop} is at ${target.mac} (${how}).`,
    provenance: { kind: "table-entry", table: `${node.id} ARP cache`, entry: `${hop} lladdr ${target.mac}` },
  };
}

/** The address an ARP request names as its sender (see resolveNextHop). */
function arpSender(node: RtNode, egress: RtInterface, packetSrc: number | null): number | null {
  return packetSrc !== null && packetSrc !== egress.ip && node.localIps.has(packetSrc) ? packetSrc : egress.ip;
}

/** The broadcast "who has <hop>? tell <me>" on the egress link. */
function pushArpRequest(sim: Sim, node: RtNode, egress: RtInterface, segment: RtSegment, nextHop: number, sender: number | null): void {
  const senderIp = sender === null ? "0.0.0.0" : formatIpv4(sender);
  const hop = formatIpv4(nextHop);
  const request = {
    eth: { src: egress.mac, dst: BROADCAST_MAC, type: "ARP" as const },
    arp: { op: "request" as const, senderMac: egress.mac, senderIp, targetMac: UNKNOWN_MAC, targetIp: hop },
  };
  sim.push({
    type: "arp", key: sim.key("arp.request", node.id), node: node.id, op: "request", packet: request,
    reason: `${node.id} does not know the MAC for next hop ${hop}, so it broadcasts "who has ${hop}? tell ${senderIp}" to everyone on ${segment.label}.`,
    provenance: { kind: "protocol", rule: "RFC 826: ARP request is broadcast to FF:FF:FF:FF:FF:FF" },
  });
  sim.cross(segment.id, segment.latencyMs);
}

function exchangeArp(sim: Sim, node: RtNode, egress: RtInterface, segment: RtSegment, nextHop: number, target: RtInterface, sender: number | null): void {
  const senderIp = sender === null ? "0.0.0.0" : formatIpv4(sender);
  const hop = formatIpv4(nextHop);
  pushArpRequest(sim, node, egress, segment, nextHop, sender);
  const reply = {
    eth: { src: target.mac, dst: egress.mac, type: "ARP" as const },
    arp: { op: "reply" as const, senderMac: target.mac, senderIp: hop, targetMac: egress.mac, targetIp: senderIp },
  };
  sim.push({
    type: "arp", key: sim.key("arp.reply", target.node.id), node: target.node.id, op: "reply", packet: reply,
    reason: `${target.node.id} owns ${hop} and answers directly (unicast) with its MAC ${target.mac}; it also learns ${senderIp}'s MAC from the request.`,
    provenance: { kind: "protocol", rule: "RFC 826: ARP reply is unicast to the requester" },
  });
  sim.cross(segment.id, segment.latencyMs);
  // The target learns the requester too, so a reply later needs no ARP of its own.
  if (target.node.model.arpCold && sender !== null) {
    let theirs = sim.state.arp.get(target.node.id);
    if (!theirs) sim.state.arp.set(target.node.id, (theirs = new Map()));
    theirs.set(sender, egress.mac);
  }
}

/**
 * The Ethernet header for the next link: source is our egress interface, destination the next
 * hop. In the worlds of two classic misconceptions the header is left alone, or addressed end to end.
 *
 * A router's TTL decrement is applied here too (`ttl`, `ttlRef`), so a forwarded packet is copied
 * once per hop rather than once per header it changes.
 */
export function rewriteEthernet(sim: Sim, p: Pkt, next: Link, isOrigin: boolean, ttl: number, ttlRef: FieldRef | undefined): { pkt: Pkt; decision: Decision | null } {
  const srcRef = declareMac(sim, next.src);
  const dstRef = declareMac(sim, next.dst);
  const pkt = copyPacket(p);
  pkt.ttl = ttl;
  if (sim.rule(RULE["mac-end-to-end"])) {
    const owner = sim.topo.ownerOfIp.get(p.steer ?? p.dst);
    if (owner) {
      if (isOrigin) pkt.srcMac = next.egress.mac;
      pkt.dstMac = owner.mac;
      if (ttlRef !== p.refs["ip.ttl"]) pkt.refs = mergeRefs(p.refs, { "ip.ttl": ttlRef });
      return { pkt, decision: null };
    }
  }
  if (!isOrigin && !sim.rule(RULE["mac-rewrite"])) {
    if (ttlRef !== p.refs["ip.ttl"]) pkt.refs = mergeRefs(p.refs, { "ip.ttl": ttlRef });
    return { pkt, decision: null };
  }
  pkt.srcMac = next.egress.mac;
  pkt.dstMac = next.target.mac;
  pkt.refs = mergeRefs(p.refs, { "eth.src": srcRef, "eth.dst": dstRef, "ip.ttl": ttlRef });
  if (isOrigin) return { pkt, decision: null };
  return { pkt, decision: next.rewrite ?? (next.rewrite = deepFreeze(rewriteDecision(next))) };
}

function rewriteDecision(next: Link): Decision {
  const { egress, target } = next;
  return {
    kind: "l2-rewrite",
    reason: `New Ethernet header for the next link: source ${egress.mac} (${egress.qualified}), destination ${target.mac} (${target.qualified}). The IP addresses are untouched by routing.`,
    provenance: { kind: "protocol", rule: "RFC 1812: a router forwards the IP packet in a new link-layer frame" },
  };
}
