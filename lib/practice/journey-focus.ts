/**
 * Where the journey view should open for a graded blank: the hop it is about, the NAT entry, the
 * last packet of a flow for its outcome, or the first DNS step for an ordering. Pure and tiny, so
 * both the server and the results view (in the browser) use it.
 */
import type { TraceEvent } from "@/lib/engine/trace-types";

interface FlowEvents {
  readonly id: string;
  readonly events: readonly TraceEvent[];
}

export interface JourneyFocus {
  readonly initialFlow: string;
  readonly initialKey?: string;
}

const PACKET_TYPES = new Set(["hop", "deliver", "drop"]);

/** The flow and event key to open for a blank at `at` in `flow` (a grade's `flow` and `at`). */
export function journeyFocus(flows: readonly FlowEvents[], flow: string, at: string): JourneyFocus | null {
  const f = flows.find((x) => x.id === flow);
  if (!f) return null;
  const exact = f.events.find((e) => e.key === at);
  if (exact) return { initialFlow: flow, initialKey: exact.key };
  let chosen: TraceEvent | undefined;
  if (at === "outcome") chosen = [...f.events].reverse().find((e) => PACKET_TYPES.has(e.type));
  else if (at.startsWith("order/")) chosen = f.events.find((e) => e.type === "dns");
  return chosen ? { initialFlow: flow, initialKey: chosen.key } : { initialFlow: flow };
}
