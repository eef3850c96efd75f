/**
 * A trace as text, for people: per flow, one entry per event (time, kind, hop key, what happened),
 * each packet's layers underneath, each hop's decisions indented below it, and the flow's
 * outcome and latency at the end. Pure: a Trace in, lines out (the CLI in scripts/trace.ts prints
 * them). Colour is optional ANSI; layout is computed on plain text, so wrapping is exact.
 */
import type { Decision, FlowTrace, Trace, TraceEvent } from "../engine/trace-types";
import { packetLayers } from "./format-packet";

export interface FormatOptions {
  /** Maximum line width (default 100; never below 60). */
  readonly width?: number;
  /** ANSI colour (default off). */
  readonly color?: boolean;
  /** Show each hop's decisions (default on). */
  readonly decisions?: boolean;
}

type Paint = "bold" | "dim" | "red" | "green" | "yellow" | "blue" | "magenta" | "cyan";
const ANSI: Readonly<Record<Paint, string>> = {
  bold: "\x1b[1m", dim: "\x1b[2m", red: "\x1b[31m", green: "\x1b[32m", yellow: "\x1b[33m", blue: "\x1b[34m", magenta: "\x1b[35m", cyan: "\x1b[36m",
};

const KIND_PAINT: Readonly<Record<TraceEvent["type"], Paint>> = {
  hop: "cyan", deliver: "green", drop: "red", arp: "yellow", nat: "magenta", dns: "blue", cache: "blue", step: "dim",
};

const TIME_WIDTH = 8;
const KIND_WIDTH = 7;
const MAX_KEY_WIDTH = 32;
/** Where packet layers, reasons and decisions start: just after the time column. */
const INDENT = TIME_WIDTH + 2;

/** Splits text into lines of at most `width` characters, breaking at spaces (and inside over-long words). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const raw of text.split(/\s+/).filter((w) => w !== "")) {
    let word = raw;
    while (word.length > width) {
      if (line !== "") {
        lines.push(line);
        line = "";
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

/** Milliseconds with one decimal, or up to three when the value needs them. */
export function formatMs(t: number): string {
  const tenths = t * 10;
  return Math.abs(tenths - Math.round(tenths)) < 1e-6 ? t.toFixed(1) : String(Math.round(t * 1000) / 1000);
}

class Writer {
  readonly lines: string[] = [];
  constructor(readonly width: number, readonly color: boolean) {}

  paint(text: string, ...paints: Paint[]): string {
    if (!this.color || paints.length === 0 || text === "") return text;
    return `${paints.map((p) => ANSI[p]).join("")}${text}\x1b[0m`;
  }

  /**
   * Text wrapped at `indent`, with an optional first-line prefix; later lines hang under the text,
   * or repeat the prefix when `repeat` is set (the "| " bar of a packet's layers).
   */
  block(indent: number, text: string, paint: Paint | null = null, prefix = "", repeat = false): void {
    const pad = " ".repeat(indent);
    const hang = repeat ? this.paint(prefix, "dim") : " ".repeat(prefix.length);
    const wrapped = wrapText(text, Math.max(20, this.width - indent - prefix.length));
    wrapped.forEach((l, i) => {
      const body = paint ? this.paint(l, paint) : l;
      this.lines.push(`${pad}${i === 0 ? this.paint(prefix, "dim") : hang}${body}`);
    });
  }
}

function eventSummary(e: TraceEvent): string {
  switch (e.type) {
    case "hop": return `${e.action} ${e.ingress !== null ? `${e.ingress} -> ` : ""}${e.egress}, next hop ${e.nextHop}`;
    case "deliver": return `delivered, in on ${e.ingress}`;
    case "drop": return `DROPPED: ${e.disposition} (blame ${e.component})`;
    case "arp": return e.op;
    case "nat": return `${e.action} ${e.entry.kind}: inside -> translated -> outside`;
    case "dns": return `${e.step} ${e.name}: ${e.result}`;
    case "cache": return `${e.cache} ${e.lookup}: ${e.status}`;
    case "step": return `${e.protocol}: ${e.title}`;
  }
}

function eventLines(w: Writer, e: TraceEvent, keyWidth: number, showDecisions: boolean): void {
  const time = formatMs(e.t).padStart(TIME_WIDTH);
  const kind = e.type.padEnd(KIND_WIDTH);
  const key = e.key.padEnd(keyWidth);
  const head = `${time}  ${kind}  ${key}  `;
  const summary = eventSummary(e);
  const paintSummary: Paint[] = e.type === "drop" ? ["red", "bold"] : [];
  const room = w.width - head.length;
  const coloured = `${time}  ${w.paint(kind, KIND_PAINT[e.type])}  ${w.paint(key, "bold")}  `;
  if (room < 20) {
    // Too narrow for a "what" column: the summary gets its own lines under the event.
    w.lines.push(coloured.trimEnd());
    w.block(INDENT, summary, paintSummary[0] ?? null);
  } else {
    const [first, ...rest] = wrapText(summary, room);
    w.lines.push(`${coloured}${w.paint(first!, ...paintSummary)}`.trimEnd());
    for (const l of rest) w.lines.push(" ".repeat(head.length) + w.paint(l, ...paintSummary));
  }
  const packet = "packet" in e ? e.packet : null;
  switch (e.type) {
    case "nat": {
      const x = e.entry;
      w.block(INDENT, `${x.protocol} ${x.inside} -> ${x.translated} -> ${x.outside} (${x.table})`, null, "| ", true);
      break;
    }
    case "dns": case "cache": case "step": w.block(INDENT, e.reason, "dim"); break;
    case "drop": w.block(INDENT, e.reason, "red"); break;
    case "arp": if (packet === null) w.block(INDENT, e.reason, "dim"); break;
    default: break;
  }
  if (packet) for (const layer of packetLayers(packet)) w.block(INDENT, layer, null, "| ", true);
  if (showDecisions && "decisions" in e) for (const d of e.decisions) decisionLines(w, d);
}

function decisionLines(w: Writer, d: Decision): void {
  w.block(INDENT + 2, d.reason, null, `- ${d.kind}: `);
}

function outcomeLines(w: Writer, f: FlowTrace): void {
  const o = f.outcome;
  const ok = o.disposition === "DELIVERED";
  const blame = o.component !== o.node ? ` (blame ${o.component})` : "";
  w.block(2, `=> ${o.disposition} at ${o.node}${blame}`, ok ? "green" : "red");
  w.block(5, o.reason);
  const segments = f.latency.segments.map((s) => `${s.segment} ${formatMs(s.ms)} ms x${s.crossings}`).join(", ");
  w.block(5, `latency ${formatMs(f.latency.totalMs)} ms in total${segments ? `: ${segments}` : ""}`, "dim");
}

/** The lines for one flow: a header, every event, the outcome and latency. */
export function formatFlow(flow: FlowTrace, options: FormatOptions = {}): string[] {
  const w = new Writer(Math.max(60, options.width ?? 100), options.color ?? false);
  writeFlow(w, flow, options.decisions ?? true);
  return w.lines;
}

function writeFlow(w: Writer, flow: FlowTrace, showDecisions: boolean): void {
  for (const l of wrapText(`== ${flow.id}: ${flow.title}`, w.width)) w.lines.push(w.paint(l, "bold"));
  const keyWidth = Math.min(MAX_KEY_WIDTH, Math.max(3, ...flow.events.map((e) => e.key.length)));
  w.lines.push(w.paint(`${"t (ms)".padStart(TIME_WIDTH)}  ${"event".padEnd(KIND_WIDTH)}  ${"key".padEnd(keyWidth)}  what`, "dim"));
  for (const e of flow.events) eventLines(w, e, keyWidth, showDecisions);
  outcomeLines(w, flow);
}

/** The whole trace: a header (scenario, seed, engine, variables, rules in play) and every flow. */
export function formatTrace(trace: Trace, options: FormatOptions = {}): string[] {
  const w = new Writer(Math.max(60, options.width ?? 100), options.color ?? false);
  w.lines.push(w.paint(`${trace.scenarioId}  seed ${trace.seed}  engine ${trace.engineVersion}  (${trace.format})`.slice(0, w.width), "bold"));
  const vars = Object.entries(trace.variables).map(([k, v]) => `${k}=${v}`).join(" ");
  if (vars) w.block(0, vars, "dim", "variables: ");
  if (trace.rulesInPlay.length > 0) w.block(0, trace.rulesInPlay.join(", "), "dim", "rules in play: ");
  for (const flow of trace.flows) {
    w.lines.push("");
    writeFlow(w, flow, options.decisions ?? true);
  }
  return w.lines;
}
