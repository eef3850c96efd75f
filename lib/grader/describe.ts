/** Labels, kinds and concepts of the things a sheet can ask, in words a learner reads. */
import type { Concept } from "../scenario/schema";
import type { Disposition, TraceEvent } from "../engine/trace-types";
import type { NodeKind } from "../engine/model";
import type { FieldKind } from "./kinds";

const FIELD_INFO: Readonly<Record<string, { kind: FieldKind; label: string }>> = {
  "eth.src": { kind: "mac", label: "Source MAC" },
  "eth.dst": { kind: "mac", label: "Destination MAC" },
  "ip.src": { kind: "ipv4", label: "Source IP" },
  "ip.dst": { kind: "ipv4", label: "Destination IP" },
  "ip.ttl": { kind: "ttl", label: "TTL" },
  "ip.protocol": { kind: "protocol", label: "Protocol" },
  src: { kind: "socket", label: "Source IP:port" },
  dst: { kind: "socket", label: "Destination IP:port" },
  "l4.srcPort": { kind: "port", label: "Source port" },
  "l4.dstPort": { kind: "port", label: "Destination port" },
  "tcp.flags": { kind: "tcp-flags", label: "TCP flags" },
  "tcp.seq": { kind: "u32", label: "Sequence number" },
  "tcp.ack": { kind: "u32", label: "Acknowledgement number" },
  "tls.sni": { kind: "hostname", label: "TLS server name (SNI)" },
  "http.host": { kind: "hostname", label: "HTTP Host / :authority" },
  "http.method": { kind: "header", label: "HTTP method" },
  "http.path": { kind: "header", label: "HTTP path" },
  "http.status": { kind: "integer", label: "HTTP status" },
  "dns.question": { kind: "hostname", label: "DNS question (name queried)" },
  "dns.answer": { kind: "ipv4", label: "DNS answer (A record)" },
  "dns.rcode": { kind: "header", label: "DNS response code" },
  "route.match": { kind: "cidr", label: "Route entry that matches (its destination prefix)" },
};

/** The kind and label of a packet field. */
export function fieldInfo(field: string): { kind: FieldKind; label: string } {
  const known = FIELD_INFO[field];
  if (known) return known;
  if (field.startsWith("http.header:")) return { kind: "header", label: `Header ${field.slice("http.header:".length)}` };
  return { kind: "header", label: field };
}

const MESSAGE_NAMES: Readonly<Record<string, string>> = {
  "tcp.syn": "TCP SYN", "tcp.syn-ack": "TCP SYN-ACK", "tcp.ack": "TCP ACK", "tcp.fin": "TCP FIN", "tcp.fin-ack": "TCP FIN-ACK",
  "tcp.last-ack": "final TCP ACK", "tcp.rst": "TCP RST", "dns.query": "DNS query", "dns.response": "DNS response",
  "dns.root-query": "query to a root server", "dns.root-response": "root server's referral", "dns.tld-query": "query to the TLD server",
  "dns.tld-response": "TLD server's referral", "dns.auth-query": "query to the authoritative server", "dns.auth-response": "authoritative answer",
  "tls.client-hello": "TLS ClientHello", "tls.server-hello": "TLS server flight (ServerHello...)", "tls.client-finished": "TLS client Finished",
  "http.request": "HTTP request", "http.response": "HTTP response",
};

const PREFIXES: Readonly<Record<string, string>> = {
  origin: "edge to origin", backend: "proxy to backend", jump: "to the bastion", target: "bastion to target", inner: "inner session",
};

/** "TCP SYN (to the bastion)" for "jump.tcp.syn". */
export function messageName(label: string): string {
  const parts = label.split(".");
  const qualifiers: string[] = [];
  while (parts.length > 2 && PREFIXES[parts[0]!]) qualifiers.push(PREFIXES[parts.shift()!]!);
  const core = parts.join(".");
  const name = MESSAGE_NAMES[core] ?? core.replace(/^ssh\./, "SSH ").replace(/[.-]/g, " ");
  return qualifiers.length ? `${name} (${qualifiers.join(", ")})` : name;
}

/** "TCP SYN as it leaves home-router" */
export function rowTitle(e: TraceEvent, nodeLabel: string): string {
  const label = "label" in e ? e.label : e.key;
  if (e.type === "deliver") return `${messageName(label)} as ${nodeLabel} receives it`;
  if (e.type === "drop") return `${messageName(label)} arriving at ${nodeLabel}`;
  return `${messageName(label)} as it leaves ${nodeLabel}`;
}

/** Which concept a packet field at a hop exercises. */
export function conceptOf(field: string, e: TraceEvent, nodeKind: NodeKind | undefined): Concept {
  if (field.startsWith("eth.")) return "l2";
  if (field === "ip.ttl") return "routing";
  if (field === "route.match") return nodeKind === "vpc-router" ? "cloud" : "routing";
  if (field.startsWith("tcp.")) return "tcp";
  if (field.startsWith("tls.")) return "tls";
  if (field.startsWith("dns.")) return "dns";
  if (field.startsWith("http.header:cf-")) return "cdn";
  if (field.startsWith("http.")) return "http";
  const decisions = "decisions" in e ? e.decisions : [];
  const translated = decisions.some((d) => d.kind === "snat" || d.kind === "dnat" || d.kind === "unsnat" || d.kind === "undnat");
  if (nodeKind === "k8s-node" && translated) return "kubernetes";
  if (nodeKind === "internet-gateway" || nodeKind === "nat-gateway" || nodeKind === "vpc-router") return "cloud";
  if (translated) return "nat";
  return field.startsWith("l4.") ? "tcp" : "routing";
}

/** Which concept a failed flow's disposition is about. */
export function dispositionConcept(d: Disposition): Concept {
  switch (d) {
    case "DENIED_BY_SECURITY_GROUP": case "DENIED_BY_NETWORK_ACL": case "DENIED_BY_FIREWALL": return "security";
    case "NOT_ROUTABLE_ON_INTERNET": return "addressing";
    case "NO_NAT_MAPPING": case "NAT_PORT_EXHAUSTED": case "REPLY_ADDRESS_MISMATCH": return "nat";
    case "NXDOMAIN": return "dns";
    case "PORT_CLOSED": return "tcp";
    case "NO_SERVICE_ENDPOINTS": return "kubernetes";
    case "TLS_CERTIFICATE_INVALID": return "tls";
    case "HOST_UNREACHABLE": return "l2";
    default: return "routing";
  }
}

export const DISPOSITION_TEXT: Readonly<Record<Disposition, string>> = {
  DELIVERED: "Delivered",
  NO_ROUTE: "No route to the destination",
  NOT_ROUTABLE_ON_INTERNET: "Not routable on the internet",
  DENIED_BY_SECURITY_GROUP: "Denied by a security group",
  DENIED_BY_NETWORK_ACL: "Denied by a network ACL",
  DENIED_BY_FIREWALL: "Denied by a firewall",
  NO_NAT_MAPPING: "No NAT mapping",
  NAT_PORT_EXHAUSTED: "NAT ports exhausted",
  TTL_EXCEEDED: "TTL exceeded",
  NXDOMAIN: "Name does not exist (NXDOMAIN)",
  PORT_CLOSED: "Port closed (connection refused)",
  HOST_UNREACHABLE: "Host unreachable (no ARP reply)",
  NO_SERVICE_ENDPOINTS: "Service has no endpoints",
  TLS_CERTIFICATE_INVALID: "TLS certificate rejected",
  REPLY_ADDRESS_MISMATCH: "Reply from an address the client did not dial (reset)",
};
