/**
 * Named fields of a trace event, as learners and scenario checks address them: "ip.src",
 * "src" (address:port), "tcp.flags", "http.header:cf-ray"... One reader for the grader, the
 * checks and the UI, so a field means the same thing everywhere.
 */
import type { FieldRef, HttpMessage, Packet, TraceEvent } from "./trace-types";

export const PACKET_FIELDS = [
  "eth.src", "eth.dst", "ip.src", "ip.dst", "ip.ttl", "ip.protocol", "src", "dst", "l4.srcPort", "l4.dstPort",
  "tcp.flags", "tcp.seq", "tcp.ack", "tls.sni", "http.host", "http.method", "http.path", "http.status", "dns.question", "dns.answer", "dns.rcode",
] as const;
export type PacketField = (typeof PACKET_FIELDS)[number] | `http.header:${string}`;

/** Whether a string names a packet field (including any http.header:<name>). */
export function isPacketField(field: string): field is PacketField {
  return (PACKET_FIELDS as readonly string[]).includes(field) || /^http\.header:[a-z0-9-]+$/.test(field);
}

function http(p: Packet): HttpMessage | null {
  return p.app?.protocol === "HTTP/1.1" || p.app?.protocol === "HTTP/2" ? p.app : null;
}

/** A packet field's value as text, or null when the packet has no such field. */
export function packetField(p: Packet, field: string): string | null {
  const l4 = p.tcp ?? p.udp;
  switch (field) {
    case "eth.src": return p.eth.src;
    case "eth.dst": return p.eth.dst;
    case "ip.src": return p.ip?.src ?? null;
    case "ip.dst": return p.ip?.dst ?? null;
    case "ip.ttl": return p.ip ? String(p.ip.ttl) : null;
    case "ip.protocol": return p.ip?.protocol ?? null;
    case "l4.srcPort": return l4 ? String(l4.srcPort) : null;
    case "l4.dstPort": return l4 ? String(l4.dstPort) : null;
    case "src": return p.ip && l4 ? `${p.ip.src}:${l4.srcPort}` : null;
    case "dst": return p.ip && l4 ? `${p.ip.dst}:${l4.dstPort}` : null;
    case "tcp.flags": return p.tcp ? p.tcp.flags.join(" ") : null;
    case "tcp.seq": return p.tcp ? String(p.tcp.seq) : null;
    case "tcp.ack": return p.tcp ? String(p.tcp.ack) : null;
    case "tls.sni": return p.app?.protocol === "TLS" ? p.app.visible["server name (SNI)"] ?? null : null;
    case "dns.question": return p.app?.protocol === "DNS" ? p.app.question.name : null;
    case "dns.answer": return p.app?.protocol === "DNS" ? p.app.answers.find((a) => a.type === "A")?.data ?? null : null;
    case "dns.rcode": return p.app?.protocol === "DNS" ? p.app.rcode : null;
  }
  const h = http(p);
  if (!h) return null;
  switch (field) {
    case "http.host": return h.host ?? null;
    case "http.method": return h.method ?? null;
    case "http.path": return h.path ?? null;
    case "http.status": return h.status === undefined ? null : String(h.status);
  }
  if (field.startsWith("http.header:")) {
    const name = field.slice("http.header:".length);
    return h.headers.find(([k]) => k === name)?.[1] ?? null;
  }
  return null;
}

/** The symbol references behind a field (two for the composite src/dst fields). */
export function fieldRefs(refs: Readonly<Record<string, FieldRef>>, field: string): FieldRef[] {
  switch (field) {
    case "src": return [refs["ip.src"], refs["l4.srcPort"]].filter((r): r is FieldRef => r !== undefined);
    case "dst": return [refs["ip.dst"], refs["l4.dstPort"]].filter((r): r is FieldRef => r !== undefined);
    default: {
      const r = refs[field];
      return r ? [r] : [];
    }
  }
}

/** The destination prefix of the route entry a node matched for this packet ("0.0.0.0/0"). */
export function matchedRoute(e: TraceEvent): string | null {
  if (!("decisions" in e)) return null;
  for (const d of e.decisions) if (d.provenance.kind === "route" && d.provenance.prefix !== "") return d.provenance.prefix;
  return null;
}

/** Reads a field of any event: packet fields of packet events, or a dotted path into the event. */
export function eventField(e: TraceEvent, field: string): string | null {
  if (field === "route.match") return matchedRoute(e);
  if ((e.type === "hop" || e.type === "deliver" || e.type === "drop" || e.type === "arp") && e.packet && isPacketField(field)) return packetField(e.packet, field);
  let cur: unknown = e;
  for (const part of field.split(".")) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, part)) return null;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === null || cur === undefined || typeof cur === "object" ? null : String(cur);
}
