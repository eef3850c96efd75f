/**
 * What the layer inspector shows, as data: a packet's layers outermost first (in the manner of a
 * packet analyser: Ethernet, IPv4, TCP/UDP, then DNS, TLS, HTTP or SSH), each a list of named
 * fields, and a decision's provenance in words. Pure; the component only lays it out.
 */
import type { Packet, Provenance, TraceEvent } from "@/lib/engine/trace-types";

export interface Field {
  readonly name: string;
  readonly value: string;
  /** "encrypted": travels inside TLS/SSH, unreadable on the wire; "visible": readable by anyone on the path. */
  readonly tone?: "visible" | "encrypted";
}

export interface FieldGroup {
  readonly title: string;
  readonly fields: readonly Field[];
  /** Shown when the group has no fields, e.g. "(none)". */
  readonly empty?: string;
}

export interface LayerSection {
  readonly id: "eth" | "arp" | "ip" | "tcp" | "udp" | "icmp" | "dns" | "tls" | "http" | "ssh";
  readonly title: string;
  /** The one-line summary next to the title, as a packet analyser shows it. */
  readonly summary: string;
  readonly fields: readonly Field[];
  readonly groups?: readonly FieldGroup[];
  readonly note?: string;
}

function dnsRecords(title: string, records: readonly { name: string; type: string; ttl: number; data: string }[]): FieldGroup {
  return {
    title,
    fields: records.map((r) => ({ name: `${r.name} ${r.type}`, value: `${r.data} (TTL ${r.ttl} s)` })),
    empty: "(none)",
  };
}

/** The packet's layers, outermost first. */
export function packetSections(p: Packet): LayerSection[] {
  const out: LayerSection[] = [];
  out.push({
    id: "eth", title: "Ethernet II", summary: `${p.eth.src} → ${p.eth.dst}`,
    fields: [{ name: "Source MAC", value: p.eth.src }, { name: "Destination MAC", value: p.eth.dst }, { name: "Type", value: p.eth.type }],
  });
  if (p.arp) {
    out.push({
      id: "arp", title: "ARP", summary: p.arp.op === "request" ? `who has ${p.arp.targetIp}? tell ${p.arp.senderIp}` : `${p.arp.senderIp} is at ${p.arp.senderMac}`,
      fields: [
        { name: "Operation", value: p.arp.op },
        { name: "Sender MAC", value: p.arp.senderMac },
        { name: "Sender IP", value: p.arp.senderIp },
        { name: "Target MAC", value: p.arp.targetMac },
        { name: "Target IP", value: p.arp.targetIp },
      ],
    });
  }
  if (p.ip) {
    out.push({
      id: "ip", title: "Internet Protocol version 4", summary: `${p.ip.src} → ${p.ip.dst}`,
      fields: [
        { name: "Source", value: p.ip.src },
        { name: "Destination", value: p.ip.dst },
        { name: "TTL", value: String(p.ip.ttl) },
        { name: "Protocol", value: p.ip.protocol },
      ],
    });
  }
  if (p.tcp) {
    const flags = p.tcp.flags.join(", ") || "(none)";
    out.push({
      id: "tcp", title: "Transmission Control Protocol", summary: `${p.tcp.srcPort} → ${p.tcp.dstPort} [${flags}] seq=${p.tcp.seq} ack=${p.tcp.ack} len=${p.tcp.payloadBytes}`,
      fields: [
        { name: "Source port", value: String(p.tcp.srcPort) },
        { name: "Destination port", value: String(p.tcp.dstPort) },
        { name: "Flags", value: flags },
        { name: "Sequence number", value: String(p.tcp.seq) },
        { name: "Acknowledgment number", value: p.tcp.flags.includes("ACK") ? String(p.tcp.ack) : `${p.tcp.ack} (not used: no ACK flag)` },
        { name: "Payload", value: `${p.tcp.payloadBytes} bytes` },
      ],
    });
  }
  if (p.udp) {
    out.push({
      id: "udp", title: "User Datagram Protocol", summary: `${p.udp.srcPort} → ${p.udp.dstPort} len=${p.udp.payloadBytes}`,
      fields: [
        { name: "Source port", value: String(p.udp.srcPort) },
        { name: "Destination port", value: String(p.udp.dstPort) },
        { name: "Payload", value: `${p.udp.payloadBytes} bytes` },
      ],
    });
  }
  if (p.icmp) {
    out.push({
      id: "icmp", title: "Internet Control Message Protocol", summary: p.icmp.name,
      fields: [{ name: "Type", value: `${p.icmp.type} (${p.icmp.name})` }, { name: "Code", value: String(p.icmp.code) }],
    });
  }
  const app = p.app;
  if (!app) return out;
  switch (app.protocol) {
    case "DNS":
      out.push({
        id: "dns", title: "Domain Name System", summary: `${app.kind} ${app.question.name} ${app.question.type}${app.kind === "response" ? ` ${app.rcode}` : ""}`,
        fields: [
          { name: "Kind", value: app.kind },
          { name: "Transaction ID", value: String(app.id) },
          { name: "Question", value: `${app.question.name} ${app.question.type}` },
          { name: "Recursion desired", value: app.recursionDesired ? "yes" : "no" },
          ...(app.kind === "response" ? [{ name: "Response code", value: app.rcode }] : []),
        ],
        groups: app.kind === "response"
          ? [dnsRecords("Answers", app.answers), dnsRecords("Authority", app.authority), dnsRecords("Additional", app.additional)]
          : [],
      });
      break;
    case "TLS":
      out.push({
        id: "tls", title: `Transport Layer Security ${app.version}`, summary: app.messages.join(", "),
        fields: [{ name: "Handshake messages", value: app.messages.join(", ") }],
        groups: [
          { title: "Visible on the wire", fields: Object.entries(app.visible).map(([name, value]) => ({ name, value, tone: "visible" as const })), empty: "(nothing readable)" },
          { title: "Encrypted", fields: app.encrypted.map((m) => ({ name: m, value: "only the two ends can read it", tone: "encrypted" as const })), empty: "(nothing: this flight is in the clear)" },
        ],
      });
      break;
    case "SSH":
      out.push({
        id: "ssh", title: "Secure Shell", summary: app.stage,
        fields: [
          { name: "Stage", value: app.stage },
          { name: "Encrypted", value: app.encrypted ? "yes" : "no", tone: app.encrypted ? "encrypted" : "visible" },
          { name: "Detail", value: app.detail },
        ],
      });
      break;
    default: {
      const h2 = app.protocol === "HTTP/2";
      const fields: Field[] = [{ name: "Version", value: app.protocol }, { name: "Kind", value: app.kind }];
      if (app.method !== undefined) fields.push({ name: h2 ? ":method" : "Method", value: app.method });
      if (app.path !== undefined) fields.push({ name: h2 ? ":path" : "Path", value: app.path });
      if (app.host !== undefined) fields.push({ name: h2 ? ":authority" : "Host", value: app.host });
      if (app.status !== undefined) fields.push({ name: h2 ? ":status" : "Status", value: String(app.status) });
      fields.push({ name: "Body", value: `${app.bodyBytes} bytes${app.bodySummary ? `: ${app.bodySummary}` : ""}` });
      out.push({
        id: "http", title: app.protocol === "HTTP/2" ? "HyperText Transfer Protocol 2" : "HyperText Transfer Protocol 1.1",
        summary: app.kind === "request" ? `${app.method ?? "?"} ${app.host ?? ""}${app.path ?? ""}` : `${app.status ?? "?"}`,
        fields: fields.map((f) => (app.insideTls ? { ...f, tone: "encrypted" as const } : f)),
        groups: [{ title: "Headers", fields: app.headers.map(([name, value]) => ({ name, value, ...(app.insideTls ? { tone: "encrypted" as const } : {}) })), empty: "(none)" }],
        ...(app.insideTls ? { note: "Inside TLS: routers and NATs on the way see only encrypted bytes, not this message." } : {}),
      });
    }
  }
  return out;
}

/** A decision's provenance as a heading and fields; a route lookup also lists its candidates. */
export interface ProvenanceView {
  readonly label: string;
  readonly fields: readonly Field[];
  /** Route lookups: every matching entry, the chosen one marked. */
  readonly candidates?: readonly { readonly entry: string; readonly chosen: boolean }[];
}

export function provenanceView(p: Provenance): ProvenanceView {
  switch (p.kind) {
    case "route":
      return {
        label: "Route table",
        fields: [
          { name: "Table", value: p.table },
          { name: "Matched entry", value: p.entry },
          ...(p.prefix ? [{ name: "Matched prefix", value: p.prefix }] : []),
        ],
        candidates: p.candidates.map((entry) => ({ entry, chosen: entry === p.entry })),
      };
    case "rule":
      return { label: "Rule", fields: [{ name: "Rule set", value: p.ruleset }, { name: "Rule", value: p.rule }] };
    case "table-entry":
      return { label: "Table entry", fields: [{ name: "Table", value: p.table }, { name: "Entry", value: p.entry }] };
    case "protocol":
      return { label: "Protocol rule", fields: [{ name: "Rule", value: p.rule }] };
    case "config":
      return { label: "Configuration", fields: [{ name: "Node", value: p.node }, { name: "Setting", value: p.setting }] };
  }
}

/** Words for each kind of decision, as the inspector's headings. */
export const DECISION_LABELS: Readonly<Record<string, string>> = {
  route: "Route lookup",
  ttl: "TTL",
  arp: "ARP (next-hop MAC)",
  "l2-rewrite": "New Ethernet header",
  snat: "Source NAT",
  dnat: "Destination NAT",
  unsnat: "Reverse source NAT",
  undnat: "Reverse destination NAT",
  filter: "Filter",
  conntrack: "Connection tracking",
  "load-balance": "Load balancing",
  deliver: "Delivery",
  internet: "Internet",
  latency: "Latency",
  proxy: "Proxy",
};

/** The fields of a non-packet event (NAT entry, DNS step, cache lookup, protocol step). */
export function eventFields(e: TraceEvent): Field[] {
  switch (e.type) {
    case "nat":
      return [
        { name: "Table", value: e.entry.table },
        { name: "Action", value: e.action },
        { name: "Kind", value: e.entry.kind.toUpperCase() },
        { name: "Protocol", value: e.entry.protocol },
        { name: "Inside", value: e.entry.inside },
        { name: "Translated", value: e.entry.translated },
        { name: "Outside", value: e.entry.outside },
      ];
    case "dns":
      return [{ name: "Step", value: e.step }, { name: "Name", value: e.name }, { name: "Result", value: e.result }];
    case "cache":
      return [{ name: "Cache", value: e.cache }, { name: "Lookup", value: e.lookup }, { name: "Status", value: e.status }];
    case "step":
      return [{ name: "Protocol", value: e.protocol }, ...Object.entries(e.details).map(([name, value]) => ({ name, value }))];
    case "arp":
      return [{ name: "Operation", value: e.op }];
    case "hop":
      return [
        { name: "Action", value: e.action },
        { name: "In on", value: e.ingress ?? "(sent by this node)" },
        { name: "Out of", value: e.egress },
        { name: "Next hop", value: e.nextHop },
      ];
    case "deliver":
      return [{ name: "In on", value: e.ingress }];
    case "drop":
      return [{ name: "Disposition", value: e.disposition }, { name: "Blame", value: e.component }];
  }
}
