/**
 * What an explanation is built from: the blank, the trace event it asks about (with its
 * decisions and provenance) and the symbols the event's fields point at. Explanations name the
 * rule that produced a value, with this variant's numbers, so a learner learns why, not only what.
 */
import type { Decision, DecisionKind, FlowTrace, Provenance, Trace, TraceEvent, TraceSymbol } from "../../engine/trace-types";
import type { KeyBlank } from "../types";

export interface ExplainInput {
  readonly blank: KeyBlank;
  readonly trace: Trace;
  readonly flow: FlowTrace;
  /** The event the blank is about, or null for a flow's outcome and orderings. */
  readonly event: TraceEvent | null;
  readonly nodeLabel: (id: string) => string;
}

export interface Explanation {
  readonly reason: string;
  readonly provenance: Provenance | null;
}

/** The symbol a field of the event points at, with the offset from it (0 for a lookup). */
export function symbolOf(input: ExplainInput, field: string): { symbol: TraceSymbol; offset: number } | null {
  const e = input.event;
  if (!e || !("refs" in e) || !e.refs) return null;
  const ref = (e.refs as Readonly<Record<string, { symbol: string; offset?: number } | undefined>>)[field];
  if (!ref) return null;
  const symbol = input.trace.symbols[ref.symbol];
  return symbol ? { symbol, offset: typeof ref.offset === "number" ? ref.offset : 0 } : null;
}

/** The event's first decision of one of the given kinds. */
export function decisionOf(event: TraceEvent | null, ...kinds: DecisionKind[]): Decision | null {
  if (!event || !("decisions" in event)) return null;
  return event.decisions.find((d) => kinds.includes(d.kind)) ?? null;
}

/** The hop's message name in its flow ("tcp.syn-ack" without a "jump." or "origin." prefix). */
export function coreLabel(event: TraceEvent | null): string {
  if (!event || !("label" in event)) return "";
  const parts = event.label.split(".");
  return parts.slice(-2).join(".");
}

/** "a sentence." from "a sentence" (explanations are joined from sentences). */
export function sentence(s: string): string {
  const t = s.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return t.length === 0 || /[.!?]\)?$/.test(t) ? capital : `${capital}.`;
}

export function join(...sentences: readonly (string | null | undefined | false)[]): string {
  return sentences.filter((s): s is string => typeof s === "string" && s.trim().length > 0).map(sentence).join(" ");
}

export function protocolRule(rule: string): Provenance {
  return { kind: "protocol", rule };
}

/** "home-router's wan0" for node home-router and interface wan0 (ids, as route tables and symbols name them). */
export function interfaceName(node: string, iface: string | null | undefined): string {
  return iface ? `${node}'s ${iface}` : node;
}

/** "X/eth0" in a symbol label -> "X's eth0". */
export function readableOwner(label: string): string {
  return label.replace(/^(?:MAC )?address of /, "").replace(/^([^/\s]+)\/(\S+)$/, "$1's $2");
}
