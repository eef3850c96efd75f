/**
 * Compares the simulator's trace of a kernel case with what tcpdump and conntrack saw, link by
 * link and frame by frame: MACs, ARP, addresses, TTL, ports, TCP flags, seq/ack relative to each
 * side's ISN, ICMP errors with the header they carry, and the NAT entries. Pure: data in, rows
 * and differences out.
 */
import type { FreeSpec, Trace, TraceSymbol } from "../../lib/engine/trace-types";
import type { Frame } from "./pcap";

/** One frame on one link, reduced to the compared fields (absent fields are "-"). */
export interface Row {
  readonly link: string;
  readonly fields: Readonly<Record<string, string>>;
  /** For fields the simulator cannot know exactly: the values its policy allows. */
  readonly free: Readonly<Record<string, FreeSpec>>;
}

export interface Difference {
  readonly link: string;
  readonly index: number;
  readonly field: string;
  readonly sim: string;
  readonly kernel: string;
}

export const FIELDS = ["eth", "arp", "ip", "ttl", "ports", "flags", "seq", "ack", "icmp"] as const;

interface Raw {
  link: string;
  ethSrc: string; ethDst: string;
  arp?: string;
  src?: string; dst?: string; ttl?: number; proto?: string;
  sport?: number; dport?: number;
  flags?: readonly string[]; seq?: number; ack?: number;
  icmp?: string;
  free: Record<string, FreeSpec>;
}

/** The simulator's frames per link, in order: every hop a packet makes and every ARP message. */
export function simulatedFrames(trace: Trace, macToLink: ReadonlyMap<string, string>): Raw[] {
  const out: Raw[] = [];
  const symbols: Readonly<Record<string, TraceSymbol>> = trace.symbols;
  for (const flow of trace.flows) {
    for (const e of flow.events) {
      if (e.type === "arp" && e.packet?.arp) {
        const a = e.packet.arp;
        out.push({ link: macToLink.get(e.packet.eth.src.toUpperCase()) ?? "?", ethSrc: e.packet.eth.src, ethDst: e.packet.eth.dst, arp: `${a.op} who-has ${a.targetIp} tell ${a.senderIp}${a.op === "reply" ? ` is-at ${a.senderMac}` : ""}`, free: {} });
      }
      if (e.type !== "hop") continue;
      const p = e.packet;
      const l4 = p.tcp ?? p.udp;
      const free: Record<string, FreeSpec> = {};
      for (const [field, ref] of Object.entries(e.refs)) {
        const spec = ref ? symbols[ref.symbol]?.free : null;
        if (spec && "offset" in ref && ref.offset === 0) free[field] = spec;
      }
      out.push({
        link: macToLink.get(p.eth.src.toUpperCase()) ?? "?", ethSrc: p.eth.src, ethDst: p.eth.dst,
        src: p.ip?.src, dst: p.ip?.dst, ttl: p.ip?.ttl, proto: p.ip?.protocol, sport: l4?.srcPort, dport: l4?.dstPort,
        flags: p.tcp?.flags, seq: p.tcp?.seq, ack: p.tcp?.ack,
        icmp: p.icmp ? `${p.icmp.type}/${p.icmp.code}${p.icmp.about ? ` [${p.icmp.about}]` : ""}` : undefined, free,
      });
    }
  }
  return out;
}

/** The kernel's frames, labelled with the link they were captured on. */
export function kernelFrames(link: string, frames: readonly Frame[]): Raw[] {
  return frames.map((f) => ({
    link, ethSrc: f.ethSrc, ethDst: f.ethDst,
    arp: f.arp ? `${f.arp.op} who-has ${f.arp.targetIp} tell ${f.arp.senderIp}${f.arp.op === "reply" ? ` is-at ${f.arp.senderMac}` : ""}` : undefined,
    src: f.ip?.src, dst: f.ip?.dst, ttl: f.ip?.ttl, proto: f.ip?.protocol, sport: f.sport, dport: f.dport,
    flags: f.tcp?.flags, seq: f.tcp?.seq, ack: f.tcp?.ack,
    icmp: f.icmp ? `${f.icmp.type}/${f.icmp.code}${f.icmp.inner ? ` [${f.icmp.inner}]` : ""}` : undefined, free: {},
  }));
}

/**
 * The kernel's close as the simulator tells it: when the server ACKs the client's FIN in one
 * segment and sends its own FIN in the next (Linux does when the application closes a moment
 * later), the two become one FIN-ACK. Returns the frames and how many pairs were merged, each of
 * which is the declared simplification "tcp-close-fin-ack".
 */
export function mergeCloseAcks(frames: readonly Raw[]): { frames: Raw[]; merged: number } {
  const out: Raw[] = [];
  let merged = 0;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    const next = frames[i + 1];
    const prev = out[out.length - 1];
    const pureAck = f.flags?.length === 1 && f.flags[0] === "ACK";
    const peerFinBefore = prev?.flags?.includes("FIN") && prev.src === f.dst && prev.sport === f.dport;
    const ownFinNext = next?.flags?.includes("FIN") && next.src === f.src && next.sport === f.sport && next.ack === f.ack && next.seq === f.seq;
    if (pureAck && peerFinBefore && ownFinNext) {
      merged++;
      continue;
    }
    out.push(f);
  }
  return { frames: out, merged };
}

/**
 * The kernel's capture without retransmissions: a second copy of a segment (same addresses, ports,
 * flags, seq and ack on the same link) that carries no FIN. The simulator's network loses nothing,
 * so it never retransmits; in the lab the first SYN can be answered only after the client's
 * one-second retransmission timer has fired (the new links are still settling), and then the SYN,
 * the SYN-ACK and the ACK that answers the second SYN-ACK each appear twice. That is the lab's
 * timing, not a behaviour to compare, so the copies are dropped and counted (run.ts prints the
 * count). FIN segments are never dropped: how the close looks is compared (see mergeCloseAcks).
 */
export function dropRetransmissions(frames: readonly Raw[]): { frames: Raw[]; dropped: number } {
  const seen = new Set<string>();
  const out: Raw[] = [];
  for (const f of frames) {
    const tcp = f.flags !== undefined && !f.flags.includes("FIN");
    const id = tcp ? [f.link, f.src, f.dst, f.sport, f.dport, f.flags!.join(","), f.seq, f.ack].join("|") : null;
    if (id !== null && seen.has(id)) continue;
    if (id !== null) seen.add(id);
    out.push(f);
  }
  return { frames: out, dropped: frames.length - out.length };
}

/**
 * Rows for one link: sequence numbers made relative to each side's ISN (the seq of its SYN on
 * this link), so the simulator's seeded ISNs and the kernel's random ones compare.
 */
export function rows(frames: readonly Raw[]): Row[] {
  const isn = new Map<string, number>();
  const sock = (ip?: string, port?: number) => `${ip}:${port}`;
  return frames.map((f) => {
    let seq = "-";
    let ack = "-";
    if (f.flags && f.seq !== undefined && f.ack !== undefined) {
      const me = sock(f.src, f.sport);
      const peer = sock(f.dst, f.dport);
      if (f.flags.includes("SYN")) isn.set(`${me}>${peer}`, f.seq);
      const mine = isn.get(`${me}>${peer}`);
      const theirs = isn.get(`${peer}>${me}`);
      seq = mine === undefined ? "?" : String((f.seq - mine) >>> 0);
      if (f.flags.includes("ACK")) ack = theirs === undefined ? "?" : String((f.ack - theirs) >>> 0);
    }
    const fields: Record<string, string> = {
      eth: `${f.ethSrc.toUpperCase()} > ${f.ethDst.toUpperCase()}`,
      arp: f.arp?.toUpperCase() ?? "-",
      ip: f.src ? `${f.proto} ${f.src} > ${f.dst}` : "-",
      ttl: f.ttl === undefined ? "-" : String(f.ttl),
      ports: f.sport === undefined ? "-" : `${f.sport} > ${f.dport}`,
      flags: f.flags ? f.flags.join(",") : "-",
      seq, ack,
      icmp: f.icmp ?? "-",
    };
    return { link: f.link, fields, free: f.free };
  });
}

function allowed(spec: FreeSpec | undefined, value: string): boolean {
  if (!spec) return false;
  if (spec.kind === "range") return Number(value) >= spec.min && Number(value) <= spec.max;
  if (spec.kind === "one-of") return spec.values.includes(value);
  return new RegExp(spec.pattern).test(value);
}

/** Whether the ports differ only where the simulator's policy allows any value of a range. */
function portsAllowed(sim: Row, kernel: string): boolean {
  const [s1, d1] = sim.fields.ports!.split(" > ");
  const [s2, d2] = kernel.split(" > ");
  return (s1 === s2 || allowed(sim.free["l4.srcPort"], s2!)) && (d1 === d2 || allowed(sim.free["l4.dstPort"], d2!));
}

/** Field-by-field differences between the simulator's and the kernel's frames on one link. */
export function compareLink(link: string, sim: readonly Row[], kernel: readonly Row[]): Difference[] {
  const diffs: Difference[] = [];
  for (let i = 0; i < Math.max(sim.length, kernel.length); i++) {
    const s = sim[i];
    const k = kernel[i];
    if (!s || !k) {
      diffs.push({ link, index: i, field: "frame", sim: s ? summary(s) : "(none)", kernel: k ? summary(k) : "(none)" });
      continue;
    }
    for (const field of FIELDS) {
      const a = s.fields[field]!;
      const b = k.fields[field]!;
      if (a === b) continue;
      if (field === "ports" && portsAllowed(s, b)) continue;
      diffs.push({ link, index: i, field, sim: a, kernel: b });
    }
  }
  return diffs;
}

/** One line for a frame, for the table. */
export function summary(r: Row): string {
  const f = r.fields;
  if (f.arp !== "-") return `ARP ${f.arp}`;
  const tcp = f.flags !== "-" ? ` [${f.flags}] seq=${f.seq} ack=${f.ack}` : "";
  const icmp = f.icmp !== "-" ? ` ICMP ${f.icmp}` : "";
  return `${f.ip} ${f.ports !== "-" ? f.ports : ""} ttl=${f.ttl}${tcp}${icmp}`.replace(/\s+/g, " ");
}

/** A NAT entry as "TCP inside -> translated -> outside" (snat or dnat), from the simulator's nat events. */
export function simulatedNat(trace: Trace): { node: string; text: string; free: FreeSpec | null }[] {
  const out: { node: string; text: string; free: FreeSpec | null }[] = [];
  for (const flow of trace.flows) {
    for (const e of flow.events) {
      if (e.type !== "nat" || e.action !== "create") continue;
      const ref = e.refs["translated.port"];
      out.push({ node: e.node, text: `${e.entry.kind} ${e.entry.protocol} ${e.entry.inside} -> ${e.entry.translated} -> ${e.entry.outside}`, free: ref ? trace.symbols[ref.symbol]?.free ?? null : null });
    }
  }
  return out;
}

/** A translated `conntrack -L` line in the same form; null for an untranslated connection. */
export function conntrackNat(line: string): string | null {
  const proto = /^(\w+)/.exec(line)?.[1]?.toUpperCase();
  const kv = [...line.matchAll(/(src|dst|sport|dport)=(\S+)/g)].map((m) => m[2]!);
  if (!proto || kv.length < 8) return null;
  const [os, od, osp, odp, rs, rd, rsp, rdp] = kv;
  if (rd !== os || rdp !== osp) return `snat ${proto} ${os}:${osp} -> ${rd}:${rdp} -> ${od}:${odp}`;
  if (rs !== od || rsp !== odp) return `dnat ${proto} ${os}:${osp} -> ${rs}:${rsp} -> ${od}:${odp}`;
  return null;
}

/** Whether a kernel NAT entry is the simulator's, allowing any translated port its policy allows. */
export function natMatches(sim: { text: string; free: FreeSpec | null }, kernel: string): boolean {
  if (sim.text === kernel) return true;
  const re = /^(\w+ \w+ \S+ -> [\d.]+:)(\d+)( -> \S+)$/;
  const a = re.exec(sim.text);
  const b = re.exec(kernel);
  return !!a && !!b && a[1] === b[1] && a[3] === b[3] && allowed(sim.free ?? undefined, b[2]!);
}

/**
 * The state each simulated NAT entry ends in ("TIME_WAIT" after a closed probe), keyed like
 * `simulatedNat`'s text: the last "Conntrack: STATE, expires in N s" a packet of it left in the trace.
 */
export function simulatedStates(trace: Trace): Map<string, { state: string; timeoutS: number }> {
  const out = new Map<string, { state: string; timeoutS: number }>();
  const note = (node: string, kind: string, entry: string, reason: string) => {
    const m = /Conntrack: (\w+), expires in (\d+) s/.exec(reason);
    if (m) out.set(`${node} ${kind} ${entry}`, { state: m[1]!, timeoutS: Number(m[2]) });
  };
  for (const flow of trace.flows) {
    for (const e of flow.events) {
      if (e.type === "nat" && e.action === "create") note(e.node, e.entry.kind, `${e.entry.protocol} ${e.entry.inside} -> ${e.entry.translated} -> ${e.entry.outside}`, e.reason);
      if (e.type !== "hop") continue;
      for (const d of e.decisions) {
        if (d.provenance.kind !== "table-entry") continue;
        const kind = d.kind === "snat" || d.kind === "unsnat" ? "snat" : d.kind === "dnat" || d.kind === "undnat" ? "dnat" : null;
        if (kind) note(e.node, kind, d.provenance.entry, d.reason);
      }
    }
  }
  return out;
}

/** The STATE column of a `conntrack -L` line (TCP), or UDP/ICMP's [UNREPLIED]/[ASSURED] flags. */
export function conntrackState(line: string): { state: string; timeoutS: number } {
  const [proto, , timeout, fourth] = line.trim().split(/\s+/);
  const timeoutS = Number(timeout);
  if (proto === "tcp") return { state: fourth ?? "?", timeoutS };
  return { state: line.includes("[UNREPLIED]") ? "UNREPLIED" : line.includes("[ASSURED]") ? "ASSURED" : "REPLIED", timeoutS };
}
