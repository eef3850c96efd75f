/**
 * The forwarding loop: carries one packet from the node that sends it, hop by hop, until it is
 * delivered or dropped. At each node it runs the same pipeline a Linux router or cloud fabric does:
 * ingress filters, PREROUTING (reverse NAT, DNAT), local delivery, TTL, route lookup, egress
 * filters, POSTROUTING (SNAT), ARP, and a new Ethernet header. Every step leaves a decision.
 */
import { cidrOf, contains, formatCidr } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import { routableInSimulation } from "../net/classify";
import { checkNacl, checkSecurityGroups } from "./firewall";
import { knownNextHop, resolveNextHop, rewriteEthernet, type NextHopResolution } from "./l2";
import { bridged, ipRef, output, postrouting, prerouting } from "./nat";
import { sourceOf } from "./endpoint";
import { makeRefs, render, withFields, type Pkt } from "./packet";
import type { NaclModel } from "./model";
import { explainRoute, lookupRoute, type RouteTable } from "./routing";
import { RULE } from "./rules";
import type { Sim } from "./sim";
import type { RtInterface, RtNode, RtSegment, Topology } from "./topology";
import type { Decision, Disposition, FieldRef, Provenance } from "./trace-types";
import { deepFreeze } from "./freeze";

export type Transmit =
  | { readonly ok: true; readonly node: RtNode; readonly iface: RtInterface; readonly pkt: Pkt }
  | { readonly ok: false; readonly disposition: Disposition; readonly node: string; readonly component: string; readonly reason: string };

interface Drop {
  readonly disposition: Disposition;
  readonly component: string;
  readonly reason: string;
  readonly provenance: Provenance;
}

const MAX_HOPS = 64;

/** Sends `first` from `origin` and follows it until it is delivered or dropped. */
export function transmit(sim: Sim, origin: RtNode, first: Pkt): Transmit {
  let node = origin;
  let ingress: RtInterface | null = null;
  let p = first;
  /** A translation made on the way by a bridge's netfilter, shown with the next node's decisions. */
  let onTheWay: Decision | null = null;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const decisions: Decision[] = onTheWay === null ? [] : [onTheWay];
    onTheWay = null;
    let ttl = p.ttl;
    let ttlRef = p.refs["ip.ttl"];
    if (ingress !== null) {
      const arrival = arrive(sim, node, ingress, p, decisions);
      if (arrival.kind === "drop") {
        const result = drop(sim, node, p, decisions, arrival.drop);
        if (arrival.drop.disposition === "TTL_EXCEEDED") sendTimeExceeded(sim, node, ingress, p);
        return result;
      }
      if (arrival.kind === "deliver") {
        sim.push({
          type: "deliver", key: sim.key(p.label, node.id), label: p.label, node: node.id, ingress: ingress.name,
          packet: render(arrival.pkt), decisions, refs: arrival.pkt.refs as never,
          reason: `${node.id} owns ${formatIpv4(arrival.pkt.steer ?? arrival.pkt.dst)}, so the packet is handed to the local ${arrival.pkt.proto} stack on port ${arrival.pkt.dport}.`,
        });
        return { ok: true, node, iface: ingress, pkt: arrival.pkt };
      }
      p = arrival.pkt;
      ttl = arrival.ttl;
      ttlRef = arrival.ttlRef;
    }
    const leaving = depart(sim, node, ingress, p, ttl, ttlRef, decisions);
    if (!leaving.ok) return drop(sim, node, withTtl(p, ttl, ttlRef), decisions, leaving.drop);
    p = leaving.pkt;
    const plan = leaving.plan;
    sim.push({
      type: "hop", key: sim.key(p.label, node.id), label: p.label, node: node.id, action: ingress === null ? "send" : "forward",
      ingress: ingress?.name ?? null, egress: plan.egress.name, nextHop: plan.texts.nextHop,
      packet: render(p), decisions, refs: p.refs as never,
      reason: ingress === null ? plan.texts.send : plan.texts.forward,
    });
    const segment = plan.texts.segment;
    sim.cross(segment.id, segment.latencyMs);
    node = leaving.target.node;
    ingress = leaving.target;
    const bridge = segment.netfilterBridge;
    if (bridge !== null && bridge.id !== node.id && bridge.id !== plan.egress.node.id) {
      const seen = bridged(sim, bridge, p);
      if (seen) {
        p = seen.pkt;
        onTheWay = seen.decision;
      }
    }
  }
  return drop(sim, node, p, [], {
    disposition: "NO_ROUTE", component: node.id, reason: `The packet was still travelling after ${MAX_HOPS} hops: a routing loop.`,
    provenance: { kind: "protocol", rule: "routing loop guard" },
  });
}

/** The packet with a router's TTL decrement applied (when forwarding stops before the new frame is built). */
function withTtl(p: Pkt, ttl: number, ttlRef: FieldRef | undefined): Pkt {
  return ttl === p.ttl && ttlRef === p.refs["ip.ttl"] ? p : withFields(p, { ttl }, { "ip.ttl": ttlRef });
}

/**
 * A router that drops a packet for its TTL tells the sender with ICMP time exceeded (type 11),
 * from its own address and carrying the dropped packet's header: this is how traceroute learns
 * each router's address. Never sent about an ICMP message itself. Which address: like Linux by
 * default, that of the interface the error leaves by towards the sender (on an asymmetric path
 * not the one the packet came in by); a router set to `icmpErrorSource: incoming` uses the
 * interface the packet arrived on instead (Linux's net.ipv4.icmp_errors_use_inbound_ifaddr=1).
 */
function sendTimeExceeded(sim: Sim, node: RtNode, ingress: RtInterface, p: Pkt): void {
  // Never about an ICMP message; and a node with no address of its own (the internet cloud) has none to send from.
  if (p.proto === "ICMP" || node.localIps.size === 0) return;
  const src = node.model.icmpErrorSource === "incoming" && ingress.ip !== null
    ? { ...sourceOf(sim, node), ip: ingress.ip, ipRef: ipRef(sim, ingress) }
    : sourceOf(sim, node, p.src);
  const message: Pkt = {
    label: "icmp.time-exceeded", srcMac: "", dstMac: "", src: src.ip, dst: p.src, ttl: src.ttl, proto: "ICMP", sport: 0, dport: 0,
    seq: 0, ack: 0, flags: [], len: 28 + 8, app: null, steer: null,
    icmp: { type: 11, code: 0, name: "time exceeded in transit", original: { proto: p.proto, src: p.src, sport: p.sport, dst: p.dst, dport: p.dport } },
    refs: makeRefs({ "ip.src": src.ipRef, "ip.ttl": src.ttlRef, ...(p.refs["ip.src"] ? { "ip.dst": p.refs["ip.src"] } : {}) }),
  };
  transmit(sim, node, message);
}

function drop(sim: Sim, node: RtNode, p: Pkt, decisions: Decision[], d: Drop): Transmit {
  sim.push({
    type: "drop", key: sim.key(p.label, node.id), label: p.label, node: node.id, disposition: d.disposition,
    component: d.component, packet: render(p), decisions, provenance: d.provenance, reason: d.reason,
  });
  return { ok: false, disposition: d.disposition, node: node.id, component: d.component, reason: d.reason };
}

/** Whether a node has any translation to do: most hops cross plain routers, which skip the NAT stages. */
function translates(node: RtNode): boolean {
  const m = node.model;
  return m.snat.length > 0 || m.dnat.length > 0 || m.staticNat.length > 0 || m.kind === "nat-gateway";
}

type Arrival =
  | { readonly kind: "deliver"; readonly pkt: Pkt }
  | { readonly kind: "forward"; readonly pkt: Pkt; readonly ttl: number; readonly ttlRef: FieldRef | undefined }
  | { readonly kind: "drop"; readonly drop: Drop };

/** What a node does with a packet that has just arrived on `ingress`, up to the routing decision. */
function arrive(sim: Sim, node: RtNode, ingress: RtInterface, p: Pkt, decisions: Decision[]): Arrival {
  if (node.model.kind === "vpc-router") {
    const leavingSubnet = sim.topo.subnetBySegment.get(ingress.segment);
    if (leavingSubnet?.nacl) {
      const v = checkNacl(sim, sim.topo.nacls.get(leavingSubnet.nacl)!, leavingSubnet.id, p, "outbound");
      if (!v.allowed) return { kind: "drop", drop: { disposition: "DENIED_BY_NETWORK_ACL", component: v.component, reason: v.reason, provenance: v.provenance } };
      decisions.push(v.decision);
    }
  }
  let pkt = p;
  if (translates(node)) {
    const nat = prerouting(sim, node, p, decisions);
    if (!nat.ok) return { kind: "drop", drop: { ...nat, provenance: { kind: "table-entry", table: `${node.id} NAT table`, entry: "no matching entry" } } };
    pkt = nat.pkt;
  }
  const dest = pkt.steer ?? pkt.dst;
  if (node.localIps.has(dest)) {
    const sg = checkSecurityGroups(sim, ingress, pkt, "inbound");
    if (sg && !sg.allowed) return { kind: "drop", drop: { disposition: "DENIED_BY_SECURITY_GROUP", component: sg.component, reason: sg.reason, provenance: sg.provenance } };
    if (sg) decisions.push(sg.decision);
    return { kind: "deliver", pkt };
  }
  if (!node.model.forwards) {
    return { kind: "drop", drop: {
      disposition: "NO_ROUTE", component: node.id, reason: `${node.id} is a host, not a router: it drops a packet addressed to ${formatIpv4(dest)}, which is not one of its addresses.`,
      provenance: { kind: "config", node: node.id, setting: "ip_forward=0" },
    } };
  }
  if (node.model.publicOnly && !routableInSimulation(dest)) {
    return { kind: "drop", drop: {
      disposition: "NOT_ROUTABLE_ON_INTERNET", component: node.id,
      reason: `${formatIpv4(dest)} is a private or special-purpose address: no network announces it on the public internet, so the first internet router drops the packet.`,
      provenance: { kind: "protocol", rule: "RFC 1918 section 3: private addresses are not routed on the internet" },
    } };
  }
  // The decrement is decided here and applied when the new frame is built (see rewriteEthernet).
  let ttl = pkt.ttl;
  let ttlRef = pkt.refs["ip.ttl"];
  const cost = node.model.ttlCost;
  if (cost > 0) {
    if (pkt.ttl <= cost) {
      return { kind: "drop", drop: {
        disposition: "TTL_EXCEEDED", component: node.id,
        reason: `The packet arrives with TTL ${pkt.ttl}; forwarding it would take the TTL to zero, so ${node.id} drops it and sends ICMP time exceeded (type 11) back to ${formatIpv4(pkt.src)}.`,
        provenance: { kind: "protocol", rule: "RFC 791/1812: a router discards a packet whose TTL reaches zero" },
      } };
    }
    if (sim.rule(RULE["ttl-decrement"])) {
      ttl -= cost;
      if (ttlRef && "offset" in ttlRef) ttlRef = offsetRef(ttlRef.symbol, ttlRef.offset - cost);
      decisions.push(ttlDecision(node, ttl + cost));
    }
  }
  return { kind: "forward", pkt, ttl, ttlRef };
}

const ttlDecisions = new WeakMap<RtNode, Map<number, Decision>>();

/** The TTL decision for a packet arriving with `before`: shared, since it depends only on the node and the number. */
function ttlDecision(node: RtNode, before: number): Decision {
  let byTtl = ttlDecisions.get(node);
  if (!byTtl) ttlDecisions.set(node, (byTtl = new Map()));
  let d = byTtl.get(before);
  if (!d) {
    const cost = node.model.ttlCost;
    const after = before - cost;
    byTtl.set(before, (d = deepFreeze({
      kind: "ttl",
      reason: cost === 1 ? `TTL ${before} -> ${after}: every router decrements it by one.` : `TTL ${before} -> ${after}: ${node.id} stands for ${cost} routers, each decrementing it by one.`,
      provenance: { kind: "protocol", rule: "RFC 791: TTL is decremented at every router" },
    } as Decision)));
  }
  return d;
}

const offsetRefs = new Map<string, Map<number, FieldRef>>();

/** A shared, frozen `{ symbol, offset }` ref: refs are values, and TTL refs recur on every hop of every trace. */
function offsetRef(symbol: string, offset: number): FieldRef {
  if (offsetRefs.size > 10_000) offsetRefs.clear();
  let byOffset = offsetRefs.get(symbol);
  if (!byOffset) offsetRefs.set(symbol, (byOffset = new Map()));
  let r = byOffset.get(offset);
  if (!r) byOffset.set(offset, (r = Object.freeze({ symbol, offset })));
  return r;
}

type Departure =
  | { readonly ok: true; readonly pkt: Pkt; readonly plan: HopPlan; readonly target: RtInterface }
  | { readonly ok: false; readonly drop: Drop };

/** Route lookup, egress filters, SNAT, ARP and the new Ethernet header (with the TTL decided on arrival). */
function depart(sim: Sim, node: RtNode, ingress: RtInterface | null, p0: Pkt, ttl: number, ttlRef: FieldRef | undefined, decisions: Decision[]): Departure {
  let p = p0;
  if (ingress === null && node.model.dnat.length > 0) {
    const nat = output(sim, node, p, decisions);
    if (!nat.ok) return { ok: false, drop: { ...nat, provenance: { kind: "table-entry", table: `${node.id} NAT table`, entry: "no matching entry" } } };
    p = nat.pkt;
  }
  const plan = hopPlan(sim, node, ingress, p.steer ?? p.dst);
  if (!plan.ok) return plan;
  decisions.push(plan.decision);
  if (plan.entering !== null) {
    const v = checkNacl(sim, plan.entering.nacl, plan.entering.subnet, p, "inbound");
    if (!v.allowed) return { ok: false, drop: { disposition: "DENIED_BY_NETWORK_ACL", component: v.component, reason: v.reason, provenance: v.provenance } };
    decisions.push(v.decision);
  }
  let pkt = p;
  if (ingress === null) {
    const sg = checkSecurityGroups(sim, plan.egress, pkt, "outbound");
    if (sg && !sg.allowed) return { ok: false, drop: { disposition: "DENIED_BY_SECURITY_GROUP", component: sg.component, reason: sg.reason, provenance: sg.provenance } };
    if (sg) decisions.push(sg.decision);
  } else if (translates(node)) {
    const nat = postrouting(sim, node, plan.egress, pkt, decisions);
    if (!nat.ok) return { ok: false, drop: { ...nat, provenance: { kind: "table-entry", table: `${node.id} NAT table`, entry: "no free port" } } };
    pkt = nat.pkt;
  }
  const resolved = plan.link ?? resolveNextHop(sim, node, plan.egress, plan.nextHop, plan.direct, pkt.src);
  if (!resolved.ok) {
    return { ok: false, drop: {
      disposition: "HOST_UNREACHABLE", component: node.id, reason: `${node.id} cannot deliver the frame: ${resolved.reason}.`,
      provenance: { kind: "protocol", rule: "RFC 826: no ARP reply, no frame" },
    } };
  }
  decisions.push(resolved.decision);
  const l2 = rewriteEthernet(sim, pkt, resolved, ingress === null, ttl, ttlRef);
  if (l2.decision) decisions.push(l2.decision);
  return { ok: true, pkt: l2.pkt, plan, target: resolved.target };
}

/**
 * Everything about sending a packet towards one destination, from one node through one of its
 * route tables, that depends only on the compiled topology: the route and its explanation, the
 * egress, the NACL of the subnet entered, the next hop's MAC (unless an ARP cache starts cold),
 * and the hop's sentences. Made on first use and reused by every later hop and trace, so a hop
 * costs two map lookups instead of one per step of the pipeline.
 */
interface HopPlan extends Target {
  readonly ok: true;
  readonly decision: Decision;
  readonly entering: { readonly nacl: NaclModel; readonly subnet: string } | null;
  /** The next hop's resolution when it cannot change during a trace; null when it needs the trace's ARP cache. */
  readonly link: NextHopResolution | null;
  readonly texts: HopTexts;
}

type Planned = HopPlan | { readonly ok: false; readonly drop: Drop };

/** Plans by where the packet comes from: a node's own sends, or the interface a forwarded packet arrived on. */
const plans = new WeakMap<RtNode | RtInterface, Map<number, Planned>>();

function hopPlan(sim: Sim, node: RtNode, ingress: RtInterface | null, dest: number): Planned {
  const from = ingress ?? node;
  let byDest = plans.get(from);
  if (!byDest) plans.set(from, (byDest = new Map()));
  let plan = byDest.get(dest);
  if (plan === undefined) byDest.set(dest, (plan = makePlan(sim.topo, node, ingress, dest)));
  return plan;
}

function makePlan(topo: Topology, node: RtNode, ingress: RtInterface | null, dest: number): Planned {
  const table = routeTableFor(topo, node, ingress);
  const routed = computeRoute(topo, node, table, dest);
  // The decision and drop are shared by every trace that takes this hop, so they are frozen.
  if (!routed.ok) return deepFreeze(routed);
  const next = routed.target;
  let entering: HopPlan["entering"] = null;
  if (node.model.kind === "vpc-router") {
    const subnet = topo.subnetBySegment.get(next.egress.segment);
    if (subnet?.nacl) entering = { nacl: topo.nacls.get(subnet.nacl)!, subnet: subnet.id };
  }
  return {
    ok: true, decision: deepFreeze(routed.decision), egress: next.egress, nextHop: next.nextHop, direct: next.direct, entering,
    link: knownNextHop(topo, node, next.egress, next.nextHop, next.direct), texts: hopTexts(topo, node, next),
  };
}

interface RoutedOk {
  readonly ok: true;
  readonly decision: Decision;
  readonly target: Target;
}

function computeRoute(topo: Topology, node: RtNode, table: RouteTable, dest: number): RoutedOk | { ok: false; drop: Drop } {
  const match = lookupRoute(table, dest);
  if (!match) {
    return { ok: false, drop: {
      disposition: "NO_ROUTE", component: table.id,
      reason: `No entry in ${table.id} matches ${formatIpv4(dest)}, not even a default route, so ${node.id} drops the packet (ICMP destination unreachable).`,
      provenance: { kind: "route", table: table.id, entry: "none", prefix: "", candidates: [] },
    } };
  }
  const decision: Decision = {
    kind: "route", reason: explainRoute(table, dest, match),
    provenance: { kind: "route", table: table.id, entry: match.route.text, prefix: formatCidr(match.route.to), candidates: match.candidates.map((r) => r.text) },
  };
  const target = resolveTarget(topo, node, match.route.target, dest);
  if (!target) {
    return { ok: false, drop: {
      disposition: "NO_ROUTE", component: table.id, reason: `The route ${match.route.text} points nowhere ${node.id} can reach.`,
      provenance: { kind: "route", table: table.id, entry: match.route.text, prefix: formatCidr(match.route.to), candidates: [] },
    } };
  }
  return { ok: true, decision, target };
}

function routeTableFor(topo: Topology, node: RtNode, ingress: RtInterface | null): RouteTable {
  if (ingress === null) return node.routes;
  const id = node.model.routeTablesBySegment[ingress.segment];
  return (id !== undefined ? topo.routeTables.get(id) : undefined) ?? node.routes;
}

interface Target {
  readonly egress: RtInterface;
  readonly nextHop: number;
  readonly direct: RtInterface | null;
}

/** The sentences and link of a hop through a given target, built once per plan. */
interface HopTexts {
  readonly nextHop: string;
  readonly send: string;
  readonly forward: string;
  readonly segment: RtSegment;
}

function hopTexts(topo: Topology, node: RtNode, next: Target): HopTexts {
  const nextHop = next.direct ? next.direct.node.id : formatIpv4(next.nextHop);
  return {
    nextHop,
    send: `${node.id} sends the packet out of ${next.egress.name} towards ${nextHop}.`,
    forward: `${node.id} forwards the packet out of ${next.egress.name} towards ${nextHop}.`,
    segment: topo.segments.get(next.egress.segment)!,
  };
}

/** Turns a route's target into an egress interface and the next hop to ARP for. */
function resolveTarget(topo: Topology, node: RtNode, target: import("./model").RouteTarget, dest: number): Target | null {
  switch (target.kind) {
    case "on-link": {
      const egress = node.byName.get(target.dev);
      return egress ? { egress, nextHop: dest, direct: null } : null;
    }
    case "gateway": {
      const egress = target.dev !== null ? node.byName.get(target.dev)
        : node.interfaces.find((i) => i.ip !== null && contains(cidrOf(i.ip, i.prefix), target.via));
      return egress ? { egress, nextHop: target.via, direct: null } : null;
    }
    case "local": {
      for (const i of node.interfaces) {
        const subnet = topo.subnetBySegment.get(i.segment);
        if (subnet && contains(subnet.cidr, dest as never)) return { egress: i, nextHop: dest, direct: null };
      }
      return null;
    }
    case "node": {
      const other = topo.nodes.get(target.node);
      if (!other) return null;
      for (const mine of node.interfaces) {
        const theirs = other.interfaces.find((i) => i.segment === mine.segment);
        if (theirs) return { egress: mine, nextHop: theirs.ip ?? dest, direct: theirs };
      }
      return null;
    }
  }
}
