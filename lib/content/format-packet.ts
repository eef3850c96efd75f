/**
 * One-line summaries of a packet's layers, in the spirit of tcpdump: "eth A > B",
 * "ip 192.168.1.10:52431 > 8.8.8.8:53 ttl=64 UDP len=38", "DNS query google.com A id=48409".
 * Pure: the trace printer (format-trace.ts) lays them out.
 */
import type { AppPayload, DnsMessage, DnsRecord, HttpMessage, Packet, TlsRecord } from "../engine/trace-types";

/**
 * The packet's layers, one line each, outermost first: Ethernet (and ARP), then IP with its
 * transport header ("ip 192.168.1.10:52432 > 142.250.190.46:443 ttl=64 TCP SYN seq=100 ack=0 len=0"),
 * then the application message.
 */
export function packetLayers(p: Packet): string[] {
  const out = [`eth ${p.eth.src} > ${p.eth.dst}${p.eth.type === "IPv4" ? "" : ` ${p.eth.type}`}`];
  if (p.arp) {
    out.push(p.arp.op === "request"
      ? `arp who-has ${p.arp.targetIp} tell ${p.arp.senderIp}`
      : `arp reply ${p.arp.senderIp} is-at ${p.arp.senderMac}`);
  }
  if (p.ip) {
    const l4 = p.tcp ?? p.udp;
    const src = l4 ? `${p.ip.src}:${l4.srcPort}` : p.ip.src;
    const dst = l4 ? `${p.ip.dst}:${l4.dstPort}` : p.ip.dst;
    out.push(`ip ${src} > ${dst} ttl=${p.ip.ttl} ${transport(p)}`);
  }
  if (p.app) out.push(appSummary(p.app));
  return out;
}

/** "TCP SYN,ACK seq=300 ack=101 len=0", "UDP len=38", "ICMP time-exceeded (type 11 code 0)". */
export function transport(p: Packet): string {
  if (p.tcp) return `TCP ${p.tcp.flags.join(",") || "(no flags)"} seq=${p.tcp.seq} ack=${p.tcp.ack} len=${p.tcp.payloadBytes}`;
  if (p.udp) return `UDP len=${p.udp.payloadBytes}`;
  if (p.icmp) return `ICMP ${p.icmp.name} (type ${p.icmp.type} code ${p.icmp.code})`;
  return p.ip?.protocol ?? "";
}

/** "DNS query google.com A", "TLS ClientHello SNI=google.com", "HTTP/2 GET google.com/". */
export function appSummary(app: AppPayload): string {
  switch (app.protocol) {
    case "DNS": return dnsSummary(app);
    case "TLS": return tlsSummary(app);
    case "SSH": return `SSH ${app.stage}${app.encrypted ? " (encrypted)" : ""}: ${app.detail}`;
    default: return httpSummary(app);
  }
}

function record(r: DnsRecord): string {
  return `${r.name} ${r.type} ${r.data}`;
}

function dnsSummary(m: DnsMessage): string {
  const q = `${m.question.name} ${m.question.type}`;
  if (m.kind === "query") return `DNS query ${q} id=${m.id}${m.recursionDesired ? "" : " (no recursion)"}`;
  const parts = [`DNS response ${q} ${m.rcode}`];
  if (m.answers.length > 0) parts.push(`answer ${m.answers.map(record).join(", ")}`);
  if (m.authority.length > 0) parts.push(`authority ${m.authority.map(record).join(", ")}`);
  if (m.additional.length > 0) parts.push(`additional ${m.additional.map(record).join(", ")}`);
  return parts.join("; ");
}

function tlsSummary(r: TlsRecord): string {
  const sni = r.visible["server name (SNI)"];
  const head = `TLS ${r.messages.join(", ")}${sni !== undefined ? ` SNI=${sni}` : ""}`;
  return r.encrypted.length > 0 ? `${head} [${r.encrypted.length} encrypted]` : head;
}

function httpSummary(m: HttpMessage): string {
  const tls = m.insideTls ? " (inside TLS)" : "";
  if (m.kind === "request") return `${m.protocol} ${m.method ?? "?"} ${m.host ?? ""}${m.path ?? ""}${tls}`;
  const type = m.headers.find(([k]) => k === "content-type")?.[1];
  return `${m.protocol} ${m.status ?? "?"}${type ? ` ${type}` : ""}, ${m.bodyBytes} B body${tls}`;
}
