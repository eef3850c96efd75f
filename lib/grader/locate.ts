/**
 * Reads what a blank asks about out of a trace: a packet field at a hop, a NAT entry, a value
 * (cache status, latency), or a flow's outcome. Used for the real answer and, with the same
 * spec, for the answer a misconceived world would give.
 */
import { fieldRefs, matchedRoute, packetField } from "../engine/fields";
import type { FieldRef, FlowTrace, Trace, TraceEvent } from "../engine/trace-types";

export type BlankSource =
  | { readonly source: "packet"; readonly flow: string; readonly at: string; readonly field: string }
  | { readonly source: "nat"; readonly flow: string; readonly at: string }
  | { readonly source: "outcome"; readonly flow: string; readonly which: "disposition" | "component" }
  | { readonly source: "value"; readonly flow: string; readonly at: string; readonly value: "cache-status" | "latency-ms" | "dns-answer" }
  /** An ordering question: graded on its own, never compared across worlds. */
  | { readonly source: "order"; readonly flow: string; readonly question: string };

export interface Located {
  readonly expected: string;
  readonly parts: readonly { readonly expected: string; readonly ref: FieldRef | null }[];
  readonly event: TraceEvent | null;
}

/** Event lookup by key, cached per flow object (a flow's events never change once traced). */
const indexes = new WeakMap<FlowTrace, Map<string, TraceEvent>>();
export function eventByKey(flow: FlowTrace, key: string): TraceEvent | undefined {
  let index = indexes.get(flow);
  if (!index) {
    index = new Map();
    for (const e of flow.events) if ("key" in e) index.set(e.key, e);
    indexes.set(flow, index);
  }
  return index.get(key);
}

function flowOf(trace: Trace, id: string): FlowTrace | undefined {
  return trace.flows.find((f) => f.id === id);
}

function splitSocket(s: string): [string, string] {
  const i = s.lastIndexOf(":");
  return [s.slice(0, i), s.slice(i + 1)];
}

/** The value a blank asks for in this trace, or null when the trace has no such thing. */
export function locate(trace: Trace, spec: BlankSource): Located | null {
  const flow = flowOf(trace, spec.flow);
  if (!flow || spec.source === "order") return null;
  if (spec.source === "outcome") {
    const v = spec.which === "disposition" ? flow.outcome.disposition : flow.outcome.component;
    return { expected: v, parts: [{ expected: v, ref: null }], event: null };
  }
  const e = eventByKey(flow, spec.at);
  if (!e) return null;
  if (spec.source === "packet") {
    if (spec.field === "route.match") {
      const prefix = matchedRoute(e);
      return prefix === null ? null : { expected: prefix, parts: [{ expected: prefix, ref: null }], event: e };
    }
    if (!("packet" in e) || !e.packet || e.type === "arp") return null;
    const value = packetField(e.packet, spec.field);
    if (value === null) return null;
    const refs = "refs" in e ? fieldRefs(e.refs, spec.field) : [];
    if (spec.field === "src" || spec.field === "dst") {
      const [ip, port] = splitSocket(value);
      return { expected: value, parts: [{ expected: ip, ref: refs[0] ?? null }, { expected: port, ref: refs[1] ?? null }], event: e };
    }
    return { expected: value, parts: [{ expected: value, ref: refs[0] ?? null }], event: e };
  }
  if (spec.source === "nat") {
    if (e.type !== "nat") return null;
    const sides = [e.entry.inside, e.entry.translated, e.entry.outside].map(splitSocket);
    const names = ["inside", "translated", "outside"];
    const parts = sides.flatMap(([ip, port], i) => [
      { expected: ip, ref: e.refs[`${names[i]}.ip`] ?? null },
      { expected: port, ref: e.refs[`${names[i]}.port`] ?? null },
    ]);
    return { expected: `${e.entry.inside} -> ${e.entry.translated} -> ${e.entry.outside}`, parts, event: e };
  }
  let value: string | null = null;
  if (spec.value === "cache-status") {
    if (e.type === "cache") value = e.status;
    else if (e.type === "dns") value = e.result.startsWith("HIT") ? "HIT" : "MISS";
  } else if (spec.value === "latency-ms") {
    value = e.type === "step" ? e.details["elapsedMs"] ?? null : null;
  } else if (e.type === "dns") {
    value = /\d+\.\d+\.\d+\.\d+/.exec(e.result)?.[0] ?? null;
  }
  return value === null ? null : { expected: value, parts: [{ expected: value, ref: null }], event: e };
}
