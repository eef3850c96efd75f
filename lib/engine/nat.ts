/**
 * Network address translation, like iptables' nat table: source NAT / PAT on the way out
 * (POSTROUTING), destination NAT for virtual addresses (PREROUTING), 1:1 static NAT at an
 * internet gateway, and reverse translation of replies through connection tracking.
 */
import { contains } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import { describeEntry, lookupConntrack, recordConntrack, type CtEntry } from "./conntrack";
import { expire, lifeFor, seen, stateNote } from "./conntrack-trace";
import type { DnatRule, PortPolicy, SnatRule } from "./model";
import { socket, withFields, type Pkt } from "./packet";
import { RULE } from "./rules";
import type { Sim } from "./sim";
import type { RtInterface, RtNode } from "./topology";
import type { Decision, Disposition, FieldRef, TraceSymbol } from "./trace-types";
import { deepFreeze } from "./freeze";

export type NatOutcome =
  | { readonly ok: true; readonly pkt: Pkt }
  | { readonly ok: false; readonly disposition: Disposition; readonly reason: string; readonly component: string };

const pass = (pkt: Pkt): NatOutcome => ({ ok: true, pkt });

/** The symbol for an interface's address. */
export function ipRef(sim: Sim, iface: RtInterface): FieldRef {
  let cached = ipRefs.get(iface);
  if (cached === undefined) {
    const id = `ip:${iface.qualified}`;
    ipRefs.set(iface, (cached = deepFreeze({ ref: { symbol: id, offset: 0 }, symbol: { id, label: `address of ${iface.qualified}`, value: formatIpv4(iface.ip ?? 0), free: null } })));
  }
  sim.declare(cached.symbol);
  return cached.ref;
}

const ipRefs = new WeakMap<RtInterface, { ref: FieldRef; symbol: TraceSymbol }>();

function addressRef(sim: Sim, node: RtNode, ip: number, what: string): FieldRef {
  const iface = node.interfaces.find((i) => i.ip === ip);
  if (iface) return ipRef(sim, iface);
  return { symbol: sim.symbol(`ip:${node.id}:${formatIpv4(ip)}`, what, formatIpv4(ip)), offset: 0 };
}

/**
 * PREROUTING: translate replies back (un-SNAT, un-DNAT), DNAT new connections to virtual
 * addresses, map public addresses 1:1 at an internet gateway, and drop unsolicited packets to a
 * NAT's public address.
 */
export function prerouting(sim: Sim, node: RtNode, p: Pkt, decisions: Decision[]): NatOutcome {
  if (p.icmp?.original) return pass(icmpError(sim, node, p, decisions));
  const tracked = seen(sim, node, p);
  if (tracked) {
    const { entry, direction } = tracked;
    if (direction === "reply") return pass(reverse(sim, p, entry, decisions));
    if (entry.kind === "dnat") return pass(applyDnatEntry(sim, node, p, entry, decisions, "reuse"));
    return pass(p);
  }
  const inbound = staticNatInbound(sim, node, p, decisions);
  if (inbound) return pass(inbound);
  const rule = node.model.dnat.find((r) => r.protocol === p.proto && r.ip === p.dst && r.port === p.dport);
  if (rule) return dnatNew(sim, node, p, rule, decisions);
  return unsolicited(node, p);
}

/**
 * OUTPUT: a node's own packet to a virtual address (a Kubernetes node calling a ClusterIP) is
 * DNATed before its route is chosen, like iptables' nat OUTPUT chain; its replies are then
 * translated back on arrival by PREROUTING's conntrack lookup.
 */
export function output(sim: Sim, node: RtNode, p: Pkt, decisions: Decision[]): NatOutcome {
  const tracked = seen(sim, node, p);
  if (tracked) return pass(tracked.direction === "original" && tracked.entry.kind === "dnat" ? applyDnatEntry(sim, node, p, tracked.entry, decisions, "reuse") : p);
  const rule = node.model.dnat.find((r) => r.protocol === p.proto && r.ip === p.dst && r.port === p.dport);
  return rule ? dnatNew(sim, node, p, rule, decisions) : pass(p);
}

/**
 * A frame bridged by `node` between two others on its bridge, with bridge netfilter on: conntrack
 * sees it as it would a routed packet, so a reply to a DNATed connection gets its source back.
 */
export function bridged(sim: Sim, node: RtNode, p: Pkt): { pkt: Pkt; decision: Decision } | null {
  const tracked = seen(sim, node, p);
  if (!tracked || tracked.direction !== "reply" || tracked.entry.kind !== "dnat") return null;
  const decisions: Decision[] = [];
  const pkt = reverse(sim, p, tracked.entry, decisions);
  const d = decisions[0];
  if (!d) return null;
  return {
    pkt,
    decision: { ...d, reason: `${node.id} bridges this frame between two of its pods; with bridge netfilter (br_netfilter, which kube-proxy's iptables mode needs) the bridged frame passes its conntrack. ${d.reason}` },
  };
}

/**
 * An ICMP error about a translated connection: the NAT finds the connection from the header the
 * error carries and translates the error back to the inside host, embedded header included.
 */
function icmpError(sim: Sim, node: RtNode, p: Pkt, decisions: Decision[]): Pkt {
  const o = p.icmp!.original!;
  const asReply = { ...p, proto: o.proto, src: o.dst, sport: o.dport, dst: o.src, dport: o.sport };
  const tracked = lookupConntrack(sim.state.conntrack, node.id, asReply);
  if (!tracked || tracked.direction !== "reply" || tracked.entry.kind !== "snat") return p;
  const e = tracked.entry;
  decisions.push({
    kind: "unsnat", provenance: { kind: "table-entry", table: e.table, entry: describeEntry(e) },
    reason: `This ICMP error is about the connection ${e.entry.inside} -> ${e.entry.outside}: the NAT rewrites it (and the header it carries) back to ${socket(e.origIp, e.origPort)}.`,
  });
  return withFields(p, { dst: e.origIp, icmp: { ...p.icmp!, original: { ...o, src: e.origIp, sport: e.origPort } } }, e.origIpRef ? { "ip.dst": e.origIpRef } : {});
}

function unsolicited(node: RtNode, p: Pkt): NatOutcome {
  const publicSide = node.model.snat.some((r) => r.toIp === p.dst) || (node.model.kind === "nat-gateway" && node.localIps.has(p.dst));
  if (!publicSide || node.services.has(p.dport)) return pass(p);
  return {
    ok: false, disposition: "NO_NAT_MAPPING", component: node.id,
    reason: `${node.id} has no translation for ${socket(p.dst, p.dport)}: NAT only creates mappings for connections started from the inside, so an unsolicited packet from ${socket(p.src, p.sport)} has nowhere to go.`,
  };
}

function reverse(sim: Sim, p: Pkt, entry: CtEntry, decisions: Decision[]): Pkt {
  const provenance = { kind: "table-entry" as const, table: entry.table, entry: describeEntry(entry) };
  if (entry.kind === "snat") {
    if (!sim.rule(RULE["reverse-nat"])) return { ...p, steer: entry.origIp };
    decisions.push({
      kind: "unsnat", provenance,
      reason: `Reply to ${socket(p.dst, p.dport)} matches the NAT entry, so the destination is rewritten back to ${socket(entry.origIp, entry.origPort)}.${stateNote(sim, entry)}`,
    });
    return withFields(p, { dst: entry.origIp, dport: entry.origPort, steer: null }, refsOf("ip.dst", entry.origIpRef, "l4.dstPort", entry.origPortRef));
  }
  if (!sim.rule(RULE["conntrack-reverse"])) return p;
  decisions.push({
    kind: "undnat", provenance,
    reason: `Reply from ${socket(p.src, p.sport)} matches the conntrack entry, so its source is rewritten back to ${socket(entry.origIp, entry.origPort)}, the address the client called.${stateNote(sim, entry)}`,
  });
  return withFields(p, { src: entry.origIp, sport: entry.origPort }, refsOf("ip.src", entry.origIpRef, "l4.srcPort", entry.origPortRef));
}

function refsOf(f1: "ip.dst" | "ip.src", r1: FieldRef | undefined, f2: "l4.dstPort" | "l4.srcPort", r2: FieldRef | undefined) {
  const out: Record<string, FieldRef> = {};
  if (r1) out[f1] = r1;
  if (r2) out[f2] = r2;
  return out;
}

function dnatNew(sim: Sim, node: RtNode, p: Pkt, rule: DnatRule, decisions: Decision[]): NatOutcome {
  expire(sim, node);
  if (rule.targets.length === 0) {
    return {
      ok: false, disposition: "NO_SERVICE_ENDPOINTS", component: node.id,
      reason: `${rule.description} has no ready endpoints, so the connection is rejected.`,
    };
  }
  const n = sim.count(`dnat:${node.id}:${rule.id}`);
  const index = rule.pick === "first" ? 0
    : n === 1 && rule.firstPick !== null ? rule.firstPick % rule.targets.length
    : sim.rng(`dnat:${node.id}:${rule.id}`).int(0, rule.targets.length - 1);
  const target = rule.targets[index]!;
  const free = rule.pick === "seeded" && rule.targets.length > 1
    ? { kind: "one-of" as const, values: rule.targets.map((t) => formatIpv4(t.ip)), why: `${rule.role === "kube-proxy" ? "kube-proxy" : "the load balancer"} picks an endpoint at random: any of them is a correct prediction, as long as you stay consistent` }
    : null;
  const pickRef: FieldRef = { symbol: sim.symbol(`dnat:${node.id}:${rule.id}#${n}`, `endpoint chosen by ${rule.description}`, formatIpv4(target.ip), free), offset: 0 };
  const portRef: FieldRef = { symbol: sim.symbol(`port:${rule.id}:target`, `target port of ${rule.description}`, String(target.port)), offset: 0 };
  const entry: CtEntry = {
    kind: "dnat", table: `${node.id} conntrack`,
    origIp: p.dst, origPort: p.dport, origIpRef: p.refs["ip.dst"], origPortRef: p.refs["l4.dstPort"],
    newIp: target.ip, newPort: target.port, newIpRef: pickRef, newPortRef: portRef,
    entry: { table: `${node.id} conntrack`, kind: "dnat", protocol: p.proto, inside: socket(p.src, p.sport), translated: socket(target.ip, target.port), outside: socket(p.dst, p.dport) },
    life: lifeFor(sim, node, p),
  };
  const translated = applyDnatEntry(sim, node, p, entry, decisions, "create", rule, target.label);
  recordConntrack(sim.state.conntrack, node.id, p, { ...translated, dst: target.ip, dport: target.port }, entry);
  sim.push({
    type: "nat", key: sim.key("conntrack", node.id), node: node.id, action: "create", entry: entry.entry,
    refs: natRefs(p.refs["ip.src"], p.refs["l4.srcPort"], pickRef, portRef, p.refs["ip.dst"], p.refs["l4.dstPort"]),
    reason: `${rule.description}: new connection from ${socket(p.src, p.sport)} to ${socket(p.dst, p.dport)} is sent to ${target.label} at ${socket(target.ip, target.port)}; conntrack remembers it so the reply can be translated back.${stateNote(sim, entry)}`,
    provenance: { kind: "rule", ruleset: rule.role === "kube-proxy" ? `kube-proxy rules on ${node.id}` : `${node.id} DNAT rules`, rule: rule.description },
  });
  return pass(translated);
}

function natRefs(a?: FieldRef, b?: FieldRef, c?: FieldRef, d?: FieldRef, e?: FieldRef, f?: FieldRef): Record<string, FieldRef> {
  const out: Record<string, FieldRef> = {};
  const put = (k: string, r?: FieldRef) => { if (r) out[k] = r; };
  put("inside.ip", a); put("inside.port", b); put("translated.ip", c); put("translated.port", d); put("outside.ip", e); put("outside.port", f);
  return out;
}

function applyDnatEntry(sim: Sim, node: RtNode, p: Pkt, entry: CtEntry, decisions: Decision[], how: "create" | "reuse", rule?: DnatRule, label?: string): Pkt {
  decisions.push({
    kind: "dnat",
    reason: how === "create"
      ? `${rule?.description ?? "DNAT"}: destination ${socket(p.dst, p.dport)} rewritten to ${label ?? ""} ${socket(entry.newIp, entry.newPort)}.`
      : `Existing conntrack entry: destination ${socket(p.dst, p.dport)} rewritten to ${socket(entry.newIp, entry.newPort)} as before.${stateNote(sim, entry)}`,
    provenance: { kind: "table-entry", table: entry.table, entry: describeEntry(entry) },
  });
  const ruleName = rule?.role === "kube-proxy" || node.model.kind === "k8s-node" ? "kube-proxy-dnat" : null;
  if (ruleName && !sim.rule(RULE[ruleName])) return { ...p, steer: entry.newIp };
  const refs: Record<string, FieldRef> = {};
  if (entry.newIpRef) refs["ip.dst"] = entry.newIpRef;
  if (entry.newPortRef) refs["l4.dstPort"] = entry.newPortRef;
  return withFields(p, { dst: entry.newIp, dport: entry.newPort, steer: null }, refs);
}

function staticNatInbound(sim: Sim, node: RtNode, p: Pkt, decisions: Decision[]): Pkt | null {
  const mapping = node.model.staticNat.find((m) => m.publicIp === p.dst);
  if (!mapping) return null;
  const owner = sim.topo.ownerOfIp.get(mapping.privateIp);
  const provenance = { kind: "table-entry" as const, table: `${node.id} address mappings`, entry: `${formatIpv4(mapping.publicIp)} <-> ${formatIpv4(mapping.privateIp)} (${mapping.owner})` };
  // In the simplified picture the NAT gateway itself owns the Elastic IP, so nothing is rewritten here.
  if (owner?.node.model.kind === "nat-gateway" && sim.rule(RULE["natgw-translates-to-eip"])) return { ...p, steer: mapping.privateIp };
  decisions.push({
    kind: "dnat", provenance,
    reason: `${node.id} maps public ${formatIpv4(mapping.publicIp)} 1:1 to ${mapping.owner}'s private ${formatIpv4(mapping.privateIp)}; the instance itself never sees its public address.`,
  });
  const ref = owner ? ipRef(sim, owner) : undefined;
  return withFields(p, { dst: mapping.privateIp, steer: null }, ref ? { "ip.dst": ref } : {});
}

/** POSTROUTING: source NAT for packets leaving through a NAT interface; 1:1 NAT at an internet gateway. */
export function postrouting(sim: Sim, node: RtNode, egress: RtInterface, p: Pkt, decisions: Decision[]): NatOutcome {
  if (node.model.staticNat.length > 0) return egress.name === node.model.staticNatOutside ? staticNatOutbound(sim, node, p, decisions) : pass(p);
  const rule = node.model.snat.find((r) => r.outInterface === egress.name && (r.sources.length === 0 || r.sources.some((c) => contains(c, p.src as never))));
  if (!rule) return pass(p);
  if (!sim.rule(RULE["snat"])) return pass(p);
  const tracked = lookupConntrack(sim.state.conntrack, node.id, p);
  if (tracked && tracked.direction === "original" && tracked.entry.kind === "snat") {
    const e = tracked.entry;
    decisions.push({
      kind: "snat", reason: `Existing NAT entry: source ${socket(p.src, p.sport)} rewritten to ${socket(e.newIp, e.newPort)} as before.${stateNote(sim, e)}`,
      provenance: { kind: "table-entry", table: e.table, entry: describeEntry(e) },
    });
    return pass(withFields(p, { src: e.newIp, sport: e.newPort }, refsOf("ip.src", e.newIpRef, "l4.srcPort", e.newPortRef)));
  }
  return snatNew(sim, node, p, rule, decisions);
}

function snatNew(sim: Sim, node: RtNode, p: Pkt, rule: SnatRule, decisions: Decision[]): NatOutcome {
  expire(sim, node);
  const toIp = natAddress(sim, node, rule);
  const allocation = allocatePort(sim, node, toIp, p, rule.ports);
  const table = `${node.id} NAT table`;
  if (allocation === null) {
    return {
      ok: false, disposition: "NAT_PORT_EXHAUSTED", component: node.id,
      reason: `${node.id} has no free port left in ${rule.ports.first}-${rule.ports.last} on ${formatIpv4(toIp)}: every port is held by another connection, so the new one cannot be translated.`,
    };
  }
  const ipR = addressRef(sim, node, toIp, `public address of ${node.id}`);
  const portR = allocation.ref;
  const entry: CtEntry = {
    kind: "snat", table,
    origIp: p.src, origPort: p.sport, origIpRef: p.refs["ip.src"], origPortRef: p.refs["l4.srcPort"],
    newIp: toIp, newPort: allocation.port, newIpRef: ipR, newPortRef: portR,
    entry: { table, kind: "snat", protocol: p.proto, inside: socket(p.src, p.sport), translated: socket(toIp, allocation.port), outside: socket(p.dst, p.dport) },
    life: lifeFor(sim, node, p),
  };
  entry.life.release = allocation.release;
  const translated = withFields(p, { src: toIp, sport: allocation.port }, { "ip.src": ipR, "l4.srcPort": portR });
  recordConntrack(sim.state.conntrack, node.id, p, translated, entry);
  sim.push({
    type: "nat", key: sim.key("nat", node.id), node: node.id, action: "create", entry: entry.entry,
    refs: natRefs(p.refs["ip.src"], p.refs["l4.srcPort"], ipR, portR, p.refs["ip.dst"], p.refs["l4.dstPort"]),
    reason: `${node.id} translates the new connection from ${socket(p.src, p.sport)}: source becomes ${socket(toIp, allocation.port)} (${allocation.why}), and the entry is kept so replies find their way back.${stateNote(sim, entry)}`,
    provenance: { kind: "rule", ruleset: `${node.id} NAT rules`, rule: `${rule.id}: SNAT out ${rule.outInterface} to ${formatIpv4(rule.toIp)}` },
  });
  decisions.push({
    kind: "snat", reason: `Source NAT: ${socket(p.src, p.sport)} becomes ${socket(toIp, allocation.port)}.`,
    provenance: { kind: "table-entry", table, entry: describeEntry(entry) },
  });
  return pass(translated);
}

/** The address SNAT writes: the rule's, or (in the simplified world) the NAT gateway's Elastic IP. */
function natAddress(sim: Sim, node: RtNode, rule: SnatRule): number {
  if (node.model.kind !== "nat-gateway") return rule.toIp;
  if (!sim.rule(RULE["natgw-translates-to-eip"])) return rule.toIp;
  for (const other of sim.topo.nodes.values()) {
    const m = other.model.staticNat.find((s) => s.privateIp === rule.toIp);
    if (m) return m.publicIp;
  }
  return rule.toIp;
}

/** A public port taken for a new connection, and how to give it back when the entry expires. */
interface Allocation {
  readonly port: number;
  readonly ref: FieldRef;
  readonly why: string;
  readonly release: () => void;
}

function allocatePort(sim: Sim, node: RtNode, toIp: number, p: Pkt, policy: PortPolicy): Allocation | null {
  if (policy.kind === "linux") return allocateLinux(sim, node, toIp, p, policy);
  // One counter per public address, shared by TCP and UDP, as the scenarios' "count up from N" routers do.
  const key = `${node.id}|${toIp}`;
  let pool = sim.state.natPorts.get(key);
  if (!pool) sim.state.natPorts.set(key, (pool = { used: new Set(), next: policy.first }));
  const size = policy.last - policy.first + 1;
  if (pool.used.size >= size) return null;
  const n = sim.count(`natport:${node.id}`);
  const label = `port allocated by ${node.id}'s NAT`;
  const take = (port: number, ref: FieldRef, why: string) => {
    pool!.used.add(port);
    return { port, ref, why, release: () => pool!.used.delete(port) };
  };
  const sourceRef = p.refs["l4.srcPort"];
  const preservable = !pool.used.has(p.sport) && p.sport >= policy.first && p.sport <= policy.last;
  if ((sim.rule(RULE["nat-port-preservation"]) || policy.kind === "preserve") && preservable && sourceRef) {
    return take(p.sport, sourceRef, "the original source port was free, so it is kept");
  }
  if (policy.kind === "random") {
    const rng = sim.rng(`natport:${node.id}`);
    let port = n === 1 && policy.hint !== null ? policy.hint : rng.int(policy.first, policy.last);
    while (pool.used.has(port)) port = port >= policy.last ? policy.first : port + 1;
    const free = { kind: "range" as const, min: policy.first, max: policy.last, why: `the NAT picks a random free port in ${policy.first}-${policy.last}` };
    return take(port, { symbol: sim.symbol(`natport:${node.id}#${n}`, label, String(port), free), offset: 0 }, "a random free port");
  }
  // Counts up, and wraps to the start of the range for a port an expired entry gave back.
  let port = pool.next > policy.last ? policy.first : Math.max(pool.next, policy.first);
  while (pool.used.has(port)) port = port >= policy.last ? policy.first : port + 1;
  pool.next = port + 1;
  return take(port, { symbol: sim.symbol(`natport:${node.id}#${n}`, label, String(port)), offset: 0 }, `the next free port counting up from ${policy.first}`);
}

/**
 * Linux's choice (nf_nat_l4proto_unique_tuple): the client's own port when no tracked connection
 * already uses that public address and port towards the same destination; otherwise a random port
 * of the range that is free for that destination. Any port of the range is then a right answer.
 */
function allocateLinux(sim: Sim, node: RtNode, toIp: number, p: Pkt, policy: Extract<PortPolicy, { kind: "linux" }>): Allocation | null {
  const key = `${node.id}|${p.proto}|${toIp}|${p.dst}|${p.dport}`;
  let used = sim.state.natTuples.get(key);
  if (!used) sim.state.natTuples.set(key, (used = new Set()));
  const size = policy.last - policy.first + 1;
  if (used.size >= size) return null;
  const sourceRef = p.refs["l4.srcPort"];
  const keep = p.sport >= policy.first && p.sport <= policy.last && !used.has(p.sport);
  if ((keep || sim.rule(RULE["nat-port-preservation"])) && sourceRef && !used.has(p.sport)) {
    used.add(p.sport);
    const kept = p.sport;
    return { port: kept, ref: sourceRef, why: "no other connection to this destination uses that public port, so Linux keeps the client's port", release: () => used.delete(kept) };
  }
  const n = sim.count(`natport:${node.id}`);
  let port = sim.rng(`natport:${node.id}`).int(policy.first, policy.last);
  while (used.has(port)) port = port >= policy.last ? policy.first : port + 1;
  used.add(port);
  const free = { kind: "range" as const, min: policy.first, max: policy.last, why: `the client's port is taken towards this destination, so Linux picks a random free port in ${policy.first}-${policy.last}` };
  const ref: FieldRef = { symbol: sim.symbol(`natport:${node.id}#${n}`, `port allocated by ${node.id}'s NAT`, String(port), free), offset: 0 };
  return { port, ref, why: "the client's port was taken towards this destination: a random free port", release: () => used.delete(port) };
}

function staticNatOutbound(sim: Sim, node: RtNode, p: Pkt, decisions: Decision[]): NatOutcome {
  const mapping = node.model.staticNat.find((m) => m.privateIp === p.src);
  if (!mapping) {
    if (node.model.staticNat.some((m) => m.publicIp === p.src)) return pass(p);
    return {
      ok: false, disposition: "NO_NAT_MAPPING", component: node.id,
      reason: `${formatIpv4(p.src)} has no public or Elastic IP, so ${node.id} has nothing to translate it to and drops the packet.`,
    };
  }
  const ref: FieldRef = { symbol: sim.symbol(`eip:${mapping.owner}`, `public IP of ${mapping.owner}`, formatIpv4(mapping.publicIp)), offset: 0 };
  decisions.push({
    kind: "snat",
    reason: `${node.id} maps ${mapping.owner}'s private ${formatIpv4(mapping.privateIp)} 1:1 to its public ${formatIpv4(mapping.publicIp)}; ports are untouched.`,
    provenance: { kind: "table-entry", table: `${node.id} address mappings`, entry: `${formatIpv4(mapping.privateIp)} <-> ${formatIpv4(mapping.publicIp)} (${mapping.owner})` },
  });
  return pass(withFields(p, { src: mapping.publicIp }, { "ip.src": ref }));
}
