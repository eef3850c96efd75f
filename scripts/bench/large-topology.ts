/**
 * A generated network for scaling benchmarks: a chain of routers, each with a /24 LAN of stub
 * hosts, and full route tables (every router knows every LAN, as an IGP would leave it). One flow
 * probes from a host on the first router's LAN to a host `pathHops - 1` routers down the chain,
 * so its forward path is exactly `pathHops` hop events: the client's send plus one per router.
 * Used by benchTopology() below and by tests/bench/large-topology.test.ts (which checks the shape).
 */
import { performance } from "node:perf_hooks";
import { formatCidr, type Cidr } from "../../lib/net/cidr";
import { formatIpv4, ipv4, type Ipv4 } from "../../lib/net/ipv4";
import { derivedMac } from "../../lib/net/mac";
import { EPHEMERAL_PORTS } from "../../lib/net/ports";
import type { HostConfig, InterfaceModel, NodeModel, RouteModel, SegmentModel, SimulationInput } from "../../lib/engine/model";
import { compileTopology } from "../../lib/engine/topology";
import { simulateInput } from "../../lib/simulate";

export interface ChainSpec {
  /** Routers in the chain (at most 250: each gets LAN 10.1.<i>.0/24). */
  readonly routers: number;
  /** Stub hosts on each router's LAN (at most 250). */
  readonly hostsPerRouter: number;
  /** Hop events on the probe's forward path: 1 (the client sends) + routers crossed. */
  readonly pathHops: number;
}

export interface ChainTopology {
  readonly input: SimulationInput;
  readonly nodeCount: number;
  readonly routeCount: number;
  readonly client: string;
  readonly server: string;
}

const PORT = 80;

const lanOf = (r: number): Cidr => ({ network: ipv4(10, 1, r, 0), prefix: 24 });
const lanGateway = (r: number): Ipv4 => ipv4(10, 1, r, 1);
const hostIp = (r: number, h: number): Ipv4 => ipv4(10, 1, r, 10 + h);
/** Link r <-> r+1 is 10.2.<r>.0/30: router r is .1, router r+1 is .2. */
const linkIp = (r: number, side: 1 | 2): Ipv4 => ipv4(10, 2, r, side);

function iface(node: string, name: string, segment: string, ip: Ipv4, prefix: number): InterfaceModel {
  return { name, segment, ip, prefix, mac: derivedMac(`${node}/${name}`), securityGroups: [] };
}

function hostConfig(gateway: Ipv4): HostConfig {
  return {
    os: "linux", gateway, initialTtl: 64, ephemeralPorts: EPHEMERAL_PORTS.linux, dnsServers: [], searchDomains: [], ndots: 1,
    osCache: [], browserCache: [], userAgent: "bench", trustedRoots: [],
  };
}

function node(id: string, kind: "host" | "router", interfaces: InterfaceModel[], routes: RouteModel[], host: HostConfig | null, services: NodeModel["services"]): NodeModel {
  return {
    id, label: id, kind, zone: null, interfaces, routes, routeTablesBySegment: {}, forwards: kind === "router", ttlCost: kind === "router" ? 1 : 0,
    arpCold: false, snat: [], dnat: [], staticNat: [], staticNatOutside: null, host, services, publicOnly: false, role: kind,
  };
}

function via(to: Cidr, gateway: Ipv4): RouteModel {
  const dest = to.prefix === 0 ? "default" : formatCidr(to);
  return { to, origin: "static", target: { kind: "gateway", via: gateway, dev: null }, text: `${dest} via ${formatIpv4(gateway)}` };
}

/** Builds the chain. Node count = routers * (1 + hostsPerRouter). */
export function buildChainTopology(spec: ChainSpec): ChainTopology {
  const { routers, hostsPerRouter, pathHops } = spec;
  if (routers < 1 || routers > 250 || hostsPerRouter < 1 || hostsPerRouter > 240) throw new Error("routers must be 1-250 and hostsPerRouter 1-240");
  if (pathHops < 2 || pathHops - 1 > routers) throw new Error(`a ${pathHops}-hop path needs ${pathHops - 1} routers; the chain has ${routers}`);
  const segments: SegmentModel[] = [];
  const nodes: NodeModel[] = [];
  let routeCount = 0;
  for (let r = 0; r < routers; r++) {
    segments.push({ id: `lan-${r}`, label: `LAN ${formatCidr(lanOf(r))}`, latencyMs: 0.1 });
    if (r < routers - 1) segments.push({ id: `link-${r}`, label: `link r${r}-r${r + 1}`, latencyMs: 1 });
  }
  for (let r = 0; r < routers; r++) {
    const id = `r${r}`;
    const interfaces = [iface(id, "lan", `lan-${r}`, lanGateway(r), 24)];
    if (r > 0) interfaces.push(iface(id, "left", `link-${r - 1}`, linkIp(r - 1, 2), 30));
    if (r < routers - 1) interfaces.push(iface(id, "right", `link-${r}`, linkIp(r, 1), 30));
    // Every other LAN, towards the neighbour on its side: what OSPF would install in a chain.
    const routes: RouteModel[] = [];
    for (let other = 0; other < routers; other++) {
      if (other === r) continue;
      routes.push(via(lanOf(other), other > r ? linkIp(r, 2) : linkIp(r - 1, 1)));
    }
    routeCount += routes.length + interfaces.length;
    nodes.push(node(id, "router", interfaces, routes, null, []));
    for (let h = 0; h < hostsPerRouter; h++) {
      const hid = `h${r}-${h}`;
      const services: NodeModel["services"] = [{ kind: "web", port: PORT, tls: null, routes: [{ path: "/", status: 200, headers: [], bodyBytes: 0, body: "" }], serverIsn: { kind: "fixed", value: 5000 } }];
      nodes.push(node(hid, "host", [iface(hid, "eth0", `lan-${r}`, hostIp(r, h), 24)], [via({ network: 0 as Ipv4, prefix: 0 }, lanGateway(r))], hostConfig(lanGateway(r)), services));
      routeCount += 2;
    }
  }
  const client = "h0-0";
  const serverRouter = pathHops - 2;
  const server = `h${serverRouter}-0`;
  const input: SimulationInput = {
    scenarioId: `chain-${nodes.length}-nodes-${pathHops}-hops`,
    variables: {},
    network: { segments, nodes, routeTables: [], securityGroups: [], nacls: [], subnets: [] },
    flows: [{
      id: "probe", title: `TCP probe across ${pathHops} hops`, from: client, fresh: false, ttl: null, afterS: 0,
      steps: [{ kind: "probe", id: "probe", protocol: "TCP", to: hostIp(serverRouter, 0), port: PORT, srcPort: { kind: "fixed", value: 40000 }, ttl: null, isn: { kind: "fixed", value: 1000 }, keepOpen: false }],
    }],
  };
  return { input, nodeCount: nodes.length, routeCount, client, server };
}

/** Milliseconds per simulate() call: warm up, then run for about `ms`, reporting the median of 5 rounds. */
function msPerTrace(input: SimulationInput, ms: number): number {
  for (let i = 0; i < 50; i++) simulateInput(input, { seed: i });
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < ms / 5) simulateInput(input, { seed: n++ });
    rounds.push((performance.now() - start) / n);
  }
  rounds.sort((a, b) => a - b);
  return rounds[2]!;
}

const round3 = (x: number): number => Number(x.toFixed(3));

/** Per-trace cost on a 10,000-node chain vs a ~100-node one, and for a 10- vs a 30-hop path. */
export async function benchTopology(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const large = buildChainTopology({ routers: 100, hostsPerRouter: 99, pathHops: 30 });
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  compileTopology(large.input.network);
  const compileMs = performance.now() - t1;
  // Same network object, shorter path: only the flow differs, so the compiled topology is shared.
  const shortPath = buildChainTopology({ routers: 100, hostsPerRouter: 99, pathHops: 10 }).input.flows;
  const large10 = { ...large.input, flows: shortPath };
  const small = buildChainTopology({ routers: 34, hostsPerRouter: 2, pathHops: 30 });
  const largeMs = msPerTrace(large.input, 1500);
  const large10Ms = msPerTrace(large10, 1000);
  const smallMs = msPerTrace(small.input, 1500);
  return {
    "engine.large_topology_nodes": large.nodeCount,
    "engine.large_topology_routes": large.routeCount,
    "engine.large_topology_build_ms": round3(buildMs),
    "engine.large_topology_compile_ms": round3(compileMs),
    "engine.large_topology_ms_per_trace": round3(largeMs),
    "engine.small_topology_nodes": small.nodeCount,
    "engine.small_topology_routes": small.routeCount,
    "engine.small_topology_ms_per_trace": round3(smallMs),
    "engine.hops_scaling.10_hops_ms_per_trace": round3(large10Ms),
    "engine.hops_scaling.30_hops_ms_per_trace": round3(largeMs),
    "engine.hops_scaling.ratio_30_to_10": Number((largeMs / large10Ms).toFixed(2)),
    // Six packets (SYN, SYN-ACK, ACK, FIN, FIN-ACK, ACK) each cross the whole path.
    "engine.large_topology_us_per_hop": round3((largeMs * 1000) / (6 * 30)),
    "engine.small_topology_us_per_hop": round3((smallMs * 1000) / (6 * 30)),
    "engine.large_to_small_ratio": Number((largeMs / smallMs).toFixed(2)),
  };
}
