/** Whole-question blanks: NAT and conntrack entries, orderings, cache and latency values, a flow's outcome. */
import { DISPOSITION_TEXT } from "../describe";
import type { Disposition } from "../../engine/trace-types";
import { join, symbolOf, type ExplainInput, type Explanation } from "./context";

function sideText(input: ExplainInput, side: "inside" | "translated" | "outside", value: string): string {
  const ip = symbolOf(input, `${side}.ip`)?.symbol.label;
  const port = symbolOf(input, `${side}.port`)?.symbol.label;
  const what = [ip, port].filter(Boolean).join(" and ");
  return `${side} ${value}${what ? ` (${what})` : ""}`;
}

export function explainNatEntry(input: ExplainInput): Explanation {
  const e = input.event;
  if (!e || e.type !== "nat") return { reason: input.blank.reason, provenance: input.blank.provenance };
  const kind = e.entry.kind === "dnat" ? "conntrack entry" : "NAT entry";
  const sides = [sideText(input, "inside", e.entry.inside), sideText(input, "translated", e.entry.translated), sideText(input, "outside", e.entry.outside)];
  const rule = e.entry.kind === "dnat"
    ? "kube-proxy's DNAT picks an endpoint for the service address, and conntrack remembers it so replies are rewritten back"
    : "the inside socket is rewritten to the translated one on the way out, the outside end is untouched, and replies to the translated socket are mapped back to the inside one";
  return { reason: join(`The ${kind} records ${sides.join(", ")}`, rule, e.reason), provenance: e.provenance };
}

export function explainOrder(input: ExplainInput): Explanation {
  const text = new Map((input.blank.options ?? []).map((o) => [o.id, o.text]));
  const steps = input.blank.parts.map((p, i) => `${i + 1}. ${text.get(p.expected) ?? p.expected}`);
  return { reason: `${join("Caches first, then the query, then the resolver's walk from the root down (each referral names the next server to ask)")} The order here: ${steps.join("; ")}.`, provenance: null };
}

export function explainValue(input: ExplainInput): Explanation {
  const { field, expected: v } = input.blank;
  const e = input.event;
  const reason = e?.reason ?? input.blank.reason;
  const provenance = e && "provenance" in e ? e.provenance : input.blank.provenance;
  if (field === "cache-status") return { reason: join(`${v}: the cache lookup's result`, reason), provenance };
  if (field === "latency-ms") return { reason: join(`${v} ms: the sum of the one-way link latencies there and back, plus any work on the way`, reason), provenance };
  return { reason: join(`${v} is the A record the lookup returns`, reason), provenance };
}

export function explainOutcome(input: ExplainInput): Explanation {
  const { field, expected: v } = input.blank;
  const outcome = input.flow.outcome;
  if (field === "disposition") {
    const text = DISPOSITION_TEXT[v as Disposition] ?? v;
    return { reason: join(`${text}: ${outcome.reason}`), provenance: null };
  }
  const name = input.blank.options?.find((o) => o.id === v)?.text ?? v;
  return { reason: join(`${name} decides it: ${outcome.reason}`), provenance: null };
}
