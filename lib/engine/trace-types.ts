/**
 * The trace: what `simulate()` returns. Plain readonly data, JSON-serialisable, ordered, and
 * byte-identical for the same scenario and seed. Addresses are formatted strings here; the engine
 * computes on integers and formats only when it writes an event. See docs/trace-format.md.
 */

export type TcpFlag = "SYN" | "ACK" | "FIN" | "RST" | "PSH";
export type Protocol = "TCP" | "UDP" | "ICMP";

/** Why a flow ended where it did. A closed list, like Batfish's dispositions. */
export type Disposition =
  | "DELIVERED"
  | "NO_ROUTE"
  | "NOT_ROUTABLE_ON_INTERNET"
  | "DENIED_BY_SECURITY_GROUP"
  | "DENIED_BY_NETWORK_ACL"
  | "DENIED_BY_FIREWALL"
  | "NO_NAT_MAPPING"
  | "NAT_PORT_EXHAUSTED"
  | "TTL_EXCEEDED"
  | "NXDOMAIN"
  | "PORT_CLOSED"
  | "HOST_UNREACHABLE"
  | "NO_SERVICE_ENDPOINTS"
  | "TLS_CERTIFICATE_INVALID"
  | "REPLY_ADDRESS_MISMATCH";

export const DISPOSITIONS: readonly Disposition[] = [
  "DELIVERED", "NO_ROUTE", "NOT_ROUTABLE_ON_INTERNET", "DENIED_BY_SECURITY_GROUP", "DENIED_BY_NETWORK_ACL",
  "DENIED_BY_FIREWALL", "NO_NAT_MAPPING", "NAT_PORT_EXHAUSTED", "TTL_EXCEEDED", "NXDOMAIN", "PORT_CLOSED",
  "HOST_UNREACHABLE", "NO_SERVICE_ENDPOINTS", "TLS_CERTIFICATE_INVALID", "REPLY_ADDRESS_MISMATCH",
];

export interface EthernetHeader {
  readonly src: string;
  readonly dst: string;
  readonly type: "IPv4" | "ARP";
}

export interface ArpBody {
  readonly op: "request" | "reply";
  readonly senderMac: string;
  readonly senderIp: string;
  readonly targetMac: string;
  readonly targetIp: string;
}

export interface Ipv4Header {
  readonly src: string;
  readonly dst: string;
  readonly ttl: number;
  readonly protocol: Protocol;
}

export interface TcpHeader {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  /** Canonical order: SYN, ACK, FIN, RST, PSH as present. */
  readonly flags: readonly TcpFlag[];
  readonly payloadBytes: number;
}

export interface UdpHeader {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payloadBytes: number;
}

export interface IcmpHeader {
  readonly type: number;
  readonly code: number;
  readonly name: string;
  /** For an error message: the header of the packet it reports on, as carried inside it. */
  readonly about?: string;
}

export interface DnsRecord {
  readonly name: string;
  readonly type: "A" | "NS" | "CNAME";
  readonly ttl: number;
  readonly data: string;
}

export interface DnsMessage {
  readonly protocol: "DNS";
  readonly id: number;
  readonly kind: "query" | "response";
  readonly question: { readonly name: string; readonly type: "A" };
  readonly recursionDesired: boolean;
  readonly rcode: "NOERROR" | "NXDOMAIN";
  readonly answers: readonly DnsRecord[];
  readonly authority: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
}

export interface TlsRecord {
  readonly protocol: "TLS";
  readonly version: "1.2" | "1.3";
  /** Handshake messages in this flight, in order. */
  readonly messages: readonly string[];
  /** What an observer on the wire can read. */
  readonly visible: Readonly<Record<string, string>>;
  /** What travels encrypted in this flight. */
  readonly encrypted: readonly string[];
}

export interface HttpMessage {
  readonly protocol: "HTTP/1.1" | "HTTP/2";
  readonly kind: "request" | "response";
  readonly method?: string;
  readonly path?: string;
  /** Host header (HTTP/1.1) or :authority pseudo-header (HTTP/2). */
  readonly host?: string;
  readonly status?: number;
  /** Header names in lower case, in the order they were sent. */
  readonly headers: readonly (readonly [string, string])[];
  readonly bodyBytes: number;
  readonly bodySummary?: string;
  /** True when the message travels inside TLS: routers on the way see only ciphertext. */
  readonly insideTls: boolean;
}

export interface SshMessage {
  readonly protocol: "SSH";
  readonly stage: string;
  readonly encrypted: boolean;
  readonly detail: string;
}

export type AppPayload = DnsMessage | TlsRecord | HttpMessage | SshMessage;

/** A packet at every layer, as it is at one point of its journey. */
export interface Packet {
  readonly eth: EthernetHeader;
  readonly arp?: ArpBody;
  readonly ip?: Ipv4Header;
  readonly tcp?: TcpHeader;
  readonly udp?: UdpHeader;
  readonly icmp?: IcmpHeader;
  readonly app?: AppPayload;
}

/** A value the learner cannot know exactly; any member of the set is a valid prediction. */
export type FreeSpec =
  | { readonly kind: "range"; readonly min: number; readonly max: number; readonly why: string }
  | { readonly kind: "one-of"; readonly values: readonly string[]; readonly why: string }
  | { readonly kind: "pattern"; readonly pattern: string; readonly example: string; readonly why: string };

/**
 * A named quantity: an interface address, an allocated port, an initial sequence number.
 * Every field in a trace that carries the quantity points at it, so the grader can demand
 * consistency and carry a learner's earlier error forward.
 */
export interface TraceSymbol {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly free: FreeSpec | null;
}

/** How a field's value follows from a symbol: equal, offset by a number, or looked up by the symbol's value. */
export type FieldRef =
  | { readonly symbol: string; readonly offset: number }
  | { readonly symbol: string; readonly map: Readonly<Record<string, string>> };

/** Where a decision came from: the route entry, rule, table entry or protocol rule behind it. */
export type Provenance =
  /** `prefix` is the matched entry's destination ("0.0.0.0/0"), empty when nothing matched. */
  | { readonly kind: "route"; readonly table: string; readonly entry: string; readonly prefix: string; readonly candidates: readonly string[] }
  | { readonly kind: "rule"; readonly ruleset: string; readonly rule: string }
  | { readonly kind: "table-entry"; readonly table: string; readonly entry: string }
  | { readonly kind: "protocol"; readonly rule: string }
  | { readonly kind: "config"; readonly node: string; readonly setting: string };

export type DecisionKind =
  | "route" | "ttl" | "arp" | "l2-rewrite" | "snat" | "dnat" | "unsnat" | "undnat" | "filter"
  | "conntrack" | "load-balance" | "deliver" | "internet" | "latency" | "proxy";

export interface Decision {
  readonly kind: DecisionKind;
  readonly reason: string;
  readonly provenance: Provenance;
}

interface EventBase {
  /** Position in the flow, from 0. */
  readonly index: number;
  /** Simulated time in milliseconds since the flow started. */
  readonly t: number;
  readonly node: string;
  readonly reason: string;
}

/** A packet leaving a node: sent by its origin or forwarded by a router, NAT, load balancer... */
export interface HopEvent extends EventBase {
  readonly type: "hop";
  /** Stable id of this hop: `<label>@<node>` (with `~2` for a second pass), unique in its flow. */
  readonly key: string;
  readonly label: string;
  readonly action: "send" | "forward";
  readonly ingress: string | null;
  readonly egress: string;
  readonly nextHop: string;
  readonly packet: Packet;
  readonly decisions: readonly Decision[];
  readonly refs: Readonly<Record<string, FieldRef>>;
}

/** A packet arriving at the node it was addressed to (after any translation on the way). */
export interface DeliverEvent extends EventBase {
  readonly type: "deliver";
  readonly key: string;
  readonly label: string;
  readonly ingress: string;
  readonly packet: Packet;
  readonly decisions: readonly Decision[];
  readonly refs: Readonly<Record<string, FieldRef>>;
}

/** A packet that goes no further. */
export interface DropEvent extends EventBase {
  readonly type: "drop";
  readonly key: string;
  readonly label: string;
  readonly disposition: Disposition;
  /** The component to blame: a node id, or a named object such as a security group or route table. */
  readonly component: string;
  readonly packet: Packet;
  readonly decisions: readonly Decision[];
  readonly provenance: Provenance;
}

export interface ArpEvent extends EventBase {
  readonly type: "arp";
  readonly key: string;
  readonly op: "request" | "reply" | "cache-hit";
  readonly packet: Packet | null;
  readonly provenance: Provenance;
}

export interface NatEntry {
  readonly table: string;
  readonly protocol: Protocol;
  /** Address:port before translation, as the inside sees it. */
  readonly inside: string;
  /** Address:port after translation. */
  readonly translated: string;
  /** The remote end: address:port. */
  readonly outside: string;
  readonly kind: "snat" | "dnat";
}

/** A translation or connection-tracking entry being created, reused or used in reverse. */
export interface NatEvent extends EventBase {
  readonly type: "nat";
  readonly key: string;
  readonly action: "create" | "reuse" | "reverse" | "expire";
  readonly entry: NatEntry;
  readonly refs: Readonly<Record<string, FieldRef>>;
  readonly provenance: Provenance;
}

export type DnsStep =
  | "browser-cache" | "os-cache" | "search-domain" | "stub-query" | "resolver-cache"
  | "iterative-query" | "referral" | "answer" | "nxdomain" | "cache-fill";

export interface DnsEvent extends EventBase {
  readonly type: "dns";
  readonly key: string;
  readonly step: DnsStep;
  readonly name: string;
  readonly result: string;
  readonly provenance: Provenance;
}

export interface CacheEvent extends EventBase {
  readonly type: "cache";
  readonly key: string;
  readonly cache: string;
  readonly lookup: string;
  readonly status: "HIT" | "MISS" | "DYNAMIC" | "STORED";
  readonly provenance: Provenance;
}

/** A protocol step that is not a packet: URL parsing, certificate verification, key derivation. */
export interface StepEvent extends EventBase {
  readonly type: "step";
  readonly key: string;
  readonly protocol: "URL" | "TCP" | "TLS" | "HTTP" | "SSH" | "BROWSER" | "LATENCY";
  readonly title: string;
  readonly details: Readonly<Record<string, string>>;
  readonly provenance: Provenance;
}

export type TraceEvent = HopEvent | DeliverEvent | DropEvent | ArpEvent | NatEvent | DnsEvent | CacheEvent | StepEvent;

export interface FlowOutcome {
  readonly disposition: Disposition;
  /** The node where the flow ended (delivered or dropped). */
  readonly node: string;
  readonly component: string;
  readonly reason: string;
}

export interface FlowTrace {
  readonly id: string;
  readonly title: string;
  readonly events: readonly TraceEvent[];
  readonly outcome: FlowOutcome;
  /** Simulated duration of the whole flow and per-segment traversal times. */
  readonly latency: { readonly totalMs: number; readonly segments: readonly { readonly segment: string; readonly ms: number; readonly crossings: number }[] };
}

export interface Trace {
  readonly format: "hopwise-trace/1";
  readonly engineVersion: string;
  readonly scenarioId: string;
  readonly seed: number;
  /** The variant's variable values (seed 0 gives the source text's own numbers). */
  readonly variables: Readonly<Record<string, string>>;
  readonly flows: readonly FlowTrace[];
  readonly symbols: Readonly<Record<string, TraceSymbol>>;
  /** World rules whose switch would have changed this trace: the misconceptions worth testing. */
  readonly rulesInPlay: readonly string[];
}
