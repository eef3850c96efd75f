/**
 * What the packet-journey view (animated path on the diagram + layer inspector) needs. Only ever
 * sent to the browser after the attempt is submitted: the events hold every expected value.
 */
import type { Diagram } from "@/lib/diagram/layout";
import type { FlowOutcome, TraceEvent } from "@/lib/engine/trace-types";

export interface JourneyFlow {
  readonly id: string;
  readonly title: string;
  readonly outcome: FlowOutcome;
  /** The flow's events (all types: packets, NAT entries, DNS steps...). */
  readonly events: readonly TraceEvent[];
}

export interface JourneyProps {
  readonly diagram: Diagram;
  readonly flows: readonly JourneyFlow[];
  /** Flow and hop key to open first, e.g. the learner's first divergence. */
  readonly initialFlow?: string;
  readonly initialKey?: string;
}
