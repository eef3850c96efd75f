/** The journey of each packet in a flow, as the diagram animates it and the inspector lists it. */
import type { FlowTrace } from "../engine/trace-types";

export interface PathStep {
  readonly key: string;
  readonly label: string;
  readonly node: string;
  readonly kind: "hop" | "deliver" | "drop";
  readonly t: number;
  readonly index: number;
}

/** Every packet event of a flow in order: where the packet was and what happened there. */
export function packetPath(flow: FlowTrace): PathStep[] {
  const out: PathStep[] = [];
  for (const e of flow.events) {
    if (e.type === "hop" || e.type === "deliver" || e.type === "drop") out.push({ key: e.key, label: e.label, node: e.node, kind: e.type, t: e.t, index: e.index });
  }
  return out;
}
