/**
 * The engine's input: a concrete network and its flows, with every variable already substituted
 * and every address parsed to an integer. lib/scenario turns a YAML scenario and a seed into this.
 */
import type { Cidr } from "../net/cidr";
import type { Ipv4 } from "../net/ipv4";
import type { Mac } from "../net/mac";
import type { OperatingSystem, PortRange } from "../net/ports";
import type { Protocol } from "./trace-types";

export interface SegmentModel {
  readonly id: string;
  readonly label: string;
  /** One-way latency of a frame crossing this segment. */
  readonly latencyMs: number;
}

export interface InterfaceModel {
  readonly name: string;
  readonly segment: string;
  /** null for an unnumbered interface (e.g. the internet cloud's side of a link). */
  readonly ip: Ipv4 | null;
  readonly prefix: number;
  readonly mac: Mac;
  /** Security groups attached to this interface (cloud instances). */
  readonly securityGroups: readonly string[];
}

/** Where a route sends a packet. */
export type RouteTarget =
  | { readonly kind: "gateway"; readonly via: Ipv4; readonly dev: string | null }
  | { readonly kind: "on-link"; readonly dev: string }
  /** AWS: deliver inside the VPC on the subnet that holds the destination. */
  | { readonly kind: "local" }
  /** AWS: a named gateway, resolved to the node that implements it (igw-..., nat-...). */
  | { readonly kind: "node"; readonly node: string; readonly label: string };

export interface RouteModel {
  readonly to: Cidr;
  readonly target: RouteTarget;
  /** How the entry is shown in explanations, e.g. "0.0.0.0/0 via 203.0.113.1 dev wan0". */
  readonly text: string;
  readonly origin: "connected" | "static";
}

export interface RouteTableModel {
  readonly id: string;
  readonly routes: readonly RouteModel[];
}

/**
 * How a source NAT picks the public port. Which real devices each one models:
 * - `sequential`: counts up from `first` per public address (the source text's "from 10001"; simple
 *   embedded NATs and textbook PAT).
 * - `random`: a random free port per public address (AWS NAT gateway, many CGNATs without port blocks).
 * - `preserve`: keeps the client's port when no other connection holds it on the public address,
 *   else counts up from `first` (a typical consumer home router).
 * - `linux`: Linux MASQUERADE/SNAT (and so OpenWrt and most Linux-based routers): keeps the client's
 *   port when the translated connection (protocol, public address and port, destination address
 *   and port) is unique, else a random free port in the range. Ports are tracked per connection,
 *   so the same client port towards another destination keeps its number.
 */
export type PortPolicy =
  | { readonly kind: "sequential"; readonly first: number; readonly last: number }
  /** `hint` pins the first allocation (so variant 0 shows the source text's port); later ones are seeded. */
  | { readonly kind: "random"; readonly first: number; readonly last: number; readonly hint: number | null }
  | { readonly kind: "preserve"; readonly first: number; readonly last: number }
  | { readonly kind: "linux"; readonly first: number; readonly last: number };

/** Source NAT / PAT: rewrite the source of packets leaving through `outInterface`. */
export interface SnatRule {
  readonly id: string;
  readonly outInterface: string;
  readonly toIp: Ipv4;
  readonly ports: PortPolicy;
  /** Only translate sources inside these blocks (empty = any). */
  readonly sources: readonly Cidr[];
}

export interface DnatTarget {
  readonly ip: Ipv4;
  readonly port: number;
  readonly label: string;
}

/** Destination NAT: a virtual address:port (ClusterIP, VIP, port forward) mapped to real endpoints. */
export interface DnatRule {
  readonly id: string;
  readonly protocol: Protocol;
  readonly ip: Ipv4;
  readonly port: number;
  readonly targets: readonly DnatTarget[];
  /** seeded: kube-proxy's random choice; first: a static port forward. */
  readonly pick: "seeded" | "first";
  /** For seeded picks: the target index of the first connection (the variant's choice), or null to draw it. */
  readonly firstPick: number | null;
  readonly description: string;
  /** The role this rule plays, for explanations: kube-proxy, load balancer, port forward. */
  readonly role: "kube-proxy" | "load-balancer" | "port-forward";
}

/** A 1:1 mapping (internet gateway): private address <-> public address. */
export interface StaticNat {
  readonly privateIp: Ipv4;
  readonly publicIp: Ipv4;
  readonly owner: string;
}

export interface SecurityGroupRule {
  readonly protocol: Protocol | "all";
  readonly ports: PortRange;
  /** Either a CIDR or another security group's id. */
  readonly source: { readonly kind: "cidr"; readonly cidr: Cidr } | { readonly kind: "group"; readonly group: string };
  readonly text: string;
}

export interface SecurityGroupModel {
  readonly id: string;
  readonly inbound: readonly SecurityGroupRule[];
  readonly outbound: readonly SecurityGroupRule[];
}

export interface NaclRule {
  readonly number: number;
  readonly protocol: Protocol | "all";
  readonly ports: PortRange;
  readonly cidr: Cidr;
  readonly action: "allow" | "deny";
  readonly text: string;
}

export interface NaclModel {
  readonly id: string;
  readonly inbound: readonly NaclRule[];
  readonly outbound: readonly NaclRule[];
}

export interface DnsRecordModel {
  readonly name: string;
  readonly type: "A" | "NS";
  readonly ttl: number;
  readonly data: string;
}

export interface CacheEntryModel {
  readonly name: string;
  readonly ip: Ipv4;
  /** Seconds the entry is still valid for at the start of the scenario. */
  readonly ttl: number;
}

export interface CertificateModel {
  readonly subject: string;
  readonly names: readonly string[];
  readonly issuer: string;
}

export interface TlsConfig {
  readonly versions: readonly ("1.2" | "1.3")[];
  readonly chain: readonly CertificateModel[];
  readonly cipher: string;
  readonly alpn: readonly string[];
}

export interface HttpRoute {
  readonly path: string;
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly bodyBytes: number;
  readonly body: string;
}

export type ServiceModel =
  | { readonly kind: "web"; readonly port: number; readonly tls: TlsConfig | null; readonly routes: readonly HttpRoute[]; readonly serverIsn: IsnSpec }
  | { readonly kind: "dns-recursive"; readonly port: number; readonly rootServers: readonly { readonly name: string; readonly ip: Ipv4 }[]; readonly cache: readonly CacheEntryModel[] }
  | { readonly kind: "dns-authoritative"; readonly port: number; readonly zone: string; readonly records: readonly DnsRecordModel[] }
  | { readonly kind: "cluster-dns"; readonly port: number; readonly domain: string; readonly records: readonly DnsRecordModel[]; readonly ttl: number }
  | { readonly kind: "ssh"; readonly port: number; readonly allowJump: boolean; readonly serverIsn: IsnSpec }
  | CdnServiceModel
  | L7ProxyServiceModel;

export interface CdnServiceModel {
  readonly kind: "cdn-edge";
  readonly port: number;
  readonly pop: string;
  readonly tls: TlsConfig;
  readonly origin: { readonly host: string; readonly ip: Ipv4; readonly port: number; readonly tls: boolean };
  /** Client address blocks to country codes, for CF-IPCountry. */
  readonly geo: readonly { readonly cidr: Cidr; readonly country: string }[];
  readonly cache: readonly string[];
  readonly serverIsn: IsnSpec;
  readonly upstreamIsn: IsnSpec;
}

export interface L7ProxyServiceModel {
  readonly kind: "l7-proxy";
  readonly port: number;
  readonly tls: TlsConfig | null;
  readonly backends: readonly { readonly label: string; readonly ip: Ipv4; readonly port: number }[];
  readonly serverIsn: IsnSpec;
  readonly upstreamIsn: IsnSpec;
}

/** An initial sequence number: given by the scenario (known to the learner) or seeded (free). */
export type IsnSpec = { readonly kind: "fixed"; readonly value: number } | { readonly kind: "seeded" };

export interface HostConfig {
  readonly os: OperatingSystem;
  readonly gateway: Ipv4 | null;
  readonly initialTtl: number;
  readonly ephemeralPorts: PortRange;
  readonly dnsServers: readonly Ipv4[];
  readonly searchDomains: readonly string[];
  readonly ndots: number;
  readonly osCache: readonly CacheEntryModel[];
  readonly browserCache: readonly CacheEntryModel[];
  readonly userAgent: string;
  readonly trustedRoots: readonly string[];
}

export type NodeKind =
  | "host" | "router" | "internet" | "vpc-router" | "internet-gateway" | "nat-gateway" | "load-balancer" | "k8s-node";

export interface NodeModel {
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  readonly zone: string | null;
  readonly interfaces: readonly InterfaceModel[];
  /** Static routes; connected routes are derived from the interfaces. */
  readonly routes: readonly RouteModel[];
  /** AWS: route table per ingress segment (the subnet a packet comes from). */
  readonly routeTablesBySegment: Readonly<Record<string, string>>;
  readonly forwards: boolean;
  /** How much TTL a forwarded packet loses here (1 for a router, N for the internet cloud, 0 for the VPC router). */
  readonly ttlCost: number;
  /** ARP cache starts empty (cold) or knows every neighbour (warm). */
  readonly arpCold: boolean;
  readonly snat: readonly SnatRule[];
  readonly dnat: readonly DnatRule[];
  readonly staticNat: readonly StaticNat[];
  /** The interface facing the public side of the static mappings (an internet gateway's "internet"). */
  readonly staticNatOutside: string | null;
  /** Whether unsolicited inbound packets to a translated address are dropped as NO_NAT_MAPPING. */
  readonly host: HostConfig | null;
  readonly services: readonly ServiceModel[];
  /** Internet: drop destinations that are not routable on the public internet. */
  readonly publicOnly: boolean;
  /** Where the node's decisions are explained: "the home router", "kube-proxy on node-1"... */
  readonly role: string;
  /**
   * The source of the ICMP errors it sends: the address of the interface the error leaves by
   * ("outgoing", Linux's default, when absent) or of the one the offending packet came in by
   * ("incoming", net.ipv4.icmp_errors_use_inbound_ifaddr=1).
   */
  readonly icmpErrorSource?: "outgoing" | "incoming";
  /**
   * The segment of a bridge this node runs (a Kubernetes node's pod bridge cni0) whose bridged
   * frames pass its iptables and conntrack: br_netfilter with net.bridge.bridge-nf-call-iptables=1,
   * which kube-proxy's iptables mode needs. A reply bridged from one pod to another on the node is
   * then translated back like a routed one. Absent: a plain bridge, which bypasses netfilter.
   */
  readonly bridgeNetfilter?: string;
}

export interface SubnetModel {
  readonly id: string;
  readonly cidr: Cidr;
  readonly segment: string;
  readonly nacl: string | null;
  readonly routeTable: string;
}

export interface NetworkModel {
  readonly segments: readonly SegmentModel[];
  readonly nodes: readonly NodeModel[];
  readonly routeTables: readonly RouteTableModel[];
  readonly securityGroups: readonly SecurityGroupModel[];
  readonly nacls: readonly NaclModel[];
  readonly subnets: readonly SubnetModel[];
}

/** A client source port: given by the scenario, or ephemeral (the variant's value, or drawn when `hint` is null). */
export type PortSpec = { readonly kind: "fixed"; readonly value: number } | { readonly kind: "ephemeral"; readonly hint: number | null };

export type StepModel =
  | { readonly kind: "browse"; readonly id: string; readonly url: string; readonly agent: "browser" | "library"; readonly headers: readonly (readonly [string, string])[]; readonly srcPort: PortSpec; readonly dnsPort: PortSpec; readonly isn: IsnSpec; readonly httpVersion: "1.1" | "2" }
  | { readonly kind: "resolve"; readonly id: string; readonly name: string; readonly srcPort: PortSpec }
  | { readonly kind: "request"; readonly id: string; readonly to: Ipv4; readonly port: number; readonly host: string; readonly path: string; readonly tls: boolean; readonly headers: readonly (readonly [string, string])[]; readonly srcPort: PortSpec; readonly isn: IsnSpec; readonly httpVersion: "1.1" | "2"; readonly keepOpen: boolean }
  | { readonly kind: "ssh"; readonly id: string; readonly jump: { readonly ip: Ipv4; readonly user: string } | null; readonly to: Ipv4; readonly user: string; readonly srcPort: PortSpec; readonly jumpSrcPort: PortSpec; readonly isn: IsnSpec }
  | { readonly kind: "probe"; readonly id: string; readonly protocol: "TCP" | "UDP"; readonly to: Ipv4; readonly port: number; readonly srcPort: PortSpec; readonly ttl: number | null; readonly isn: IsnSpec; readonly keepOpen: boolean }
  | { readonly kind: "wait"; readonly id: string; readonly seconds: number };

export interface FlowModel {
  readonly id: string;
  readonly title: string;
  readonly from: string;
  readonly steps: readonly StepModel[];
  /** Start from the scenario's initial state instead of where the previous flow left it. */
  readonly fresh: boolean;
  /** The initial TTL of every packet the flow's client sends (a probe's own TTL still wins); null: the node's. */
  readonly ttl: number | null;
  /** Seconds that pass before the flow starts, after the previous one ended (entries age and may expire). */
  readonly afterS: number;
}

export interface SimulationInput {
  readonly scenarioId: string;
  readonly network: NetworkModel;
  readonly flows: readonly FlowModel[];
  readonly variables: Readonly<Record<string, string>>;
}
