/**
 * The journey view's model of a flow: every event as a selectable step with a title, where the
 * packet is at each step (and which links it crossed to get there), and where to start. Pure, so
 * the server render, the browser and the tests agree.
 */
import { linkId, linksBetween } from "@/components/diagram/geometry";
import { appSummary } from "@/lib/content/format-packet";
import type { Diagram } from "@/lib/diagram/layout";
import type { Disposition, Packet, TraceEvent } from "@/lib/engine/trace-types";
import type { JourneyFlow } from "./types";

export type StepTone = "send" | "forward" | "deliver" | "drop" | "note";

export interface JourneyStep {
  /** Position in the flow's events. */
  readonly index: number;
  readonly key: string;
  readonly type: TraceEvent["type"];
  readonly tone: StepTone;
  /** A short tag: SEND, FORWARD, DELIVER, DROP, ARP, NAT, DNS, CACHE, TLS, TCP... */
  readonly badge: string;
  readonly title: string;
  /** One line under the title: the packet in brief, or the step's result. */
  readonly detail: string;
  readonly node: string;
  readonly t: number;
  /** True for packet events (hop, deliver, drop): the ones drawn on the diagram. */
  readonly packet: boolean;
}

type Labels = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function labelOf(labels: Labels, id: string): string {
  const found = labels instanceof Map ? labels.get(id) : (labels as Readonly<Record<string, string>>)[id];
  return found ?? id;
}

const DNS_STEPS: Readonly<Record<string, string>> = {
  "browser-cache": "browser cache",
  "os-cache": "OS cache",
  "search-domain": "search domain",
  "stub-query": "stub resolver query",
  "resolver-cache": "resolver cache",
  "iterative-query": "iterative query",
  referral: "referral",
  answer: "answer",
  nxdomain: "NXDOMAIN",
  "cache-fill": "cache fill",
};

const NAT_ACTIONS = { create: "created", reuse: "reused", reverse: "used in reverse", expire: "expired" } as const;

/** "UDP 192.168.1.10:52431 → 8.8.8.8:53 · DNS query google.com A id=48409": a packet in one line. */
export function packetLine(p: Packet): string {
  const l4 = p.tcp ?? p.udp;
  const parts: string[] = [];
  if (p.ip) {
    const proto = p.tcp ? `TCP ${p.tcp.flags.join(",") || "(no flags)"}` : p.udp ? "UDP" : p.icmp ? `ICMP ${p.icmp.name}` : p.ip.protocol;
    const src = l4 ? `${p.ip.src}:${l4.srcPort}` : p.ip.src;
    const dst = l4 ? `${p.ip.dst}:${l4.dstPort}` : p.ip.dst;
    parts.push(`${proto} ${src} → ${dst}`);
  } else if (p.arp) {
    parts.push(p.arp.op === "request" ? `ARP who-has ${p.arp.targetIp}? tell ${p.arp.senderIp}` : `ARP ${p.arp.senderIp} is-at ${p.arp.senderMac}`);
  } else {
    parts.push(`${p.eth.type} ${p.eth.src} → ${p.eth.dst}`);
  }
  if (p.app) parts.push(appSummary(p.app));
  return parts.join(" · ");
}

/** The step list entry of one event. */
export function describeStep(e: TraceEvent, labels: Labels): JourneyStep {
  const at = labelOf(labels, e.node);
  const base = { index: e.index, key: e.key, type: e.type, node: e.node, t: e.t };
  switch (e.type) {
    case "hop":
      return {
        ...base, tone: e.action, badge: e.action === "send" ? "SEND" : "FORWARD", packet: true,
        title: `${e.label}: ${e.action === "send" ? "sent by" : "forwarded by"} ${at}`, detail: packetLine(e.packet),
      };
    case "deliver":
      return { ...base, tone: "deliver", badge: "DELIVER", packet: true, title: `${e.label}: delivered to ${at}`, detail: packetLine(e.packet) };
    case "drop":
      return { ...base, tone: "drop", badge: "DROP", packet: true, title: `${e.label}: dropped at ${at} (${e.disposition})`, detail: packetLine(e.packet) };
    case "arp":
      return {
        ...base, tone: "note", badge: "ARP", packet: false,
        title: e.op === "cache-hit" ? `ARP cache hit at ${at}` : `ARP ${e.op} from ${at}`,
        detail: e.packet ? packetLine(e.packet) : e.reason,
      };
    case "nat":
      return {
        ...base, tone: "note", badge: "NAT", packet: false,
        title: `NAT entry ${NAT_ACTIONS[e.action]} at ${at}`,
        detail: `${e.entry.protocol} ${e.entry.inside} → ${e.entry.translated} ↔ ${e.entry.outside}`,
      };
    case "dns":
      return { ...base, tone: "note", badge: "DNS", packet: false, title: `DNS ${DNS_STEPS[e.step] ?? e.step} at ${at}`, detail: `${e.name}: ${e.result}` };
    case "cache":
      return { ...base, tone: "note", badge: "CACHE", packet: false, title: `Cache ${e.status} at ${at}`, detail: e.lookup };
    case "step":
      return {
        ...base, tone: "note", badge: e.protocol === "LATENCY" ? "TIME" : e.protocol, packet: false,
        title: `${e.title} (${at})`, detail: Object.entries(e.details).map(([k, v]) => `${k}: ${v}`).join(" · "),
      };
  }
}

/** Every event of a flow as a step, in order. */
export function journeySteps(flow: Pick<JourneyFlow, "events">, labels: Labels): JourneyStep[] {
  return flow.events.map((e) => describeStep(e, labels));
}

function isPacketEvent(e: TraceEvent): e is Extract<TraceEvent, { type: "hop" | "deliver" | "drop" }> {
  return e.type === "hop" || e.type === "deliver" || e.type === "drop";
}

/** Where the packet is when a step is selected, and what the diagram highlights. */
export interface PacketState {
  /** The packet event shown (the selected step, or the last packet event before it); null before any. */
  readonly at: number | null;
  /** The node the packet is at. */
  readonly node: string | null;
  /** The node it came from when the selected step is itself that move; null otherwise. */
  readonly from: string | null;
  /** Nodes this packet has been through so far, in order (its own journey, not earlier packets'). */
  readonly visited: readonly string[];
  /** Links (linkId) this packet has crossed so far. */
  readonly crossed: readonly string[];
  /** Links crossed by the move of the selected step. */
  readonly active: readonly string[];
  readonly drop: { readonly node: string; readonly disposition: Disposition } | null;
}

const NOWHERE: PacketState = { at: null, node: null, from: null, visited: [], crossed: [], active: [], drop: null };

/** The packet's position and path at step `index` of a flow. */
export function packetStateAt(events: readonly TraceEvent[], diagram: Diagram, index: number): PacketState {
  let at = -1;
  for (let i = Math.min(index, events.length - 1); i >= 0; i--) {
    if (isPacketEvent(events[i]!)) {
      at = i;
      break;
    }
  }
  if (at < 0) return NOWHERE;
  const current = events[at] as Extract<TraceEvent, { type: "hop" | "deliver" | "drop" }>;
  // This packet's journey: the run of packet events with its label that ends here.
  const run: Extract<TraceEvent, { type: "hop" | "deliver" | "drop" }>[] = [current];
  for (let i = at - 1; i >= 0; i--) {
    const e = events[i]!;
    if (!isPacketEvent(e)) continue;
    if (e.label !== current.label || e.type !== "hop") break;
    run.unshift(e);
  }
  const visited: string[] = [];
  const crossed: string[] = [];
  let active: string[] = [];
  for (let k = 0; k < run.length; k++) {
    const e = run[k]!;
    if (visited[visited.length - 1] !== e.node) visited.push(e.node);
    if (k === 0) continue;
    const prev = run[k - 1]!;
    if (prev.node === e.node) continue;
    const ids = linksBetween(diagram, prev.node, e.node).map(linkId);
    crossed.push(...ids.filter((id) => !crossed.includes(id)));
    if (k === run.length - 1) active = ids;
  }
  const prev = run.length > 1 ? run[run.length - 2]! : null;
  const moved = at === index && prev !== null && prev.node !== current.node;
  return {
    at,
    node: current.node,
    from: moved ? prev.node : null,
    visited,
    crossed,
    active: at === index ? active : [],
    drop: current.type === "drop" ? { node: current.node, disposition: current.disposition } : null,
  };
}

/**
 * The flow and step to open first: the event with `initialKey` in `initialFlow` (packet events
 * preferred when a key repeats), else the start of the first flow.
 */
export function initialPosition(
  flows: readonly Pick<JourneyFlow, "id" | "events">[],
  initialFlow?: string,
  initialKey?: string,
): { flow: number; step: number } {
  const found = initialFlow === undefined ? -1 : flows.findIndex((f) => f.id === initialFlow);
  const flow = found >= 0 ? found : 0;
  const events = flows[flow]?.events ?? [];
  if (initialKey === undefined) return { flow, step: 0 };
  const packet = events.findIndex((e) => e.key === initialKey && isPacketEvent(e));
  const any = packet >= 0 ? packet : events.findIndex((e) => e.key === initialKey);
  return { flow, step: Math.max(0, any) };
}

/** How long autoplay rests on a step: moves take longer than notes. */
export function stepDuration(step: JourneyStep, moved: boolean): number {
  if (step.tone === "drop") return 1600;
  return moved ? 1100 : step.packet ? 800 : 700;
}

/** Simulated time for people: "13 ms", "0.45 ms", "112.2 ms". */
export function formatTime(t: number): string {
  return `${Number(t.toFixed(2))} ms`;
}
