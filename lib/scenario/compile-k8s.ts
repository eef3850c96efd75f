/**
 * Expands a Kubernetes cluster: each node becomes a router with a pod bridge (cni0) and routes to
 * the other nodes' pod CIDRs (host-gateway style CNI) plus kube-proxy's DNAT rules for every
 * Service; each pod becomes a host whose resolv.conf points at the cluster DNS Service with the
 * usual search domains and ndots:5; CoreDNS pods answer for every Service.
 */
import { addToIpv4, formatIpv4, type Ipv4 } from "../net/ipv4";
import { contains, formatCidr } from "../net/cidr";
import { derivedMac } from "../net/mac";
import type { DnatRule, DnsRecordModel, NodeModel, RouteModel } from "../engine/model";
import type { CompileContext } from "./compile-context";
import { compileService } from "./compile-services";
import { defaultRoute, hostConfig } from "./compile-nodes";
import type { Path } from "./issues";
import type { ScenarioFile } from "./schema";

type ClusterFile = ScenarioFile["clusters"][number];

const LINUX = { os: "linux" as const, dns: undefined, caches: undefined, userAgent: undefined, trust: undefined };

function matches(labels: Record<string, string>, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function compileCluster(ctx: CompileContext, index: number, c: ClusterFile): NodeModel[] {
  const issues = ctx.issues;
  const base: Path = ["clusters", index];
  if (!ctx.segments.some((s) => s.id === c.nodeSegment)) issues.add([...base, "nodeSegment"], `unknown segment "${c.nodeSegment}"`);
  const nodeInfo = c.nodes.map((n, k) => {
    const hostAddr = issues.hostAddress([...base, "nodes", k, "address"], n.address);
    const podCidr = issues.cidr([...base, "nodes", k, "podCidr"], n.podCidr);
    return { file: n, hostAddr, podCidr, bridge: `${n.id}-cni0`, bridgeIp: addToIpv4(podCidr.network, 1) };
  });
  const services = c.services.map((s, k) => {
    const at = [...base, "services", k];
    const clusterIp = issues.ip([...at, "clusterIp"], s.clusterIp);
    const endpoints = c.pods.filter((p) => p.namespace === s.namespace && matches(p.labels, s.selector));
    const targets = endpoints.map((p, i) => ({ ip: issues.ip([...at, "endpoints", i], p.address), port: s.targetPort, label: p.id }));
    const firstPick = s.firstPick === undefined ? null : issues.number([...at, "firstPick"], s.firstPick, 0, Math.max(0, targets.length - 1));
    const fqdn = `${s.name}.${s.namespace}.svc.${c.domain}`;
    const rule: DnatRule = {
      id: `svc-${s.namespace}-${s.name}`, protocol: s.protocol, ip: clusterIp, port: s.port, targets, pick: "seeded", firstPick,
      description: `Service ${s.namespace}/${s.name} (${s.clusterIp}:${s.port})`, role: "kube-proxy",
    };
    return { file: s, fqdn, clusterIp, rule };
  });
  const records: DnsRecordModel[] = services.map((s) => ({ name: s.fqdn, type: "A", ttl: c.dnsTtl, data: formatIpv4(s.clusterIp) }));
  const dnsService = services.find((s) => s.file.name === c.dnsService);
  if (!dnsService && c.pods.some((p) => !p.clusterDns)) issues.add([...base, "dnsService"], `no Service named "${c.dnsService}" for the pods' nameserver`);
  const nodes: NodeModel[] = [];
  const common = { routeTablesBySegment: {}, arpCold: false, snat: [], staticNat: [], staticNatOutside: null, publicOnly: false };
  for (const [k, n] of nodeInfo.entries()) {
    ctx.segments.push({ id: n.bridge, label: `${n.file.id} pod bridge cni0 (${formatCidr(n.podCidr)})`, latencyMs: 0.01 });
    const routes: RouteModel[] = nodeInfo.filter((o) => o !== n).map((o) => ({
      to: o.podCidr, origin: "static" as const, target: { kind: "gateway" as const, via: o.hostAddr.ip, dev: "eth0" },
      text: `${formatCidr(o.podCidr)} via ${formatIpv4(o.hostAddr.ip)} dev eth0 (pods on ${o.file.id})`,
    }));
    nodes.push({
      ...common, id: n.file.id, label: `Node ${n.file.id}`, kind: "k8s-node", zone: n.file.zone ?? c.zone ?? null,
      interfaces: [
        { name: "eth0", segment: c.nodeSegment, ip: n.hostAddr.ip, prefix: n.hostAddr.prefix, mac: derivedMac(`${n.file.id}/eth0`), securityGroups: [] },
        { name: "cni0", segment: n.bridge, ip: n.bridgeIp, prefix: n.podCidr.prefix, mac: derivedMac(`${n.file.id}/cni0`), securityGroups: [] },
      ],
      routes, dnat: services.map((s) => s.rule), forwards: true, ttlCost: 1,
      host: hostConfig(ctx, [...base, "nodes", k], LINUX, null), services: [], role: `Kubernetes node (kube-proxy in iptables mode)`,
      ...(n.file.bridgeNetfilter ? { bridgeNetfilter: n.bridge } : {}),
    });
  }
  for (const [k, p] of c.pods.entries()) {
    const at = [...base, "pods", k];
    const node = nodeInfo.find((n) => n.file.id === p.node);
    if (!node) {
      issues.add([...at, "node"], `unknown cluster node "${p.node}"`);
      continue;
    }
    const ip = issues.ip([...at, "address"], p.address);
    if (!contains(node.podCidr, ip)) issues.add([...at, "address"], `${p.address} is not in ${p.node}'s pod CIDR ${formatCidr(node.podCidr)}`);
    const search = [`${p.namespace}.svc.${c.domain}`, `svc.${c.domain}`, c.domain];
    const dnsServers = dnsService ? [formatIpv4(dnsService.clusterIp)] : [];
    const own = p.services.map((s, i) => compileService(ctx, [...at, "services", i], s));
    const dns = p.clusterDns ? [{ kind: "cluster-dns" as const, port: 53, domain: c.domain, records, ttl: c.dnsTtl }] : [];
    nodes.push({
      ...common, id: p.id, label: `Pod ${p.id}`, kind: "host", zone: node.file.zone ?? c.zone ?? null,
      interfaces: [{ name: "eth0", segment: node.bridge, ip: ip as Ipv4, prefix: node.podCidr.prefix, mac: derivedMac(`${p.id}/eth0`), securityGroups: [] }],
      routes: [defaultRoute(node.bridgeIp)], dnat: [], forwards: false, ttlCost: 0,
      host: hostConfig(ctx, at, { ...LINUX, dns: { servers: dnsServers, search, ndots: 5 } }, node.bridgeIp),
      services: [...own, ...dns], role: `pod on ${p.node}`,
    });
  }
  return nodes;
}
