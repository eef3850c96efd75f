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
const MARGIN = 24;
/** Extra room between columns whose zones differ, so side-by-side zone boxes never touch. */
const ZONE_GAP_X = 36;
/** Extra room (in rows) where a column passes from one zone to another, so stacked boxes never touch. */
const ZONE_GAP_ROWS = 0.5;
/** How far a zone box reaches around each of its nodes (icon, two-line label, two addresses). */
const NODE_HALF_WIDTH = 92;
const NODE_ABOVE = 62;
const NODE_BELOW = 86;
/** Room around a nested zone inside its parent, with a band on top for the parent's label. */
const NEST_PAD = 12;
const LABEL_BAND = 26;

/**
 * Lays out the network, starting the columns from `start` (the node where the first flow begins).
 * Within a column, nodes are grouped by zone and each zone keeps to the rows it started on, so
 * zone boxes neither overlap nor swallow another zone's nodes.
 */
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
  const parentOf = new Map(zones.map((z) => [z.id, z.parent ?? null]));
  const ancestry = (zone: string | null): string[] => {
    const chain: string[] = [];
    for (let z = zone; z !== null && z !== undefined && chain.length < 10; z = parentOf.get(z) ?? null) chain.push(z);
    return chain;
  };
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  const columns = new Map<number, string[]>();
  for (const n of nodes) {
    const c = column.get(n.id) ?? 0;
    const list = columns.get(c) ?? [];
    list.push(n.id);
    columns.set(c, list);
  }
  const zoneOf = new Map(nodes.map((n) => [n.id, n.zone]));
  // The first row each zone was given: later columns start that zone's nodes there too.
  const anchor = new Map<string, number>();
  const anchorOf = (zone: string | null): number | undefined => {
    for (const z of ancestry(zone)) if (anchor.has(z)) return anchor.get(z);
    return undefined;
  };
  const rowOf = new Map<string, number>();
  const columnIds = [...columns.keys()].sort((a, b) => a - b);
  for (const c of columnIds) {
    const ids = columns.get(c)!;
    ids.sort((a, b) =>
      (anchorOf(zoneOf.get(a) ?? null) ?? Infinity) - (anchorOf(zoneOf.get(b) ?? null) ?? Infinity) ||
      (zoneOrder.get(zoneOf.get(a) ?? "") ?? 999) - (zoneOrder.get(zoneOf.get(b) ?? "") ?? 999) ||
      order.get(a)! - order.get(b)!);
    let cursor = 0;
    let previous: string | null | undefined;
    for (const id of ids) {
      const zone = zoneOf.get(id) ?? null;
      if (previous !== undefined && previous !== zone) cursor += ZONE_GAP_ROWS + 0.25 * Math.max(0, ancestry(zone).length - 1);
      const row = Math.max(cursor, anchorOf(zone) ?? cursor);
      rowOf.set(id, row);
      for (const z of ancestry(zone)) if (!anchor.has(z)) anchor.set(z, row);
      cursor = row + 1;
      previous = zone;
    }
  }
  // Columns move apart where the zones on either side differ.
  const zonesIn = (c: number) => new Set((columns.get(c) ?? []).flatMap((id) => ancestry(zoneOf.get(id) ?? null)));
  const columnX = new Map<number, number>();
  let x = 0;
  columnIds.forEach((c, i) => {
    if (i > 0) {
      const before = zonesIn(columnIds[i - 1]!);
      const after = zonesIn(c);
      const same = before.size === after.size && [...before].every((z) => after.has(z));
      x += COLUMN + (same ? 0 : ZONE_GAP_X);
    }
    columnX.set(c, x);
  });
  const placed = new Map<string, { x: number; y: number }>();
  for (const n of nodes) placed.set(n.id, { x: columnX.get(column.get(n.id) ?? 0)!, y: rowOf.get(n.id)! * ROW });
  const diagramNodes: DiagramNode[] = nodes.map((n) => ({
    id: n.id, label: n.label, kind: n.kind, zone: n.zone, ...placed.get(n.id)!,
    addresses: n.interfaces.filter((i) => i.ip !== null).map((i) => `${formatIpv4(i.ip!)}${i.prefix < 32 ? `/${i.prefix}` : ""}`),
    interfaces: n.interfaces.map((i) => ({ name: i.name, address: i.ip === null ? null : `${formatIpv4(i.ip)}${i.prefix < 32 ? `/${i.prefix}` : ""}`, mac: i.mac, segment: i.segment })),
  }));
  const rawZones = layoutZones(zones, diagramNodes);
  const links: DiagramLink[] = [];
  const forwards = new Map(nodes.map((n) => [n.id, n.forwards]));
  const segLabel = new Map(network.segments.map((s) => [s.id, s.label]));
  for (const [segment, members] of bySegment) {
    if (members.length < 2) continue;
    const hub = members.find((m) => forwards.get(m)) ?? members[0]!;
    for (const m of members) if (m !== hub) links.push({ segment, label: segLabel.get(segment) ?? segment, from: hub, to: m });
  }
  // Shift everything so the top-left zone (or node) sits a margin from the corner.
  const left = Math.min(...diagramNodes.map((n) => n.x - NODE_HALF_WIDTH), ...rawZones.map((z) => z.x));
  const top = Math.min(...diagramNodes.map((n) => n.y - NODE_ABOVE), ...rawZones.map((z) => z.y));
  const dx = MARGIN - left;
  const dy = MARGIN - top;
  const shiftedNodes = diagramNodes.map((n) => ({ ...n, x: n.x + dx, y: n.y + dy }));
  const diagramZones = rawZones.map((z) => ({ ...z, x: z.x + dx, y: z.y + dy }));
  const right = Math.max(...shiftedNodes.map((n) => n.x + NODE_HALF_WIDTH), ...diagramZones.map((z) => z.x + z.w)) + MARGIN;
  const bottom = Math.max(...shiftedNodes.map((n) => n.y + NODE_BELOW), ...diagramZones.map((z) => z.y + z.h)) + MARGIN;
  return { width: Math.round(right), height: Math.round(bottom), nodes: shiftedNodes, zones: diagramZones, links };
}

/**
 * Zone boxes, innermost first: each box reaches round its own nodes and its child zones (with a
 * band on top for its label), so nested boxes never share an edge or a label spot.
 */
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
  const boxes = new Map<string, { x0: number; y0: number; x1: number; y1: number } | null>();
  const boxOf = (id: string, seen: Set<string>): { x0: number; y0: number; x1: number; y1: number } | null => {
    if (boxes.has(id)) return boxes.get(id)!;
    if (seen.has(id)) return null;
    seen.add(id);
    const parts: { x0: number; y0: number; x1: number; y1: number }[] = nodes
      .filter((n) => n.zone === id)
      .map((n) => ({ x0: n.x - NODE_HALF_WIDTH, y0: n.y - NODE_ABOVE, x1: n.x + NODE_HALF_WIDTH, y1: n.y + NODE_BELOW }));
    for (const child of children.get(id) ?? []) {
      const b = boxOf(child, seen);
      if (b) parts.push({ x0: b.x0 - NEST_PAD, y0: b.y0 - LABEL_BAND, x1: b.x1 + NEST_PAD, y1: b.y1 + NEST_PAD });
    }
    const x0 = Math.min(...parts.map((p) => p.x0));
    // Wide enough for its label (about 7.5 px a character at the diagram's label size).
    const label = zones.find((z) => z.id === id)?.label ?? "";
    const box = parts.length === 0 ? null : {
      x0, y0: Math.min(...parts.map((p) => p.y0)),
      x1: Math.max(x0 + Math.ceil(label.length * 7.5) + 28, ...parts.map((p) => p.x1)), y1: Math.max(...parts.map((p) => p.y1)),
    };
    boxes.set(id, box);
    return box;
  };
  const out: DiagramZone[] = [];
  for (const z of zones) {
    const box = boxOf(z.id, new Set());
    if (!box) continue;
    out.push({ id: z.id, label: z.label, kind: z.kind, x: box.x0, y: box.y0, w: box.x1 - box.x0, h: box.y1 - box.y0, depth: depthOf(z.id) });
  }
  return out.sort((a, b) => a.depth - b.depth);
}
