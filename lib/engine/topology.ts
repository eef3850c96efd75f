/**
 * The compiled network: nodes, interfaces and segments indexed for the forwarding loop.
 * Compiling is linear in the network's size and cached per model object, so a trace costs
 * time in proportion to its hops, not to the size of the topology.
 */
import { cidrOf, formatCidr } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import type {
  InterfaceModel, NaclModel, NetworkModel, NodeModel, RouteModel, SecurityGroupModel, ServiceModel, SubnetModel,
} from "./model";
import { buildRouteTable, type RouteTable } from "./routing";

export interface RtInterface extends InterfaceModel {
  readonly node: RtNode;
  /** "home-router/wan0" */
  readonly qualified: string;
}

export interface RtNode {
  readonly id: string;
  readonly model: NodeModel;
  readonly interfaces: readonly RtInterface[];
  readonly byName: ReadonlyMap<string, RtInterface>;
  /** Addresses this node owns: packets to them are delivered here. */
  readonly localIps: ReadonlySet<number>;
  /** Connected plus static routes (hosts and routers). */
  readonly routes: RouteTable;
  readonly services: ReadonlyMap<number, ServiceModel>;
}

export interface RtSegment {
  readonly id: string;
  readonly label: string;
  readonly latencyMs: number;
  readonly members: readonly RtInterface[];
  readonly byIp: ReadonlyMap<number, RtInterface>;
  /** The node whose netfilter sees frames bridged between the segment's members (see NodeModel.bridgeNetfilter). */
  readonly netfilterBridge: RtNode | null;
}

export interface Topology {
  readonly nodes: ReadonlyMap<string, RtNode>;
  readonly segments: ReadonlyMap<string, RtSegment>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroupModel>;
  readonly nacls: ReadonlyMap<string, NaclModel>;
  readonly subnetBySegment: ReadonlyMap<string, SubnetModel>;
  /** Which node owns an address (first owner wins), for explanations and the mac-end-to-end world. */
  readonly ownerOfIp: ReadonlyMap<number, RtInterface>;
}

const cache = new WeakMap<NetworkModel, Topology>();

/** Compiles (once per model object) the indexes the forwarding loop needs. */
export function compileTopology(network: NetworkModel): Topology {
  const cached = cache.get(network);
  if (cached) return cached;
  const topology = build(network);
  cache.set(network, topology);
  return topology;
}

function connectedRoutes(interfaces: readonly InterfaceModel[]): RouteModel[] {
  const routes: RouteModel[] = [];
  for (const i of interfaces) {
    if (i.ip === null || i.prefix === 32) continue;
    const block = cidrOf(i.ip, i.prefix);
    routes.push({
      to: block, origin: "connected", target: { kind: "on-link", dev: i.name },
      text: `${formatCidr(block)} dev ${i.name} scope link src ${formatIpv4(i.ip)}`,
    });
  }
  return routes;
}

function build(network: NetworkModel): Topology {
  const nodes = new Map<string, RtNode>();
  const segMembers = new Map<string, RtInterface[]>();
  const ownerOfIp = new Map<number, RtInterface>();
  for (const model of network.nodes) {
    const interfaces: RtInterface[] = [];
    const byName = new Map<string, RtInterface>();
    const localIps = new Set<number>();
    const services = new Map<number, ServiceModel>();
    for (const s of model.services) services.set(s.port, s);
    const node: RtNode = {
      id: model.id, model, interfaces, byName, localIps, services,
      routes: buildRouteTable(`${model.id} main`, [...connectedRoutes(model.interfaces), ...model.routes]),
    };
    for (const i of model.interfaces) {
      const rt: RtInterface = { ...i, node, qualified: `${model.id}/${i.name}` };
      interfaces.push(rt);
      byName.set(i.name, rt);
      if (i.ip !== null) {
        localIps.add(i.ip);
        if (!ownerOfIp.has(i.ip)) ownerOfIp.set(i.ip, rt);
      }
      const list = segMembers.get(i.segment) ?? [];
      list.push(rt);
      segMembers.set(i.segment, list);
    }
    nodes.set(model.id, node);
  }
  const segments = new Map<string, RtSegment>();
  for (const s of network.segments) {
    const members = segMembers.get(s.id) ?? [];
    const byIp = new Map<number, RtInterface>();
    for (const m of members) if (m.ip !== null && !byIp.has(m.ip)) byIp.set(m.ip, m);
    const bridge = network.nodes.find((n) => n.bridgeNetfilter === s.id);
    segments.set(s.id, { id: s.id, label: s.label, latencyMs: s.latencyMs, members, byIp, netfilterBridge: bridge ? nodes.get(bridge.id)! : null });
  }
  const routeTables = new Map<string, RouteTable>();
  for (const t of network.routeTables) routeTables.set(t.id, buildRouteTable(t.id, t.routes));
  return {
    nodes, segments, routeTables, ownerOfIp,
    securityGroups: new Map(network.securityGroups.map((g) => [g.id, g])),
    nacls: new Map(network.nacls.map((n) => [n.id, n])),
    subnetBySegment: new Map(network.subnets.map((s) => [s.segment, s])),
  };
}
