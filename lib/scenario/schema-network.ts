/**
 * The scenario file's topology part: zones, links, nodes and their services, and the two
 * composites that expand into many nodes (an AWS VPC, a Kubernetes cluster). Strict: an unknown
 * key is an error, so a typo never silently does nothing.
 */
import { z } from "zod";

/** A string that may contain `${variable}` expressions, checked for its real format after substitution. */
export const Text = z.string().min(1).max(4_000);
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case letters, digits and dashes").max(64);
/** A number, or a `${...}` expression that becomes one. */
export const NumberOrExpr = z.union([z.number(), z.string().regex(/^\$\{[^}]+\}$/, "a number or a ${variable} expression")]);

export const ZoneSchema = z.object({
  id: Id,
  label: Text,
  kind: z.enum(["lan", "site", "internet", "region", "vpc", "subnet", "cluster", "node", "pop"]).describe("how the diagram draws the zone"),
  parent: Id.optional(),
}).strict();

export const SegmentSchema = z.object({
  id: Id,
  label: Text.optional(),
  latencyMs: z.number().min(0).max(10_000).default(0.5).describe("one-way latency of a frame crossing this link"),
  zone: Id.optional(),
}).strict();

const InterfaceSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9.-]*$/).max(32),
  segment: Id.optional().describe("the link this interface is on"),
  subnet: Id.optional().describe("(VPC instances) the subnet this interface is in"),
  address: Text.optional().describe("address/prefix, e.g. 192.168.1.10/24 (VPC subnets: the address alone)"),
  mac: z.string().optional(),
  securityGroups: z.array(Id).optional(),
  publicIp: Text.optional().describe("(VPC instances) public or Elastic IP mapped by the internet gateway"),
}).strict();

const RouteSchema = z.object({
  to: Text.describe("destination CIDR"),
  via: Text.optional().describe("gateway address"),
  dev: z.string().optional().describe("egress interface"),
}).strict();

const PortRangeSchema = z.union([NumberOrExpr, z.tuple([z.number().int(), z.number().int()])]);

const NatSchema = z.object({
  id: Id.optional(),
  out: z.string().describe("interface whose outgoing packets are translated"),
  to: Text.describe("address written as the new source"),
  ports: z.object({
    policy: z.enum(["sequential", "random", "preserve", "linux"]).describe("linux: keep the port when the connection stays unique, else a random free one (Linux MASQUERADE)"),
    first: z.number().int().min(1).max(65535),
    last: z.number().int().min(1).max(65535),
    hint: NumberOrExpr.optional().describe("random policy: the first port handed out (the variant's value)"),
  }).strict(),
  sources: z.array(Text).optional().describe("only translate these source blocks"),
}).strict();

const BackendSchema = z.object({ node: Id, port: z.number().int().min(1).max(65535) }).strict();

const BalanceSchema = z.object({
  id: Id,
  protocol: z.enum(["TCP", "UDP"]).default("TCP"),
  vip: Text,
  port: z.number().int().min(1).max(65535),
  backends: z.array(BackendSchema).min(1),
  pick: z.enum(["seeded", "first"]).default("seeded"),
  firstPick: NumberOrExpr.optional(),
  description: Text.optional(),
}).strict();

const CertificateSchema = z.object({ subject: Text, names: z.array(Text).default([]), issuer: Text }).strict();
export const TlsSchema = z.object({
  versions: z.array(z.enum(["1.2", "1.3"])).default(["1.3"]),
  cipher: Text.default("TLS_AES_128_GCM_SHA256"),
  alpn: z.array(z.string()).default(["h2", "http/1.1"]),
  chain: z.array(CertificateSchema).min(1),
}).strict();

const HeadersSchema = z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string());
const IsnSchema = z.union([z.number().int().min(0).max(4294967295), z.literal("seeded"), z.string().regex(/^\$\{[^}]+\}$/)]);

const HttpRouteSchema = z.object({
  path: z.string().min(1),
  status: z.number().int().min(100).max(599).default(200),
  headers: HeadersSchema.default({}),
  bodyBytes: z.number().int().min(0).default(0),
  body: z.string().default(""),
}).strict();

const DnsRecordSchema = z.object({
  name: z.string().min(1),
  type: z.enum(["A", "NS"]),
  ttl: z.number().int().min(0).default(300),
  data: Text,
}).strict();

const ServiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("web"), port: z.number().int().min(1).max(65535), tls: TlsSchema.optional(), isn: IsnSchema.default("seeded"), routes: z.array(HttpRouteSchema).min(1) }).strict(),
  z.object({
    kind: z.literal("dns-recursive"), port: z.number().int().default(53),
    roots: z.array(z.object({ name: Text, address: Text }).strict()).min(1),
    cache: z.array(z.object({ name: Text, address: Text, ttl: z.number().int().min(0) }).strict()).default([]),
  }).strict(),
  z.object({ kind: z.literal("dns-authoritative"), port: z.number().int().default(53), zone: z.string().min(1), records: z.array(DnsRecordSchema) }).strict(),
  z.object({ kind: z.literal("ssh"), port: z.number().int().default(22), allowJump: z.boolean().default(false), isn: IsnSchema.default("seeded") }).strict(),
  z.object({
    kind: z.literal("cdn-edge"), port: z.number().int().default(443), pop: z.string().regex(/^[A-Z]{3}$/, "a three-letter airport code"),
    tls: TlsSchema, isn: IsnSchema.default("seeded"),
    origin: z.object({ host: Text, address: Text, port: z.number().int().default(443), tls: z.boolean().default(true) }).strict(),
    geo: z.array(z.object({ cidr: Text, country: z.string().regex(/^[A-Z]{2}$/) }).strict()).default([]),
    cache: z.array(z.string()).describe("cacheable path patterns, e.g. /static/*"),
  }).strict(),
  z.object({
    kind: z.literal("l7-proxy"), port: z.number().int(), tls: TlsSchema.optional(), isn: IsnSchema.default("seeded"),
    backends: z.array(BackendSchema).min(1),
  }).strict(),
]);

const CacheEntrySchema = z.object({ name: Text, address: Text, ttl: z.number().int().min(0) }).strict();

export const NodeSchema = z.object({
  id: Id,
  kind: z.enum(["host", "router", "internet", "load-balancer"]),
  label: Text.optional(),
  zone: Id.optional(),
  os: z.enum(["linux", "windows", "macos"]).default("linux"),
  ttl: z.number().int().min(1).max(255).optional().describe("hosts: initial TTL of the packets it sends (default: its OS's, Linux and macOS 64, Windows 128; network gear often uses 255)"),
  arp: z.enum(["warm", "cold"]).default("warm").describe("cold: the ARP cache starts empty and fills as the node talks"),
  hops: z.number().int().min(1).max(64).optional().describe("(internet) how many routers this cloud stands for"),
  icmpErrorSource: z.enum(["outgoing", "incoming"]).optional().describe("routers: the source address of the ICMP errors it sends (time exceeded). outgoing (default, as Linux does): the address of the interface the error leaves by towards the sender, which differs from the one the packet came in by on an asymmetric path; incoming: the address of the interface the packet arrived on (Linux with net.ipv4.icmp_errors_use_inbound_ifaddr=1, and many routers' behaviour)"),
  interfaces: z.array(InterfaceSchema).min(1),
  gateway: Text.optional(),
  routes: z.array(RouteSchema).default([]),
  nat: z.array(NatSchema).default([]),
  balance: z.array(BalanceSchema).default([]),
  dns: z.object({ servers: z.array(Text).default([]), search: z.array(z.string()).default([]), ndots: z.number().int().min(0).max(15).default(1) }).strict().optional(),
  caches: z.object({ browser: z.array(CacheEntrySchema).default([]), os: z.array(CacheEntrySchema).default([]) }).strict().optional(),
  userAgent: z.string().optional(),
  trust: z.array(Text).optional().describe("trusted root CAs (default: a common browser trust store)"),
  services: z.array(ServiceSchema).default([]),
}).strict();

const ProtocolPorts = {
  protocol: z.enum(["tcp", "udp", "icmp", "all"]),
  ports: PortRangeSchema.optional().describe("a port or [first, last]"),
};

export const SecurityGroupSchema = z.object({
  id: Id,
  description: Text.optional(),
  inbound: z.array(z.object({ ...ProtocolPorts, source: Text.describe("a CIDR, or sg:<group id>"), note: Text.optional() }).strict()).default([]),
  outbound: z.array(z.object({ ...ProtocolPorts, destination: Text, note: Text.optional() }).strict()).default([{ protocol: "all", destination: "0.0.0.0/0" }]),
}).strict();

const NaclRuleSchema = z.object({ rule: z.number().int().min(1).max(32766), ...ProtocolPorts, cidr: Text, action: z.enum(["allow", "deny"]) }).strict();
export const NaclSchema = z.object({ id: Id, inbound: z.array(NaclRuleSchema), outbound: z.array(NaclRuleSchema) }).strict();

export const VpcSchema = z.object({
  id: Id,
  label: Text.optional(),
  cidr: Text,
  zone: Id.optional(),
  subnets: z.array(z.object({ id: Id, label: Text.optional(), cidr: Text, routeTable: Id, nacl: Id.optional(), zone: Id.optional() }).strict()).min(1),
  routeTables: z.array(z.object({ id: Id, routes: z.array(z.object({ to: Text, target: z.string().min(1).describe("local, or the id of an internet gateway or NAT gateway") }).strict()) }).strict()).min(1),
  internetGateway: z.object({ id: Id, segment: Id.describe("the link to the internet") }).strict().optional(),
  natGateways: z.array(z.object({ id: Id, subnet: Id, address: Text, eip: Text, portHint: NumberOrExpr.optional() }).strict()).default([]),
  securityGroups: z.array(SecurityGroupSchema).default([]),
  nacls: z.array(NaclSchema).default([]),
}).strict();

export const ClusterSchema = z.object({
  id: Id,
  label: Text.optional(),
  zone: Id.optional(),
  domain: z.string().default("cluster.local"),
  nodeSegment: Id,
  nodes: z.array(z.object({
    id: Id, address: Text, podCidr: Text, zone: Id.optional(),
    bridgeNetfilter: z.boolean().default(true).describe("frames bridged between two pods on this node pass its iptables and conntrack (br_netfilter, net.bridge.bridge-nf-call-iptables=1), as kube-proxy's iptables mode needs: a reply from an endpoint on the caller's own node is translated back to the ClusterIP. false: a plain bridge, so that reply keeps the pod's address and the client resets it"),
  }).strict()).min(1),
  pods: z.array(z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64), node: Id, address: Text, namespace: z.string().default("default"),
    labels: z.record(z.string(), z.string()).default({}), services: z.array(ServiceSchema).default([]),
    clusterDns: z.boolean().default(false).describe("this pod runs CoreDNS"),
  }).strict()).min(1),
  services: z.array(z.object({
    name: Id, namespace: z.string().default("default"), clusterIp: Text, protocol: z.enum(["TCP", "UDP"]).default("TCP"),
    port: z.number().int().min(1).max(65535), targetPort: z.number().int().min(1).max(65535),
    selector: z.record(z.string(), z.string()), firstPick: NumberOrExpr.optional(),
  }).strict()).default([]),
  dnsService: Id.default("kube-dns").describe("the Service whose ClusterIP pods use as nameserver"),
  dnsTtl: z.number().int().min(0).default(5),
}).strict();
