/**
 * Sockets' raw material: a host's own address, its OS defaults (initial TTL, ephemeral port range),
 * and the symbols that tie every copy of those values in a trace together.
 */
import { cidrOf, contains } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import { lookupRoute } from "./routing";
import { EPHEMERAL_PORTS } from "../net/ports";
import type { PortSpec } from "./model";
import { ipRef } from "./nat";
import type { Sim } from "./sim";
import type { RtInterface, RtNode } from "./topology";
import type { FieldRef, TraceSymbol } from "./trace-types";
import { deepFreeze } from "./freeze";

/** The interface a host sends from: its first numbered interface. */
export function primaryInterface(node: RtNode): RtInterface {
  const iface = node.interfaces.find((i) => i.ip !== null);
  if (!iface) throw new Error(`${node.id} has no addressed interface to send from`);
  return iface;
}

function egressFor(node: RtNode, destination: number): RtInterface {
  const match = lookupRoute(node.routes, destination);
  const target = match?.route.target;
  const dev = target?.kind === "on-link" ? target.dev : target?.kind === "gateway" ? target.dev : null;
  const byDev = dev !== null && dev !== undefined ? node.byName.get(dev) : undefined;
  if (byDev && byDev.ip !== null) return byDev;
  if (target?.kind === "gateway") {
    const onLink = node.interfaces.find((i) => i.ip !== null && contains(cidrOf(i.ip, i.prefix), target.via));
    if (onLink) return onLink;
  }
  return primaryInterface(node);
}

const ttlSymbols = new WeakMap<object, { ref: FieldRef; symbol: TraceSymbol; ttl: number }>();

/** The symbol of a node's initial TTL: its OS default, or a TTL set for one probe (like traceroute's). */
function ttlSymbolFor(node: RtNode, ttl: number): { ref: FieldRef; symbol: TraceSymbol; ttl: number } {
  const os = node.model.host?.os ?? "linux";
  const osDefault = os === "windows" ? 128 : 64;
  const id = ttl === osDefault ? `ttl:${node.id}` : `ttl:${node.id}:${ttl}`;
  const label = ttl === osDefault ? `initial TTL of ${node.id} (${os} default)` : `initial TTL ${ttl} set on ${node.id}`;
  const made = deepFreeze({ ref: { symbol: id, offset: 0 }, symbol: { id, label, value: String(ttl), free: null }, ttl });
  // The node's own setting (its OS default or the TTL configured on the host) recurs on every packet it sends.
  if (ttl === (node.model.host?.initialTtl ?? 64)) ttlSymbols.set(node.model, made);
  return made;
}

export interface SourceAddress {
  readonly ip: number;
  readonly ipRef: FieldRef;
  readonly ttl: number;
  readonly ttlRef: FieldRef;
}

/**
 * The source address and initial TTL of packets a node originates towards `destination`: like
 * Linux, the address of the interface the route to the destination leaves by.
 */
export function sourceOf(sim: Sim, node: RtNode, destination?: number): SourceAddress {
  const iface = destination === undefined ? primaryInterface(node) : egressFor(node, destination);
  const ttl = node.model.host?.initialTtl ?? 64;
  const cached = ttlSymbols.get(node.model);
  const ttlRef = cached && cached.ttl === ttl ? cached : ttlSymbolFor(node, ttl);
  sim.declare(ttlRef.symbol);
  return { ip: iface.ip!, ipRef: ipRef(sim, iface), ttl, ttlRef: ttlRef.ref };
}

export interface PortChoice {
  readonly port: number;
  readonly ref: FieldRef;
}

/**
 * A client's source port. A fixed port is what the scenario states; an ephemeral one is the
 * variant's value, and the learner may predict any port of the OS's ephemeral range instead.
 */
export function clientPort(sim: Sim, node: RtNode, spec: PortSpec | null, purpose: string): PortChoice {
  const os = node.model.host?.os ?? "linux";
  const range = node.model.host?.ephemeralPorts ?? EPHEMERAL_PORTS.linux;
  const id = `port:${sim.flowId}/${purpose}`;
  if (spec?.kind === "fixed") {
    return { port: spec.value, ref: { symbol: sim.symbol(id, `source port of ${purpose} (given)`, String(spec.value)), offset: 0 } };
  }
  const port = spec?.kind === "ephemeral" && spec.hint !== null ? spec.hint : sim.rng(`eph:${node.id}`).int(range.min, range.max);
  const free = { kind: "range" as const, min: range.min, max: range.max, why: `${node.id} (${os}) picks an ephemeral source port from ${range.min}-${range.max}` };
  return { port, ref: { symbol: sim.symbol(id, `ephemeral source port of ${purpose}`, String(port), free), offset: 0 } };
}

/** A well-known destination port the client dials, as a symbol of its own. */
export function servicePort(sim: Sim, port: number, purpose: string): FieldRef {
  return { symbol: sim.symbol(`port:${sim.flowId}/${purpose}:dst`, `destination port of ${purpose}`, String(port)), offset: 0 };
}

/** A destination address given directly (a literal IP in a URL, an address in a probe). */
export function givenAddress(sim: Sim, ip: number, purpose: string): FieldRef {
  return { symbol: sim.symbol(`dest:${sim.flowId}/${purpose}`, `destination address of ${purpose}`, formatIpv4(ip)), offset: 0 };
}
