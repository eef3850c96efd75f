/** Words for a diagram: the summary screen readers hear, and the rows of its interface table. */
import type { Diagram } from "@/lib/diagram/layout";
import type { NodeKind } from "@/lib/engine/model";

const KIND_WORDS: Readonly<Record<NodeKind, string>> = {
  host: "host",
  router: "router",
  internet: "internet cloud",
  "load-balancer": "load balancer",
  "vpc-router": "VPC router",
  "internet-gateway": "internet gateway",
  "nat-gateway": "NAT gateway",
  "k8s-node": "Kubernetes node",
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One paragraph a screen reader can speak in place of the picture: how many nodes, links and
 * zones, then each zone with its nodes and their addresses.
 */
export function describeDiagram(diagram: Diagram, label?: string): string {
  const head = `${label ? `${label}: n` : "N"}etwork diagram with ${plural(diagram.nodes.length, "node")}, ${plural(diagram.links.length, "link")}`;
  const zones = diagram.zones.length > 0 ? ` and ${plural(diagram.zones.length, "zone")}` : "";
  const describeNode = (id: string): string => {
    const n = diagram.nodes.find((x) => x.id === id)!;
    const addresses = n.addresses.length > 0 ? ` (${n.addresses.join(", ")})` : "";
    return `${n.label}, ${KIND_WORDS[n.kind]}${addresses}`;
  };
  const parts: string[] = [];
  const placed = new Set<string>();
  for (const z of diagram.zones) {
    const members = diagram.nodes.filter((n) => n.zone === z.id).map((n) => n.id);
    if (members.length === 0) continue;
    members.forEach((m) => placed.add(m));
    parts.push(`${z.label}: ${members.map(describeNode).join("; ")}`);
  }
  const loose = diagram.nodes.filter((n) => !placed.has(n.id)).map((n) => n.id);
  if (loose.length > 0) parts.push(`Outside any zone: ${loose.map(describeNode).join("; ")}`);
  return `${head}${zones}. ${parts.join(". ")}.`;
}

export interface InterfaceRow {
  readonly nodeId: string;
  readonly node: string;
  readonly kind: string;
  readonly zone: string | null;
  readonly name: string;
  readonly address: string | null;
  readonly mac: string;
  /** The link (segment) the interface sits on, by its label. */
  readonly link: string;
}

/** Every interface of every node, in diagram order, with the words a table shows. */
export function interfaceRows(diagram: Diagram): InterfaceRow[] {
  const segmentLabel = new Map(diagram.links.map((l) => [l.segment, l.label]));
  const zoneLabel = new Map(diagram.zones.map((z) => [z.id, z.label]));
  return diagram.nodes.flatMap((n) =>
    n.interfaces.map((i) => ({
      nodeId: n.id,
      node: n.label,
      kind: KIND_WORDS[n.kind],
      zone: n.zone ? (zoneLabel.get(n.zone) ?? null) : null,
      name: i.name,
      address: i.address,
      mac: i.mac,
      link: segmentLabel.get(i.segment) ?? i.segment,
    })),
  );
}
