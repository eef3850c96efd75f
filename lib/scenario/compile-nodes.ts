/** Compiles the file's plain nodes (hosts, routers, the internet cloud, L4 load balancers). */
import { cidrOf, formatCidr } from "../net/cidr";
import { formatIpv4, type Ipv4 } from "../net/ipv4";
import { EPHEMERAL_PORTS } from "../net/ports";
import type { DnatRule, HostConfig, InterfaceModel, NodeKind, NodeModel, RouteModel, SnatRule } from "../engine/model";
import { DEFAULT_TRUST, type CompileContext } from "./compile-context";
import { compileService, dnsName } from "./compile-services";
import type { Path } from "./issues";
import type { ScenarioFile } from "./schema";

type NodeFile = ScenarioFile["nodes"][number];

const ROLE: Record<NodeFile["kind"], string> = { host: "host", router: "router", internet: "the internet", "load-balancer": "L4 load balancer" };

export function hostConfig(ctx: CompileContext, path: Path, n: Pick<NodeFile, "os" | "dns" | "caches" | "userAgent" | "trust"> & { readonly ttl?: number }, gateway: Ipv4 | null): HostConfig {
  const issues = ctx.issues;
  return {
    os: n.os, gateway, initialTtl: n.ttl ?? (n.os === "windows" ? 128 : 64), ephemeralPorts: EPHEMERAL_PORTS[n.os],
    dnsServers: (n.dns?.servers ?? []).map((s, i) => issues.ip([...path, "dns", "servers", i], s)),
    searchDomains: n.dns?.search ?? [], ndots: n.dns?.ndots ?? 1,
    osCache: (n.caches?.os ?? []).map((c, i) => ({ name: dnsName(c.name), ip: issues.ip([...path, "caches", "os", i, "address"], c.address), ttl: c.ttl })),
    browserCache: (n.caches?.browser ?? []).map((c, i) => ({ name: dnsName(c.name), ip: issues.ip([...path, "caches", "browser", i, "address"], c.address), ttl: c.ttl })),
    userAgent: n.userAgent ?? "Mozilla/5.0 Chrome/120.0", trustedRoots: n.trust ?? DEFAULT_TRUST,
  };
}

/** A default route through the gateway, as DHCP would install it. */
export function defaultRoute(gateway: Ipv4): RouteModel {
  return { to: { network: 0 as Ipv4, prefix: 0 }, origin: "static", target: { kind: "gateway", via: gateway, dev: null }, text: `default via ${formatIpv4(gateway)}` };
}

function interfaces(ctx: CompileContext, path: Path, n: NodeFile): InterfaceModel[] {
  const issues = ctx.issues;
  return n.interfaces.map((i, k) => {
    const at = [...path, "interfaces", k];
    const mac = issues.mac([...at, "mac"], i.mac, `${n.id}/${i.name}`);
    if (i.subnet !== undefined) {
      const subnet = ctx.vpcSubnets.get(i.subnet);
      if (!subnet) issues.add([...at, "subnet"], `unknown VPC subnet "${i.subnet}"`);
      const ip = issues.ip([...at, "address"], i.address);
      if (i.publicIp !== undefined) {
        const list = ctx.publicIps.get(subnet?.vpc ?? "") ?? [];
        list.push({ privateIp: ip, publicIp: issues.ip([...at, "publicIp"], i.publicIp), owner: n.id });
        ctx.publicIps.set(subnet?.vpc ?? "", list);
      }
      return { name: i.name, segment: i.subnet, ip, prefix: subnet?.cidr.prefix ?? 24, mac, securityGroups: i.securityGroups ?? [] };
    }
    if (i.segment === undefined) issues.add(at, "an interface needs a segment (or, in a VPC, a subnet)");
    if (i.publicIp !== undefined) issues.add([...at, "publicIp"], "publicIp is for VPC instances (interfaces with a subnet)");
    const addr = i.address === undefined ? null : issues.hostAddress([...at, "address"], i.address);
    return { name: i.name, segment: i.segment ?? "", ip: addr?.ip ?? null, prefix: addr?.prefix ?? 32, mac, securityGroups: i.securityGroups ?? [] };
  });
}

function staticRoutes(ctx: CompileContext, path: Path, n: NodeFile): RouteModel[] {
  return n.routes.map((r, k) => {
    const at = [...path, "routes", k];
    const to = ctx.issues.cidr([...at, "to"], r.to);
    const dest = formatCidr(to) === "0.0.0.0/0" ? "default" : formatCidr(to);
    if (r.via !== undefined) {
      const via = ctx.issues.ip([...at, "via"], r.via);
      return { to, origin: "static" as const, target: { kind: "gateway" as const, via, dev: r.dev ?? null }, text: `${dest} via ${formatIpv4(via)}${r.dev ? ` dev ${r.dev}` : ""}` };
    }
    if (r.dev === undefined) ctx.issues.add(at, "a route needs a gateway (via) or an interface (dev)");
    return { to, origin: "static" as const, target: { kind: "on-link" as const, dev: r.dev ?? "" }, text: `${dest} dev ${r.dev ?? "?"}` };
  });
}

function natRules(ctx: CompileContext, path: Path, n: NodeFile): SnatRule[] {
  return n.nat.map((r, k) => {
    const at = [...path, "nat", k];
    const hint = r.ports.hint === undefined ? null : ctx.issues.number([...at, "ports", "hint"], r.ports.hint, r.ports.first, r.ports.last);
    if (r.ports.last < r.ports.first) ctx.issues.add([...at, "ports"], "the last port is below the first");
    return {
      id: r.id ?? `nat-${k + 1}`, outInterface: r.out, toIp: ctx.issues.ip([...at, "to"], r.to),
      ports: r.ports.policy === "random" ? { kind: "random", first: r.ports.first, last: r.ports.last, hint } : { kind: r.ports.policy, first: r.ports.first, last: r.ports.last },
      sources: (r.sources ?? []).map((s, i) => ctx.issues.cidr([...at, "sources", i], s)),
    };
  });
}

function balanceRules(ctx: CompileContext, path: Path, n: NodeFile): DnatRule[] {
  return n.balance.map((b, k) => {
    const at = [...path, "balance", k];
    const targets = b.backends.map((be, i) => {
      const ip = ctx.addressOf.get(be.node);
      if (ip === undefined) ctx.issues.add([...at, "backends", i, "node"], `unknown node "${be.node}"`);
      return { ip: ip ?? (0 as Ipv4), port: be.port, label: be.node };
    });
    const firstPick = b.firstPick === undefined ? null : ctx.issues.number([...at, "firstPick"], b.firstPick, 0, targets.length - 1);
    return {
      id: b.id, protocol: b.protocol, ip: ctx.issues.ip([...at, "vip"], b.vip), port: b.port, targets, pick: b.pick, firstPick,
      description: b.description ?? `${n.id} virtual server ${b.vip}:${b.port}`, role: "load-balancer" as const,
    };
  });
}

/** Compiles one plain node. */
export function compileNode(ctx: CompileContext, index: number, n: NodeFile): NodeModel {
  const path: Path = ["nodes", index];
  const ifaces = interfaces(ctx, path, n);
  let gateway: Ipv4 | null = n.gateway === undefined ? null : ctx.issues.ip([...path, "gateway"], n.gateway);
  const subnetIface = n.interfaces.find((i) => i.subnet !== undefined);
  if (gateway === null && subnetIface) gateway = ctx.vpcSubnets.get(subnetIface.subnet!)?.gateway ?? null;
  const routes = staticRoutes(ctx, path, n);
  if (gateway !== null) routes.push(defaultRoute(gateway));
  const kind: NodeKind = n.kind;
  for (const [k, i] of ifaces.entries()) {
    if (i.segment && !ctx.segments.some((s) => s.id === i.segment)) ctx.issues.add([...path, "interfaces", k, "segment"], `unknown segment "${i.segment}"`);
  }
  if (kind === "host" && gateway !== null && !ifaces.some((i) => i.ip !== null && cidrOf(i.ip, i.prefix).network === cidrOf(gateway!, i.prefix).network)) {
    ctx.issues.add([...path, "gateway"], `the gateway ${formatIpv4(gateway)} is not on any of ${n.id}'s subnets`);
  }
  return {
    id: n.id, label: n.label ?? n.id, kind, zone: n.zone ?? null, interfaces: ifaces, routes, routeTablesBySegment: {},
    forwards: kind !== "host", ttlCost: kind === "internet" ? n.hops ?? 1 : kind === "host" ? 0 : 1,
    arpCold: n.arp === "cold", snat: natRules(ctx, path, n), dnat: balanceRules(ctx, path, n), staticNat: [], staticNatOutside: null,
    host: hostConfig(ctx, path, n, gateway), services: n.services.map((s, k) => compileService(ctx, [...path, "services", k], s)),
    publicOnly: kind === "internet", role: ROLE[n.kind], ...(n.icmpErrorSource ? { icmpErrorSource: n.icmpErrorSource } : {}),
  };
}
