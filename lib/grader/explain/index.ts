/**
 * The "why" under every graded field: one explainer per field kind, fed by the trace event and
 * its provenance, each naming the rule that produced the value with this variant's numbers.
 */
import type { Trace } from "../../engine/trace-types";
import { eventByKey } from "../locate";
import type { KeyBlank } from "../types";
import { explainApplication } from "./application";
import type { ExplainInput, Explanation } from "./context";
import { explainAddressField, explainProtocol, explainSocket } from "./endpoints";
import { explainDestinationMac, explainSourceMac } from "./link-layer";
import { explainNatEntry, explainOrder, explainOutcome, explainValue } from "./questions";
import { explainRoute } from "./route";
import { explainAcknowledgement, explainFlags, explainSequence } from "./tcp";
import { explainTtl } from "./ttl";

export type { Explanation } from "./context";

const PACKET_FIELDS: Readonly<Record<string, (input: ExplainInput) => Explanation>> = {
  "eth.src": explainSourceMac,
  "eth.dst": explainDestinationMac,
  "ip.ttl": explainTtl,
  "ip.protocol": explainProtocol,
  "ip.src": (i) => explainAddressField(i, "src", "ip"),
  "ip.dst": (i) => explainAddressField(i, "dst", "ip"),
  "l4.srcPort": (i) => explainAddressField(i, "src", "port"),
  "l4.dstPort": (i) => explainAddressField(i, "dst", "port"),
  src: (i) => explainSocket(i, "src"),
  dst: (i) => explainSocket(i, "dst"),
  "tcp.seq": explainSequence,
  "tcp.ack": explainAcknowledgement,
  "tcp.flags": explainFlags,
  "route.match": explainRoute,
};

/** Why a blank's expected value is what it is. Falls back to the blank's own reason for anything unknown. */
export function explainBlank(blank: KeyBlank, trace: Trace, nodeLabel: (id: string) => string): Explanation {
  const flow = trace.flows.find((f) => f.id === blank.flow);
  if (!flow) return { reason: blank.reason, provenance: blank.provenance };
  const event = blank.source.source === "packet" || blank.source.source === "nat" || blank.source.source === "value" ? eventByKey(flow, blank.at) ?? null : null;
  const input: ExplainInput = { blank, trace, flow, event, nodeLabel };
  switch (blank.source.source) {
    case "nat": return explainNatEntry(input);
    case "order": return explainOrder(input);
    case "value": return explainValue(input);
    case "outcome": return explainOutcome(input);
    case "packet": {
      const explain = PACKET_FIELDS[blank.field];
      if (explain) return explain(input);
      if (/^(tls|http|dns)\./.test(blank.field)) return explainApplication(input);
      return { reason: blank.reason, provenance: blank.provenance };
    }
  }
}

/** The blank with its explanation in place of the event's generic reason. */
export function withExplanation(blank: KeyBlank, trace: Trace, nodeLabel: (id: string) => string): KeyBlank {
  const { reason, provenance } = explainBlank(blank, trace, nodeLabel);
  return { ...blank, reason, provenance };
}
