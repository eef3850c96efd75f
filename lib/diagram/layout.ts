/**
 * Lays out a scenario's network as a diagram: nodes in columns by their distance (in links) from
 * where the story starts, zones (home network, VPC, subnet, cluster...) as boxes around their
 * nodes, links as lines. Deterministic and pure, so the server renders the same picture every time.
 */
import { formatIpv4 } from "../net/ipv4";
import type { NetworkModel, NodeKind } from "../engine/model";

export interface ZoneInput {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly parent?: string | undefined;
}

export interface DiagramNode {
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  readonly x: number;
  readonly y: number;
  readonly addresses: readonly string[];
  /** Each interface as the diagram labels it: learners read MACs and addresses off the picture. */
  readonly interfaces: readonly { readonly name: string; readonly address: string | null; readonly mac: string; readonly segment: string }[];
  readonly zone: string | null;
}

export interface DiagramZone {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly depth: number;
}

export interface DiagramLink {
  readonly segment: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

export interface Diagram {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly DiagramNode[];
  readonly zones: readonly DiagramZone[];
  readonly links: readonly DiagramLink[];
}

const COLUMN = 200;
const ROW = 120;
const MARGIN = 70;
const ZONE_PAD = 44;

/** Lays out the network, starting the columns from `start` (the node where the first flow begins). */
export function layoutDiagram(network: NetworkModel, zones: readonly ZoneInput[], start: string | null): Diagram {
  const nodes = network.nodes;
  const bySegment = new Map<string, string[]>();
  for (const n of nodes) for (const i of n.interfaces) {
    const list = bySegment.get(i.segment) ?? [];
    if (!list.includes(n.id)) list.push(n.id);
    bySegment.set(i.segment, list);
  }
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const members of bySegment.values()) for (const a of members) for (const b of members) if (a !== b) neighbours.get(a)!.push(b);
  const column = new Map<string, number>();
  const roots = [start, ...nodes.map((n) => n.id)].filter((x): x is string => x !== null && neighbours.has(x));
  let offset = 0;
  for (const root of roots) {
    if (column.has(root)) continue;
    const queue = [root];
    column.set(root, offset);
    let max = offset;
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const next of neighbours.get(id)!) {
        if (column.has(next)) continue;
        const c = column.get(id)! + 1;
        column.set(next, c);
        max = Math.max(max, c);
        queue.push(next);
      }
    }
    offset = max + 1;
  }
  const zoneOrder = new Map(zones.map((z, i) => [z.id, i]));
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  const columns = new Map<number, string[]>();
  for (const n of nodes) {
    const c = column.get(n.id) ?? 0;
    const list = columns.get(c) ?? [];
    list.push(n.id);
    columns.set(c, list);
  }
  const zoneOf = new Map(nodes.map((n) => [n.id, n.zone]));
  const placed = new Map<string, { x: number; y: number }>();
  let rows = 0;
  for (const [c, ids] of columns) {
    ids.sort((a, b) => (zoneOrder.get(zoneOf.get(a) ?? "") ?? 999) - (zoneOrder.get(zoneOf.get(b) ?? "") ?? 999) || order.get(a)! - order.get(b)!);
    ids.forEach((id, r) => placed.set(id, { x: MARGIN + c * COLUMN + ZONE_PAD, y: MARGIN + r * ROW + ZONE_PAD }));
    rows = Math.max(rows, ids.length);
  }
  const diagramNodes: DiagramNode[] = nodes.map((n) => ({
    id: n.id, label: n.label, kind: n.kind, zone: n.zone, ...placed.get(n.id)!,
    addresses: n.interfaces.filter((i) => i.ip !== null).map((i) => `${formatIpv4(i.ip!)}${i.prefix < 32 ? `/${i.prefix}` : ""}`),
    interfaces: n.interfaces.map((i) => ({ name: i.name, address: i.ip === null ? null : `${formatIpv4(i.ip)}${i.prefix < 32 ? `/${i.prefix}` : ""}`, mac: i.mac, segment: i.segment })),
  }));
  const diagramZones = layoutZones(zones, diagramNodes);
  const links: DiagramLink[] = [];
  const forwards = new Map(nodes.map((n) => [n.id, n.forwards]));
  const segLabel = new Map(network.segments.map((s) => [s.id, s.label]));
  for (const [segment, members] of bySegment) {
    if (members.length < 2) continue;
    const hub = members.find((m) => forwards.get(m)) ?? members[0]!;
    for (const m of members) if (m !== hub) links.push({ segment, label: segLabel.get(segment) ?? segment, from: hub, to: m });
  }
  const maxCol = Math.max(0, ...column.values());
  const right = Math.max(MARGIN * 2 + (maxCol + 1) * COLUMN, ...diagramZones.map((z) => z.x + z.w + MARGIN / 2));
  const bottom = Math.max(MARGIN * 2 + rows * ROW, ...diagramZones.map((z) => z.y + z.h + MARGIN / 2));
  return { width: Math.round(right), height: Math.round(bottom), nodes: diagramNodes, zones: diagramZones, links };
}

function layoutZones(zones: readonly ZoneInput[], nodes: readonly DiagramNode[]): DiagramZone[] {
  const children = new Map<string, string[]>();
  for (const z of zones) if (z.parent) children.set(z.parent, [...(children.get(z.parent) ?? []), z.id]);
  const depthOf = (id: string): number => {
    let d = 0;
    let cur = zones.find((z) => z.id === id);
    while (cur?.parent && d < 10) {
      d++;
      cur = zones.find((z) => z.id === cur!.parent);
    }
    return d;
  };
  const members = (id: string): DiagramNode[] => [...nodes.filter((n) => n.zone === id), ...(children.get(id) ?? []).flatMap(members)];
  const out: DiagramZone[] = [];
  for (const z of zones) {
    const inside = members(z.id);
    if (inside.length === 0) continue;
    const depth = depthOf(z.id);
    const pad = ZONE_PAD - depth * 10;
    const xs = inside.map((n) => n.x);
    const ys = inside.map((n) => n.y);
    const x = Math.min(...xs) - 60 - pad;
    const y = Math.min(...ys) - 30 - pad;
    out.push({ id: z.id, label: z.label, kind: z.kind, x, y, w: Math.max(...xs) - Math.min(...xs) + 120 + 2 * pad, h: Math.max(...ys) - Math.min(...ys) + 80 + 2 * pad, depth });
  }
  return out.sort((a, b) => a.depth - b.depth);
}
