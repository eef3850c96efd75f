/**
 * Kernel cases described once, compactly, and turned into the simulator's input: the same nodes,
 * interfaces, MACs, routes and NAT rules are then built in network namespaces (netns.ts).
 */
import { parseCidr } from "../../lib/net/cidr";
import { parseIpv4, type Ipv4 } from "../../lib/net/ipv4";
import type { Mac } from "../../lib/net/mac";
import type {
  DnatRule, FlowModel, InterfaceModel, NetworkModel, NodeModel, PortPolicy, RouteModel, SimulationInput, SnatRule,
} from "../../lib/engine/model";

export interface IfaceSpec {
  readonly name: string;
  readonly segment: string;
  /** "192.168.1.10/24" */
  readonly address: string;
  readonly mac: string;
}

export interface NodeSpec {
  readonly id: string;
  readonly kind: "host" | "router";
  readonly interfaces: readonly IfaceSpec[];
  /** "0.0.0.0/0 via 192.168.1.1" or "10.0.0.0/8 dev eth1" */
  readonly routes?: readonly string[];
  /** Source NAT (iptables SNAT --to-source) on leaving `out`, for sources in `from`. */
  readonly snat?: readonly { readonly out: string; readonly to: string; readonly from?: string; readonly ports: PortPolicy }[];
  /** Destination NAT (iptables DNAT in PREROUTING) of a virtual address:port to one endpoint. */
  readonly dnat?: readonly { readonly ip: string; readonly port: number; readonly to: string; readonly toPort: number }[];
  /** Ports a TCP server listens on. */
  readonly listens?: readonly number[];
  readonly initialTtl?: number;
  /**
   * The interface `iface` is a bridge this node runs for its segment (a Kubernetes node's pod
   * bridge): the other members' links are its ports; `netfilter` sets br_netfilter's
   * bridge-nf-call-iptables in the node's namespace (the simulator's NodeModel.bridgeNetfilter).
   */
  readonly bridge?: { readonly iface: string; readonly netfilter: boolean };
  /** Routers: the source of ICMP errors (the lab sets net.ipv4.icmp_errors_use_inbound_ifaddr for "incoming"). */
  readonly icmpErrorSource?: "outgoing" | "incoming";
  /** Extra `sysctl -w` settings for the node's namespace (the lab's, not modelled by the simulator). */
  readonly sysctls?: readonly string[];
}

export interface ProbeSpec {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly srcPort: number;
  readonly ttl?: number;
  /** How long the client waits (default 2 s, 900 ms with a TTL): under 1 s leaves out SYN retransmissions. */
  readonly timeoutMs?: number;
}

export interface KernelCase {
  readonly id: string;
  readonly title: string;
  readonly nodes: readonly NodeSpec[];
  /**
   * Why the frames are not compared, when they cannot be: the case then compares the probes'
   * outcomes and conntrack only.
   */
  readonly framesNotCompared?: string;
  /** Probes run one after the other; each is a TCP connect and close (or what remains of it). */
  readonly probes: readonly ProbeSpec[];
}

export const ip = (text: string): Ipv4 => {
  const r = parseIpv4(text);
  if (!r.ok) throw new Error(`bad address ${text}`);
  return r.value;
};

function iface(s: IfaceSpec): InterfaceModel {
  const [addr, prefix] = s.address.split("/");
  return { name: s.name, segment: s.segment, ip: ip(addr!), prefix: Number(prefix), mac: s.mac as Mac, securityGroups: [] };
}

function route(text: string): RouteModel {
  const m = /^(\S+) (via (\S+)|dev (\S+))$/.exec(text);
  const to = parseCidr(m?.[1] ?? "");
  if (!m || !to.ok) throw new Error(`bad route ${text}`);
  const target = m[3] ? { kind: "gateway" as const, via: ip(m[3]), dev: null } : { kind: "on-link" as const, dev: m[4]! };
  return { to: to.value, target, text, origin: "static" };
}

function node(s: NodeSpec): NodeModel {
  const interfaces = s.interfaces.map(iface);
  const snat: SnatRule[] = (s.snat ?? []).map((r, i) => ({
    id: `snat${i}`, outInterface: r.out, toIp: ip(r.to), ports: r.ports, sources: r.from ? [unwrapCidr(r.from)] : [],
  }));
  const dnat: DnatRule[] = (s.dnat ?? []).map((r, i) => ({
    id: `dnat${i}`, protocol: "TCP", ip: ip(r.ip), port: r.port, targets: [{ ip: ip(r.to), port: r.toPort, label: `endpoint ${r.to}` }],
    pick: "first", firstPick: null, description: `DNAT ${r.ip}:${r.port} -> ${r.to}:${r.toPort}`, role: "kube-proxy",
  }));
  const isHost = s.kind === "host";
  return {
    id: s.id, label: s.id, kind: s.kind, zone: null, interfaces, routes: (s.routes ?? []).map(route), routeTablesBySegment: {},
    forwards: !isHost, ttlCost: isHost ? 0 : 1, arpCold: true, snat, dnat, staticNat: [], staticNatOutside: null,
    host: isHost ? {
      os: "linux", gateway: null, initialTtl: s.initialTtl ?? 64, ephemeralPorts: { min: 32768, max: 60999 }, dnsServers: [], searchDomains: [],
      ndots: 1, osCache: [], browserCache: [], userAgent: "kernel-test", trustedRoots: [],
    } : null,
    services: (s.listens ?? []).map((port) => ({ kind: "web" as const, port, tls: null, routes: [], serverIsn: { kind: "seeded" as const } })),
    publicOnly: false, role: s.id, ...(s.icmpErrorSource ? { icmpErrorSource: s.icmpErrorSource } : {}),
    ...(s.bridge?.netfilter ? { bridgeNetfilter: s.interfaces.find((i) => i.name === s.bridge!.iface)!.segment } : {}),
  };
}

function unwrapCidr(text: string) {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(`bad block ${text}`);
  return r.value;
}

/** The simulator's input for a case: one flow per probe, state carried from one to the next. */
export function simulationInput(c: KernelCase): SimulationInput {
  const nodes = c.nodes.map(node);
  const segments = [...new Set(c.nodes.flatMap((n) => n.interfaces.map((i) => i.segment)))].map((id) => ({ id, label: id, latencyMs: 0.1 }));
  const network: NetworkModel = { segments, nodes, routeTables: [], securityGroups: [], nacls: [], subnets: [] };
  const flows: FlowModel[] = c.probes.map((p, i) => ({
    id: `probe${i + 1}`, title: `${p.from} -> ${p.to}:${p.port}`, from: p.from, fresh: false, ttl: null, afterS: 0,
    steps: [{ kind: "probe", id: `probe${i + 1}`, protocol: "TCP", to: ip(p.to), port: p.port, srcPort: { kind: "fixed", value: p.srcPort }, ttl: p.ttl ?? null, isn: { kind: "seeded" }, keepOpen: false }],
  }));
  return { scenarioId: `kernel-${c.id}`, network, flows, variables: {} };
}


