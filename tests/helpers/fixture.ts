/**
 * Small topologies for focused engine tests, built as scenario objects and validated exactly as a
 * file in content/ is (YAML text -> strict schema -> seed-0 compile), plus helpers to run them and
 * to read the trace.
 *
 *   const t = trace(homeNetwork({ arp: "cold", natPorts: { policy: "sequential", first: 10001, last: 65535 } }));
 *   field(t, "visit", "tcp.syn@home-router", "src")   // "203.0.113.50:10002"
 *
 * Three builders, each with fixed, documented addresses so a test can state its expectations
 * literally (no variables: seed 0 and every other seed give the same addresses):
 *
 * - `homeNetwork()`: laptop -- home router (NAT) -- internet cloud -- web server, plus the DNS
 *   hierarchy (resolver 8.8.8.8, root, .com TLD, ns1.example.com) and a stranger on the internet.
 * - `awsVpc()`: a VPC with a public and a private subnet, a NAT gateway, an internet gateway,
 *   security groups and (optionally) network ACLs; a package mirror and a user on the internet.
 * - `loadBalancerSite()`: a client -- router -- load balancer (L7 `l7-proxy` on a host, or an L4
 *   `load-balancer` node) -- two backend web hosts.
 *
 * Flows are plain scenario flows (see docs/scenario-format.md); `browse`, `request`, `probe`,
 * `resolve`, `wait` and `flow` below build the common ones.
 */
import { stringify } from "yaml";
import type { z } from "zod";
import { loadScenarioText } from "@/lib/scenario/load";
import type { ScenarioFile, ScenarioSchema } from "@/lib/scenario/schema";
import { simulate } from "@/lib/simulate";
import type { WorldRules } from "@/lib/engine/rules";
import { eventField } from "@/lib/engine/fields";
import type { FlowTrace, Trace, TraceEvent } from "@/lib/engine/trace-types";

/** A scenario as written (defaults not yet applied): what the builders return. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type FlowInput = ScenarioInput["flows"][number];
export type StepInput = FlowInput["steps"][number];
type NodeInput = NonNullable<ScenarioInput["nodes"]>[number];
type VpcInput = NonNullable<ScenarioInput["vpcs"]>[number];
type SecurityGroupInput = NonNullable<VpcInput["securityGroups"]>[number];
type NaclInput = NonNullable<VpcInput["nacls"]>[number];

// ---------------------------------------------------------------------------------------------
// Flows and steps
// ---------------------------------------------------------------------------------------------

/** A flow with the given steps; `expect` defaults to DELIVERED (the engine does not read it). */
export function flow(id: string, from: string, steps: StepInput[], extra: Partial<FlowInput> = {}): FlowInput {
  return { id, title: id, from, steps, expect: { outcome: "DELIVERED" }, ...extra };
}

/** A browser visit (`browse:` step). */
export function browse(url: string, extra: Record<string, unknown> = {}): StepInput {
  return { browse: url, ...extra } as StepInput;
}

/** A connection to an address without DNS (`request:` step); plain HTTP/1.1 unless told. */
export function request(to: string, port: number, extra: { host?: string; path?: string; tls?: boolean; srcPort?: unknown; isn?: unknown; http?: "1.1" | "2"; headers?: Record<string, string> } = {}): StepInput {
  const { srcPort, isn, ...req } = extra;
  return {
    request: { to, port, host: req.host ?? to, path: req.path ?? "/", tls: req.tls ?? false, http: req.http ?? "1.1", ...(req.headers ? { headers: req.headers } : {}) },
    ...(srcPort !== undefined ? { srcPort } : {}), ...(isn !== undefined ? { isn } : {}),
  } as StepInput;
}

/** A TCP handshake and close (`probe:` step), optionally with a TTL like traceroute's. */
export function probe(to: string, port: number, extra: { ttl?: number; srcPort?: unknown } = {}): StepInput {
  return { probe: { to, port, ...(extra.ttl !== undefined ? { ttl: extra.ttl } : {}) }, ...(extra.srcPort !== undefined ? { srcPort: extra.srcPort } : {}) } as StepInput;
}

/** A DNS lookup only. */
export function resolve(name: string): StepInput {
  return { resolve: name } as StepInput;
}

/** Time passes. */
export function wait(seconds: number): StepInput {
  return { wait: seconds } as StepInput;
}

const base = (id: string, title: string) => ({
  id, title, summary: `Engine test fixture: ${title}.`, difficulty: "intermediate" as const, concepts: ["routing" as const], story: "A topology built by tests/helpers/fixture.ts.",
});

// ---------------------------------------------------------------------------------------------
// Home network
// ---------------------------------------------------------------------------------------------

export interface HomeNetworkOptions {
  /** The laptop's ARP cache at the start (default warm). The router is always warm. */
  arp?: "cold" | "warm";
  /** The home router's NAT port policy (default sequential 10001-65535). */
  natPorts?: { policy: "sequential" | "random" | "preserve" | "linux"; first: number; last: number; hint?: number };
  /** How many routers the internet cloud stands for (default 10). */
  internetHops?: number;
  /** Put a router (site-router, one hop) between the internet and the web server. */
  siteRouter?: boolean;
  /** The laptop's default gateway (default 192.168.1.1, the router). */
  gateway?: string;
  /** The home router's default route (default true). */
  routerDefaultRoute?: boolean;
  /** TTL of example.com's A record at ns1.example.com (default 300 s). */
  dnsTtl?: number;
  /** The laptop's resolv.conf search domains and ndots. */
  search?: string[];
  ndots?: number;
  /** The laptop's OS (default linux: TTL 64; windows starts at 128). */
  os?: "linux" | "windows" | "macos";
  /** Entries already in the laptop's browser and OS DNS caches. */
  caches?: { browser?: { name: string; address: string; ttl: number }[]; os?: { name: string; address: string; ttl: number }[] };
  /** A second client on the LAN: phone, 192.168.1.11. */
  phone?: boolean;
  /** The web server's ISN (default seeded). */
  serverIsn?: number;
  flows?: FlowInput[];
}

/**
 * The home network. Addresses:
 *
 * | node | interface | address | MAC |
 * |---|---|---|---|
 * | laptop | wlan0 on home-lan | 192.168.1.10/24, gw 192.168.1.1, nameserver 8.8.8.8 | AA:BB:CC:DD:EE:FF |
 * | phone (option) | wlan0 on home-lan | 192.168.1.11/24 | derived |
 * | home-router | lan0 on home-lan | 192.168.1.1/24 | 12:22:33:44:55:66 |
 * | home-router | wan0 on isp | 203.0.113.50/24, default via 203.0.113.1, SNAT to 203.0.113.50 | 02:00:00:00:00:50 |
 * | internet (hops N) | to-home on isp | 203.0.113.1/24 | 02:00:00:00:00:01 |
 * | resolver | 8.8.8.8/32 (recursive, root hint 198.41.0.4) | | |
 * | root | 198.41.0.4/32 (zone ".", com -> a.gtld-servers.net 192.5.6.30) | | |
 * | tld | 192.5.6.30/32 (zone com, example.com -> ns1.example.com 192.0.2.53) | | |
 * | ns1 | 192.0.2.53/32 (zone example.com: example.com and www A 198.51.100.10) | | |
 * | web | 198.51.100.10 (443 TLS h2, 80 plain; /32 on to-site, or /24 behind site-router) | | |
 * | site-router (option) | uplink 192.0.2.2/30 (internet side 192.0.2.1/30), lan 198.51.100.1/24 | | |
 * | stranger | 45.33.32.156/32 | | |
 */
export function homeNetwork(o: HomeNetworkOptions = {}): ScenarioInput {
  const hops = o.internetHops ?? 10;
  const nat = o.natPorts ?? { policy: "sequential", first: 10001, last: 65535 };
  const dnsTtl = o.dnsTtl ?? 300;
  const server = (id: string, address: string, extra: Partial<NodeInput>): NodeInput => ({
    id, kind: "host", interfaces: [{ name: "eth0", segment: `to-${id}`, address }], routes: [{ to: "0.0.0.0/0", dev: "eth0" }], ...extra,
  });
  const web: NodeInput = {
    id: "web", kind: "host",
    interfaces: [{ name: "eth0", segment: o.siteRouter ? "site-lan" : "to-site", address: o.siteRouter ? "198.51.100.10/24" : "198.51.100.10/32" }],
    ...(o.siteRouter ? { gateway: "198.51.100.1" } : { routes: [{ to: "0.0.0.0/0", dev: "eth0" }] }),
    services: [
      {
        kind: "web", port: 443, ...(o.serverIsn !== undefined ? { isn: o.serverIsn } : {}),
        tls: { versions: ["1.3"], alpn: ["h2", "http/1.1"], chain: [{ subject: "example.com", names: ["example.com", "www.example.com"], issuer: "R11" }, { subject: "R11", issuer: "ISRG Root X1" }] },
        routes: [{ path: "/", status: 200, headers: { "content-type": "text/html", "cache-control": "max-age=60" }, bodyBytes: 1000, body: "<!doctype html>" }],
      },
      { kind: "web", port: 80, ...(o.serverIsn !== undefined ? { isn: o.serverIsn } : {}), routes: [{ path: "/", status: 200, headers: { "content-type": "text/plain" }, bodyBytes: 100, body: "hello" }] },
    ],
  };
  const nodes: NodeInput[] = [
    {
      id: "laptop", kind: "host", arp: o.arp ?? "warm", ...(o.os ? { os: o.os } : {}), ...(o.caches ? { caches: o.caches } : {}),
      interfaces: [{ name: "wlan0", segment: "home-lan", address: "192.168.1.10/24", mac: "AA:BB:CC:DD:EE:FF" }],
      gateway: o.gateway ?? "192.168.1.1",
      dns: { servers: ["8.8.8.8"], ...(o.search ? { search: o.search } : {}), ...(o.ndots !== undefined ? { ndots: o.ndots } : {}) },
    },
    ...(o.phone ? [{ id: "phone", kind: "host" as const, interfaces: [{ name: "wlan0", segment: "home-lan", address: "192.168.1.11/24" }], gateway: "192.168.1.1", dns: { servers: ["8.8.8.8"] } }] : []),
    {
      id: "home-router", kind: "router",
      interfaces: [
        { name: "lan0", segment: "home-lan", address: "192.168.1.1/24", mac: "12:22:33:44:55:66" },
        { name: "wan0", segment: "isp", address: "203.0.113.50/24", mac: "02:00:00:00:00:50" },
      ],
      routes: o.routerDefaultRoute === false ? [] : [{ to: "0.0.0.0/0", via: "203.0.113.1" }],
      nat: [{ id: "masquerade", out: "wan0", to: "203.0.113.50", sources: ["192.168.1.0/24"], ports: nat }],
    },
    {
      id: "internet", kind: "internet", hops,
      interfaces: [
        { name: "to-home", segment: "isp", address: "203.0.113.1/24", mac: "02:00:00:00:00:01" },
        { name: "to-resolver", segment: "to-resolver" }, { name: "to-root", segment: "to-root" }, { name: "to-tld", segment: "to-tld" },
        { name: "to-ns1", segment: "to-ns1" }, { name: "to-stranger", segment: "to-stranger" },
        o.siteRouter ? { name: "to-site", segment: "site-uplink", address: "192.0.2.1/30" } : { name: "to-site", segment: "to-site" },
      ],
      routes: [
        { to: "8.8.8.8/32", dev: "to-resolver" }, { to: "198.41.0.4/32", dev: "to-root" }, { to: "192.5.6.30/32", dev: "to-tld" },
        { to: "192.0.2.53/32", dev: "to-ns1" }, { to: "45.33.32.0/24", dev: "to-stranger" },
        o.siteRouter ? { to: "198.51.100.0/24", via: "192.0.2.2" } : { to: "198.51.100.10/32", dev: "to-site" },
      ],
    },
    ...(o.siteRouter ? [{
      id: "site-router", kind: "router" as const,
      interfaces: [{ name: "uplink", segment: "site-uplink", address: "192.0.2.2/30" }, { name: "lan", segment: "site-lan", address: "198.51.100.1/24" }],
      routes: [{ to: "0.0.0.0/0", via: "192.0.2.1" }],
    }] : []),
    web,
    server("resolver", "8.8.8.8/32", { services: [{ kind: "dns-recursive", roots: [{ name: "a.root-servers.net", address: "198.41.0.4" }] }] }),
    server("root", "198.41.0.4/32", { services: [{ kind: "dns-authoritative", zone: ".", records: [
      { name: "com", type: "NS", ttl: 172800, data: "a.gtld-servers.net" }, { name: "a.gtld-servers.net", type: "A", ttl: 172800, data: "192.5.6.30" },
    ] }] }),
    server("tld", "192.5.6.30/32", { services: [{ kind: "dns-authoritative", zone: "com", records: [
      { name: "example.com", type: "NS", ttl: 172800, data: "ns1.example.com" }, { name: "ns1.example.com", type: "A", ttl: 172800, data: "192.0.2.53" },
    ] }] }),
    server("ns1", "192.0.2.53/32", { services: [{ kind: "dns-authoritative", zone: "example.com", records: [
      { name: "example.com", type: "A", ttl: dnsTtl, data: "198.51.100.10" }, { name: "www.example.com", type: "A", ttl: dnsTtl, data: "198.51.100.10" },
    ] }] }),
    server("stranger", "45.33.32.156/32", {}),
  ];
  const segments = [
    { id: "home-lan", latencyMs: 1 }, { id: "isp", latencyMs: 2 }, { id: "to-resolver", latencyMs: 3 }, { id: "to-root", latencyMs: 10 },
    { id: "to-tld", latencyMs: 10 }, { id: "to-ns1", latencyMs: 10 }, { id: "to-stranger", latencyMs: 5 },
    ...(o.siteRouter ? [{ id: "site-uplink", latencyMs: 2 }, { id: "site-lan", latencyMs: 0.5 }] : [{ id: "to-site", latencyMs: 4 }]),
  ];
  return {
    ...base("fixture-home-network", "home network"),
    segments, nodes,
    flows: o.flows ?? [flow("visit", "laptop", [browse("https://example.com/", { http: "2" })])],
  };
}

// ---------------------------------------------------------------------------------------------
// AWS VPC
// ---------------------------------------------------------------------------------------------

export interface AwsVpcOptions {
  /** Replace the default security groups. */
  securityGroups?: SecurityGroupInput[];
  /** Network ACLs for the subnets (default: none, so only security groups filter). */
  nacls?: { public?: Omit<NaclInput, "id">; private?: Omit<NaclInput, "id"> };
  flows?: FlowInput[];
}

/** The default security groups of `awsVpc()`. */
export const DEFAULT_SECURITY_GROUPS: SecurityGroupInput[] = [
  { id: "web-sg", description: "public web servers", inbound: [{ protocol: "tcp", ports: 80, source: "0.0.0.0/0" }] },
  { id: "ops-sg", description: "operators' hosts", inbound: [] },
  {
    id: "app-sg", description: "app servers",
    inbound: [{ protocol: "tcp", ports: 8080, source: "sg:web-sg" }, { protocol: "tcp", ports: 9000, source: "10.0.1.0/24" }],
  },
];

/**
 * An AWS VPC 10.0.0.0/16 (id `vpc`, so its router is `vpc-router`). Addresses:
 *
 * | node | subnet | address | security group |
 * |---|---|---|---|
 * | web | public-a 10.0.1.0/24 | 10.0.1.20, public IP 203.0.113.20 | web-sg (tcp 80 from anywhere; web service on 80) |
 * | ops | public-a | 10.0.1.30 | ops-sg (no inbound rules) |
 * | nat-gw (NAT gateway) | public-a | 10.0.1.100, EIP 203.0.113.7, first port 10001 | |
 * | app | private-a 10.0.2.0/24 | 10.0.2.50 | app-sg (tcp 8080 from sg:web-sg, tcp 9000 from 10.0.1.0/24; web services on both) |
 *
 * Route tables: public-rt (10.0.0.0/16 local, 0.0.0.0/0 igw), private-rt (10.0.0.0/16 local,
 * 0.0.0.0/0 nat-gw). The internet (5 hops) reaches `mirror` 91.189.88.152 (web on 80) and `user`
 * 198.51.100.77. Network ACL ids are `public-nacl` and `private-nacl`.
 */
export function awsVpc(o: AwsVpcOptions = {}): ScenarioInput {
  const nacls: NaclInput[] = [];
  if (o.nacls?.public) nacls.push({ id: "public-nacl", ...o.nacls.public });
  if (o.nacls?.private) nacls.push({ id: "private-nacl", ...o.nacls.private });
  const plainWeb = (port: number) => ({ kind: "web" as const, port, routes: [{ path: "/", status: 200, headers: { "content-type": "text/plain" }, bodyBytes: 10, body: "ok" }] });
  return {
    ...base("fixture-aws-vpc", "AWS VPC"),
    segments: [{ id: "aws-edge", latencyMs: 1 }, { id: "to-mirror", latencyMs: 20 }, { id: "to-user", latencyMs: 10 }],
    vpcs: [{
      id: "vpc", cidr: "10.0.0.0/16",
      subnets: [
        { id: "public-a", cidr: "10.0.1.0/24", routeTable: "public-rt", ...(o.nacls?.public ? { nacl: "public-nacl" } : {}) },
        { id: "private-a", cidr: "10.0.2.0/24", routeTable: "private-rt", ...(o.nacls?.private ? { nacl: "private-nacl" } : {}) },
      ],
      routeTables: [
        { id: "public-rt", routes: [{ to: "10.0.0.0/16", target: "local" }, { to: "0.0.0.0/0", target: "igw" }] },
        { id: "private-rt", routes: [{ to: "10.0.0.0/16", target: "local" }, { to: "0.0.0.0/0", target: "nat-gw" }] },
      ],
      internetGateway: { id: "igw", segment: "aws-edge" },
      natGateways: [{ id: "nat-gw", subnet: "public-a", address: "10.0.1.100", eip: "203.0.113.7", portHint: 10001 }],
      securityGroups: o.securityGroups ?? DEFAULT_SECURITY_GROUPS,
      nacls,
    }],
    nodes: [
      { id: "web", kind: "host", interfaces: [{ name: "eth0", subnet: "public-a", address: "10.0.1.20", publicIp: "203.0.113.20", securityGroups: ["web-sg"] }], services: [plainWeb(80)] },
      { id: "ops", kind: "host", interfaces: [{ name: "eth0", subnet: "public-a", address: "10.0.1.30", securityGroups: ["ops-sg"] }] },
      { id: "app", kind: "host", interfaces: [{ name: "eth0", subnet: "private-a", address: "10.0.2.50", securityGroups: ["app-sg"] }], services: [plainWeb(8080), plainWeb(9000)] },
      {
        id: "internet", kind: "internet", hops: 5,
        interfaces: [{ name: "to-aws", segment: "aws-edge" }, { name: "to-mirror", segment: "to-mirror" }, { name: "to-user", segment: "to-user" }],
        routes: [
          { to: "203.0.113.0/24", dev: "to-aws" }, { to: "91.189.88.152/32", dev: "to-mirror" }, { to: "198.51.100.77/32", dev: "to-user" },
        ],
      },
      { id: "mirror", kind: "host", interfaces: [{ name: "eth0", segment: "to-mirror", address: "91.189.88.152/32" }], routes: [{ to: "0.0.0.0/0", dev: "eth0" }], services: [plainWeb(80)] },
      { id: "user", kind: "host", interfaces: [{ name: "eth0", segment: "to-user", address: "198.51.100.77/32" }], routes: [{ to: "0.0.0.0/0", dev: "eth0" }] },
    ],
    flows: o.flows ?? [flow("update", "app", [request("91.189.88.152", 80, { srcPort: 54321 })])],
  };
}

// ---------------------------------------------------------------------------------------------
// Load balancer site
// ---------------------------------------------------------------------------------------------

export interface LoadBalancerOptions {
  /** 7: an `l7-proxy` service on the host `lb` (default); 4: a `load-balancer` node doing DNAT. */
  layer?: 4 | 7;
  /** L4 only: how the balancer picks (default seeded). */
  pick?: "seeded" | "first";
  flows?: FlowInput[];
}

/**
 * client 172.16.0.10 -- router (172.16.0.1 / 10.1.0.1) -- lb front 10.1.0.2 (VIP, port 80) --
 * lb back 10.2.0.1 -- app-1 10.2.0.21 and app-2 10.2.0.22 (web on 8080, gateway 10.2.0.1).
 * With layer 7 the balancer is a host that ends the client's connection and opens its own; with
 * layer 4 it is a router that DNATs 10.1.0.2:80 to a backend and translates the replies back.
 */
export function loadBalancerSite(o: LoadBalancerOptions = {}): ScenarioInput {
  const layer = o.layer ?? 7;
  const backend = (id: string, address: string): NodeInput => ({
    id, kind: "host", interfaces: [{ name: "eth0", segment: "back", address }], gateway: "10.2.0.1",
    services: [{ kind: "web", port: 8080, routes: [{ path: "/", status: 200, headers: { "content-type": "text/plain" }, bodyBytes: 20, body: `served by ${id}` }] }],
  });
  const backends = [{ node: "app-1", port: 8080 }, { node: "app-2", port: 8080 }];
  const lb: NodeInput = layer === 7
    ? {
      id: "lb", kind: "host",
      interfaces: [{ name: "front", segment: "front", address: "10.1.0.2/24" }, { name: "back", segment: "back", address: "10.2.0.1/24" }],
      gateway: "10.1.0.1", services: [{ kind: "l7-proxy", port: 80, backends }],
    }
    : {
      id: "lb", kind: "load-balancer",
      interfaces: [{ name: "front", segment: "front", address: "10.1.0.2/24" }, { name: "back", segment: "back", address: "10.2.0.1/24" }],
      routes: [{ to: "0.0.0.0/0", via: "10.1.0.1" }],
      balance: [{ id: "web-vip", vip: "10.1.0.2", port: 80, backends, pick: o.pick ?? "seeded", description: "VIP 10.1.0.2:80" }],
    };
  return {
    ...base(`fixture-l${layer}-load-balancer`, `L${layer} load balancer`),
    segments: [{ id: "clients", latencyMs: 1 }, { id: "front", latencyMs: 0.5 }, { id: "back", latencyMs: 0.25 }],
    nodes: [
      { id: "client", kind: "host", interfaces: [{ name: "eth0", segment: "clients", address: "172.16.0.10/24" }], gateway: "172.16.0.1" },
      {
        id: "router", kind: "router",
        interfaces: [{ name: "inside", segment: "clients", address: "172.16.0.1/24" }, { name: "dc", segment: "front", address: "10.1.0.1/24" }],
      },
      lb, backend("app-1", "10.2.0.21/24"), backend("app-2", "10.2.0.22/24"),
    ],
    flows: o.flows ?? [flow("call", "client", [request("10.1.0.2", 80, { host: "shop.example", srcPort: 40000 })])],
  };
}

// ---------------------------------------------------------------------------------------------
// Running and reading
// ---------------------------------------------------------------------------------------------

/** Validates a scenario (object or YAML text) exactly as a content file is; throws with the errors. */
export function load(scenario: ScenarioInput | ScenarioFile | string, name = "fixture.yaml"): ScenarioFile {
  const text = typeof scenario === "string" ? scenario : stringify(scenario);
  const r = loadScenarioText(text, name);
  if (!r.ok) throw new Error(`invalid fixture:\n${r.errors.map((e) => `  ${e.path}: ${e.message}`).join("\n")}`);
  return r.scenario;
}

/** Loads and simulates a scenario for a seed (default 0) in a world (default: the real one). */
export function trace(scenario: ScenarioInput | ScenarioFile | string, seed = 0, world?: WorldRules): Trace {
  return simulate(load(scenario), { seed, ...(world ? { world } : {}) });
}

/** One flow of a trace; throws naming the flows there are. */
export function flowOf(t: Trace, flowId: string): FlowTrace {
  const f = t.flows.find((x) => x.id === flowId);
  if (!f) throw new Error(`no flow "${flowId}" (flows: ${t.flows.map((x) => x.id).join(", ")})`);
  return f;
}

/** The event with this hop key in a flow; throws listing the keys there are. */
export function hop(t: Trace, flowId: string, key: string): TraceEvent {
  const f = flowOf(t, flowId);
  const e = f.events.find((x) => x.key === key);
  if (!e) throw new Error(`no event "${key}" in flow "${flowId}"; keys: ${f.events.map((x) => x.key).join(" ")}`);
  return e;
}

/** Whether a flow has an event with this key. */
export function hasKey(t: Trace, flowId: string, key: string): boolean {
  return flowOf(t, flowId).events.some((x) => x.key === key);
}

/**
 * A field of an event, by hop key and field name as checks and questions write them ("src",
 * "ip.ttl", "route.match", "http.header:cf-ray"...), or a dotted path into the event for anything
 * else ("entry.translated", "details.elapsedMs", "packet.icmp.about"). Null when absent.
 */
export function field(t: Trace, flowId: string, key: string, name: string): string | null {
  return eventField(hop(t, flowId, key), name);
}

/** The events of a flow, optionally only those of one type (typed accordingly). */
export function events<T extends TraceEvent["type"]>(t: Trace, flowId: string, type?: T): Extract<TraceEvent, { type: T }>[] {
  return flowOf(t, flowId).events.filter((e) => type === undefined || e.type === type) as Extract<TraceEvent, { type: T }>[];
}

/** The hop keys of a flow, in order (handy in failure messages and order assertions). */
export function keys(t: Trace, flowId: string): string[] {
  return flowOf(t, flowId).events.map((e) => e.key);
}

/** How a flow ended: `{ disposition, node, component }`. */
export function outcome(t: Trace, flowId: string): { disposition: string; node: string; component: string } {
  const { disposition, node, component } = flowOf(t, flowId).outcome;
  return { disposition, node, component };
}

/** The decisions of a packet event (hop, deliver or drop), or [] for other events. */
export function decisions(e: TraceEvent) {
  return "decisions" in e ? e.decisions : [];
}
