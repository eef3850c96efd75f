/**
 * Addresses and ports. IP addresses and ports are end to end: a router only looks them up, so a
 * value changes only where a NAT, kube-proxy or a proxy rewrites it (and the NAT or conntrack
 * entry says how). Where a packet starts, the source is the sender's own interface address and
 * an ephemeral port, the destination is where it is going and a well-known port (or, for a
 * reply, the address and port the request came from).
 */
import type { Decision, Provenance } from "../../engine/trace-types";
import { decisionOf, join, protocolRule, readableOwner, symbolOf, type ExplainInput, type Explanation } from "./context";

type Side = "src" | "dst";
type Part = "ip" | "port";

const WELL_KNOWN: Readonly<Record<string, string>> = {
  "22": "SSH", "53": "DNS", "80": "HTTP", "443": "HTTPS", "3306": "MySQL", "5432": "PostgreSQL", "6379": "Redis", "8080": "HTTP (alternative)",
};

const FIELD: Readonly<Record<Side, Readonly<Record<Part, string>>>> = {
  src: { ip: "ip.src", port: "l4.srcPort" },
  dst: { ip: "ip.dst", port: "l4.dstPort" },
};

/** The translation done at this event to one side of the packet, if any. */
function translation(input: ExplainInput, side: Side): Decision | null {
  return side === "src" ? decisionOf(input.event, "snat", "undnat") : decisionOf(input.event, "dnat", "unsnat");
}

function isReplyPort(label: string): boolean {
  return /ephemeral|allocated|random source port/.test(label);
}

/** Where a value comes from, in words: "laptop's nameserver", "the address DNS returned for google.com". */
function origin(label: string): string {
  const dns = /^address of (.+) \(from DNS\)$/.exec(label);
  if (dns) return `the address DNS returned for ${dns[1]}`;
  if (/^(MAC )?address of \S+\/\S+$/.test(label)) return `the address of ${readableOwner(label)}`;
  return `the ${label}`.replace(/^the (\w[\w-]*'s)/, "$1");
}

/** One sentence for one part (address or port) of one side, where no translation happened here. */
function partSentence(input: ExplainInput, side: Side, part: Part, value: string): string {
  const e = input.event;
  const ref = symbolOf(input, FIELD[side][part]);
  const label = ref?.symbol.label ?? "";
  const sending = e?.type === "hop" && e.action === "send";
  if (!sending) {
    return `${side === "src" ? "Source" : "Destination"} ${part === "ip" ? "address" : "port"} ${value} is unchanged here${label ? ` (${origin(label)})` : ""}: ${input.nodeLabel(input.blank.node)} does not translate it, and routers forward without rewriting addresses or ports`;
  }
  if (side === "src") {
    if (part === "ip") return `Source address ${value} is ${label ? origin(label) : "the sender's address"}, the interface it sends from`;
    if (ref?.symbol.free) return `Source port ${value} is an ephemeral port: ${ref.symbol.free.why}`;
    if (isReplyPort(label)) return `Source port ${value} is an ephemeral port (${label})`;
    return `Source port ${value}: a reply comes from the port the request was sent to${WELL_KNOWN[value] ? ` (${WELL_KNOWN[value]})` : ""}`;
  }
  const replyPort = symbolOf(input, "l4.dstPort");
  const reply = replyPort !== null && isReplyPort(replyPort.symbol.label);
  if (reply) return `Destination ${part === "ip" ? "address" : "port"} ${value}: a reply goes back to the address and port the request came from${label ? ` (${origin(label)})` : ""}`;
  if (part === "ip") return `Destination address ${value} is ${label ? origin(label) : "where the packet is going"}: IP addresses are end to end`;
  const service = WELL_KNOWN[value];
  return service ? `Destination port ${value} is the well-known port of ${service}` : `Destination port ${value} is the port the service listens on${label ? ` (${label})` : ""}`;
}

function translated(input: ExplainInput, d: Decision): string {
  return `Translated at ${input.nodeLabel(input.blank.node)}: ${d.reason}`;
}

function entryProvenance(d: Decision | null): Provenance | null {
  return d ? d.provenance : null;
}

/** A socket blank ("src", "dst"): the address and the port, each with its rule. */
export function explainSocket(input: ExplainInput, side: Side): Explanation {
  const [ip = "", port = ""] = input.blank.parts.map((p) => p.expected);
  const d = translation(input, side);
  if (d) {
    const mentions = d.reason.includes(ip) && d.reason.includes(port);
    const rest = mentions ? null : `${side === "src" ? "Source" : "Destination"} ${ip}:${port} is the result`;
    return { reason: join(translated(input, d), rest, side === "src" && d.kind === "snat" ? "the NAT entry is kept so replies can be translated back" : null), provenance: entryProvenance(d) };
  }
  const provenance = protocolRule("IP addresses and ports are end to end; only a NAT or proxy rewrites them");
  const e = input.event;
  const labels = [symbolOf(input, FIELD[side].ip), symbolOf(input, FIELD[side].port)].filter((r) => r !== null).map((r) => origin(r.symbol.label));
  const origins = labels.length > 0 ? ` (${labels.join("; ")})` : "";
  const name = side === "src" ? "Source" : "Destination";
  if (!(e?.type === "hop" && e.action === "send")) {
    return { reason: join(`${name} ${ip}:${port} is unchanged here${origins}: ${input.nodeLabel(input.blank.node)} does not translate it, and routers forward without rewriting addresses or ports`), provenance };
  }
  const replyPort = symbolOf(input, "l4.dstPort");
  if (side === "dst" && replyPort !== null && isReplyPort(replyPort.symbol.label)) {
    return { reason: join(`${name} ${ip}:${port}: a reply goes back to the address and port the request came from${origins}`), provenance };
  }
  return { reason: join(partSentence(input, side, "ip", ip), partSentence(input, side, "port", port)), provenance };
}

/** "ip.src", "ip.dst", "l4.srcPort", "l4.dstPort". */
export function explainAddressField(input: ExplainInput, side: Side, part: Part): Explanation {
  const v = input.blank.expected;
  const d = translation(input, side);
  if (d) return { reason: join(translated(input, d), d.reason.includes(v) ? null : `so the ${side === "src" ? "source" : "destination"} ${part === "ip" ? "address" : "port"} is ${v}`), provenance: entryProvenance(d) };
  return { reason: join(partSentence(input, side, part, v)), provenance: protocolRule("IP addresses and ports are end to end; only a NAT or proxy rewrites them") };
}

export function explainProtocol(input: ExplainInput): Explanation {
  const v = input.blank.expected;
  const e = input.event;
  const app = e && "packet" in e && e.packet?.app ? e.packet.app.protocol : null;
  const why = v === "UDP" ? "DNS queries and other short request-response exchanges run over UDP" : v === "ICMP" ? "error and diagnostic messages run over ICMP" : "connections that need reliable, ordered delivery (HTTP, TLS, SSH) run over TCP";
  return { reason: join(`Protocol ${v}${app ? ` (the packet carries ${app})` : ""}: ${why}`), provenance: protocolRule("IANA protocol numbers: TCP 6, UDP 17, ICMP 1") };
}
