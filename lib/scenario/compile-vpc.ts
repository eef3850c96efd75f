/**
 * Expands an AWS VPC into what the engine forwards through: one link per subnet, the VPC's
 * implicit router (one interface per subnet at the .1 address, per-subnet route tables, NACLs at
 * subnet boundaries), the internet gateway (1:1 public <-> private mappings) and NAT gateways.
 */
import { addToIpv4, formatIpv4, type Ipv4 } from "../net/ipv4";
import { contains, formatCidr, type Cidr } from "../net/cidr";
import { derivedMac } from "../net/mac";
import type { NaclRule, NodeModel, RouteModel, SecurityGroupRule } from "../engine/model";
import type { Protocol } from "../engine/trace-types";
import type { CompileContext } from "./compile-context";
import { defaultRoute, hostConfig } from "./compile-nodes";
import type { Path } from "./issues";
import type { ScenarioFile } from "./schema";

type VpcFile = ScenarioFile["vpcs"][number];
type RuleFile = { protocol: "tcp" | "udp" | "icmp" | "all"; ports?: unknown };

function protocolOf(p: RuleFile["protocol"]): Protocol | "all" {
  return p === "all" ? "all" : (p.toUpperCase() as Protocol);
}

function portRange(ctx: CompileContext, path: Path, r: RuleFile): { min: number; max: number } {
  if (r.ports === undefined || r.protocol === "all") return { min: 0, max: 65535 };
  if (Array.isArray(r.ports)) return { min: Number(r.ports[0]), max: Number(r.ports[1]) };
  const p = ctx.issues.number(path, r.ports, 0, 65535);
  return { min: p, max: p };
}

function describePorts(r: { min: number; max: number }): string {
  return r.min === 0 && r.max === 65535 ? "all ports" : r.min === r.max ? `port ${r.min}` : `ports ${r.min}-${r.max}`;
}

function vpcRouterId(vpc: VpcFile): string {
  return `${vpc.id}-router`;
}

/** Subnets, route tables, security groups and NACLs: everything instances refer to. */
export function registerVpc(ctx: CompileContext, index: number, vpc: VpcFile): void {
  const issues = ctx.issues;
  const base: Path = ["vpcs", index];
  const vpcCidr = issues.cidr([...base, "cidr"], vpc.cidr);
  const gatewayIds = new Set([vpc.internetGateway?.id, ...vpc.natGateways.map((n) => n.id)].filter((x): x is string => x !== undefined));
  for (const [k, t] of vpc.routeTables.entries()) {
    const routes: RouteModel[] = t.routes.map((r, i) => {
      const at = [...base, "routeTables", k, "routes", i];
      const to = issues.cidr([...at, "to"], r.to);
      if (r.target === "local") return { to, origin: "static" as const, target: { kind: "local" as const }, text: `${formatCidr(to)} -> local` };
      if (!gatewayIds.has(r.target)) issues.add([...at, "target"], `unknown target "${r.target}": use local or the id of this VPC's internet or NAT gateway`);
      return { to, origin: "static" as const, target: { kind: "node" as const, node: r.target, label: r.target }, text: `${formatCidr(to)} -> ${r.target}` };
    });
    ctx.routeTables.push({ id: t.id, routes });
  }
  const tableIds = new Set(vpc.routeTables.map((t) => t.id));
  const naclIds = new Set(vpc.nacls.map((n) => n.id));
  for (const [k, s] of vpc.subnets.entries()) {
    const at = [...base, "subnets", k];
    const cidr = issues.cidr([...at, "cidr"], s.cidr);
    if (!contains(vpcCidr, cidr.network)) issues.add([...at, "cidr"], `${formatCidr(cidr)} is not inside the VPC's ${formatCidr(vpcCidr)}`);
    if (!tableIds.has(s.routeTable)) issues.add([...at, "routeTable"], `unknown route table "${s.routeTable}"`);
    if (s.nacl !== undefined && !naclIds.has(s.nacl)) issues.add([...at, "nacl"], `unknown network ACL "${s.nacl}"`);
    ctx.segments.push({ id: s.id, label: s.label ?? `${s.id} (${formatCidr(cidr)})`, latencyMs: 0.1 });
    ctx.vpcSubnets.set(s.id, { vpc: vpc.id, cidr, gateway: addToIpv4(cidr.network, 1) });
    ctx.subnets.push({ id: s.id, cidr, segment: s.id, nacl: s.nacl ?? null, routeTable: s.routeTable });
  }
  for (const [k, g] of vpc.securityGroups.entries()) {
    const at = [...base, "securityGroups", k];
    const rule = (dir: "inbound" | "outbound", r: RuleFile & { source?: string; destination?: string }, i: number): SecurityGroupRule => {
      const peer = (dir === "inbound" ? r.source : r.destination) ?? "0.0.0.0/0";
      const ports = portRange(ctx, [...at, dir, i, "ports"], r);
      const proto = protocolOf(r.protocol);
      const text = `${proto === "all" ? "all traffic" : `${proto} ${describePorts(ports)}`} ${dir === "inbound" ? "from" : "to"} ${peer}`;
      if (peer.startsWith("sg:")) {
        const group = peer.slice(3);
        if (!vpc.securityGroups.some((x) => x.id === group)) issues.add([...at, dir, i], `unknown security group "${group}"`);
        return { protocol: proto, ports, source: { kind: "group", group }, text };
      }
      return { protocol: proto, ports, source: { kind: "cidr", cidr: issues.cidr([...at, dir, i, dir === "inbound" ? "source" : "destination"], peer) }, text };
    };
    ctx.securityGroups.push({ id: g.id, inbound: g.inbound.map((r, i) => rule("inbound", r, i)), outbound: g.outbound.map((r, i) => rule("outbound", r, i)) });
  }
  for (const [k, n] of vpc.nacls.entries()) {
    const rules = (dir: "inbound" | "outbound"): NaclRule[] => n[dir].map((r, i) => {
      const ports = portRange(ctx, [...base, "nacls", k, dir, i, "ports"], r);
      const cidr = issues.cidr([...base, "nacls", k, dir, i, "cidr"], r.cidr);
      const proto = protocolOf(r.protocol);
      return { number: r.rule, protocol: proto, ports, cidr, action: r.action, text: `${r.action.toUpperCase()} ${proto === "all" ? "all" : proto} ${describePorts(ports)} ${dir === "inbound" ? "from" : "to"} ${formatCidr(cidr)}` };
    });
    ctx.nacls.push({ id: n.id, inbound: rules("inbound"), outbound: rules("outbound") });
  }
}

const AWS_RESERVED = ["the network address", "the VPC router", "the Amazon DNS server", "reserved by AWS for future use"];

/** Flags instance addresses AWS reserves in every subnet (.0-.3 and the last). */
export function checkReservedAddress(ctx: CompileContext, path: Path, subnet: Cidr, ip: Ipv4): void {
  const offset = ip - subnet.network;
  const size = 2 ** (32 - subnet.prefix);
  if (offset >= 0 && offset <= 3) ctx.issues.add(path, `${formatIpv4(ip)} is ${AWS_RESERVED[offset]} in ${formatCidr(subnet)}: AWS reserves the first four addresses of every subnet`);
  if (offset === size - 1) ctx.issues.add(path, `${formatIpv4(ip)} is the last address of ${formatCidr(subnet)}, which AWS reserves`);
}

/** The VPC router, internet gateway and NAT gateways, once instances have declared their public IPs. */
export function compileVpcNodes(ctx: CompileContext, index: number, vpc: VpcFile): NodeModel[] {
  const issues = ctx.issues;
  const base: Path = ["vpcs", index];
  const vpcCidr = issues.cidr([...base, "cidr"], vpc.cidr);
  const routerId = vpcRouterId(vpc);
  const igwLink = vpc.internetGateway ? `${vpc.internetGateway.id}-attachment` : null;
  const edgeTable = `${vpc.id}-edge`;
  ctx.routeTables.push({ id: edgeTable, routes: [{ to: vpcCidr, origin: "static", target: { kind: "local" }, text: `${formatCidr(vpcCidr)} -> local` }] });
  const byPath = Object.fromEntries(vpc.subnets.map((s) => [s.id, s.routeTable]));
  const routerIfaces = vpc.subnets.map((s) => {
    const info = ctx.vpcSubnets.get(s.id)!;
    return { name: s.id, segment: s.id, ip: info.gateway, prefix: info.cidr.prefix, mac: derivedMac(`${routerId}/${s.id}`), securityGroups: [] };
  });
  const osDefaults = { os: "linux" as const, dns: undefined, caches: undefined, userAgent: undefined, trust: undefined };
  const nodes: NodeModel[] = [];
  const common = { routes: [], routeTablesBySegment: {}, arpCold: false, snat: [], dnat: [], staticNat: [], staticNatOutside: null, services: [], publicOnly: false, zone: vpc.zone ?? null };
  if (igwLink) {
    ctx.segments.push({ id: igwLink, label: `${vpc.internetGateway!.id} attachment`, latencyMs: 0 });
    routerIfaces.push({ name: "igw", segment: igwLink, ip: null as unknown as Ipv4, prefix: 32, mac: derivedMac(`${routerId}/igw`), securityGroups: [] });
    byPath[igwLink] = edgeTable;
  }
  nodes.push({
    ...common, id: routerId, label: `${vpc.label ?? vpc.id} router`, kind: "vpc-router", interfaces: routerIfaces, routeTablesBySegment: byPath,
    forwards: true, ttlCost: 0, host: hostConfig(ctx, base, osDefaults, null), role: "the VPC's implicit router",
  });
  const natEips = vpc.natGateways.map((n, k) => ({ privateIp: issues.ip([...base, "natGateways", k, "address"], n.address), publicIp: issues.ip([...base, "natGateways", k, "eip"], n.eip), owner: n.id }));
  if (vpc.internetGateway && igwLink) {
    const igw = vpc.internetGateway;
    if (!ctx.segments.some((s) => s.id === igw.segment)) issues.add([...base, "internetGateway", "segment"], `unknown segment "${igw.segment}"`);
    nodes.push({
      ...common, id: igw.id, label: `Internet gateway ${igw.id}`, kind: "internet-gateway",
      interfaces: [
        { name: "vpc", segment: igwLink, ip: null, prefix: 32, mac: derivedMac(`${igw.id}/vpc`), securityGroups: [] },
        { name: "internet", segment: igw.segment, ip: null, prefix: 32, mac: derivedMac(`${igw.id}/internet`), securityGroups: [] },
      ],
      routes: [
        { to: vpcCidr, origin: "static", target: { kind: "node", node: routerId, label: routerId }, text: `${formatCidr(vpcCidr)} -> ${routerId}` },
        { to: { network: 0 as Ipv4, prefix: 0 }, origin: "static", target: { kind: "on-link", dev: "internet" }, text: "default dev internet" },
      ],
      staticNat: [...(ctx.publicIps.get(vpc.id) ?? []), ...natEips], staticNatOutside: "internet",
      forwards: true, ttlCost: 0, host: hostConfig(ctx, base, osDefaults, null), role: "internet gateway",
    });
  } else if ((ctx.publicIps.get(vpc.id) ?? []).length > 0) {
    issues.add(base, "instances have public IPs but the VPC has no internet gateway");
  }
  for (const [k, n] of vpc.natGateways.entries()) {
    const at = [...base, "natGateways", k];
    const info = ctx.vpcSubnets.get(n.subnet);
    if (!info) {
      issues.add([...at, "subnet"], `unknown subnet "${n.subnet}"`);
      continue;
    }
    const ip = natEips[k]!.privateIp;
    checkReservedAddress(ctx, [...at, "address"], info.cidr, ip);
    const hint = n.portHint === undefined ? null : issues.number([...at, "portHint"], n.portHint, 1024, 65535);
    nodes.push({
      ...common, id: n.id, label: `NAT gateway ${n.id}`, kind: "nat-gateway",
      interfaces: [{ name: "eni", segment: n.subnet, ip, prefix: info.cidr.prefix, mac: derivedMac(`${n.id}/eni`), securityGroups: [] }],
      routes: [defaultRoute(info.gateway)],
      snat: [{ id: `${n.id}-snat`, outInterface: "eni", toIp: ip, ports: { kind: "random", first: 1024, last: 65535, hint }, sources: [vpcCidr] }],
      forwards: true, ttlCost: 1, host: hostConfig(ctx, at, osDefaults, info.gateway), role: "NAT gateway",
    });
  }
  return nodes;
}
