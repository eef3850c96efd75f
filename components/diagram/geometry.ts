/**
 * Geometry of the topology diagram: where a packet travels between two nodes (along the links
 * the diagram draws), points along that route for the animation, and how node labels wrap.
 * Pure, so the server and the browser draw the same picture and tests can check it.
 */
import type { Diagram, DiagramLink } from "@/lib/diagram/layout";

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The id of a drawn link, as the diagram and its highlights name it. */
export function linkId(link: Pick<DiagramLink, "segment" | "from" | "to">): string {
  return `${link.segment}:${link.from}:${link.to}`;
}

/**
 * The links a packet crosses going from node `a` to node `b`: the direct link when one is drawn,
 * else the two links through the segment's hub (a switch-like segment is drawn as a star), else
 * nothing (the caller draws a straight line).
 */
export function linksBetween(diagram: Diagram, a: string, b: string): DiagramLink[] {
  if (a === b) return [];
  const direct = diagram.links.find((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a));
  if (direct) return [direct];
  for (const first of diagram.links.filter((l) => l.to === a)) {
    const second = diagram.links.find((l) => l.segment === first.segment && l.from === first.from && l.to === b);
    if (second) return [first, second];
  }
  return [];
}

/** The polyline from node `a` to node `b` along the drawn links (a straight line when none joins them). */
export function routeBetween(diagram: Diagram, a: string, b: string): Point[] {
  const at = (id: string): Point | null => {
    const n = diagram.nodes.find((x) => x.id === id);
    return n ? { x: n.x, y: n.y } : null;
  };
  const from = at(a);
  const to = at(b);
  if (!from || !to) return to ? [to] : from ? [from] : [];
  if (a === b) return [from];
  const links = linksBetween(diagram, a, b);
  if (links.length === 2) {
    const hub = at(links[0]!.from);
    if (hub) return [from, hub, to];
  }
  return [from, to];
}

/** Total length of a polyline. */
export function polylineLength(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  return sum;
}

/** The point a fraction `t` (clamped to 0..1) of the way along a polyline, by length. */
export function pointAlong(points: readonly Point[], t: number): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 1;
  const total = polylineLength(points);
  if (total === 0 || clamped === 1) return points[points.length - 1]!;
  let remaining = clamped * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (remaining <= len && len > 0) {
      const f = remaining / len;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    remaining -= len;
  }
  return points[points.length - 1]!;
}

/** Ease in and out, so the packet leaves gently and arrives gently. */
export function easeInOut(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return c < 0.5 ? 2 * c * c : 1 - (-2 * c + 2) ** 2 / 2;
}

/**
 * Splits a label into at most `maxLines` lines of at most `width` characters, breaking at spaces,
 * then inside long words after a hyphen or dot (pod and host names), then anywhere; an overflowing
 * last line ends in "…".
 */
export function wrapLabel(text: string, width: number, maxLines = 2): string[] {
  // Pieces of words; `glue` marks a piece that continues the previous one without a space.
  const pieces: { text: string; glue: boolean }[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const parts = word.length <= width ? [word] : word.split(/(?<=[-.])/);
    parts.forEach((part, i) => {
      for (let k = 0; k < part.length; k += width) pieces.push({ text: part.slice(k, k + width), glue: i > 0 || k > 0 });
    });
  }
  const lines: string[] = [];
  let line = "";
  for (const piece of pieces) {
    const joined = line === "" ? piece.text : piece.glue ? `${line}${piece.text}` : `${line} ${piece.text}`;
    if (joined.length <= width) line = joined;
    else {
      lines.push(line);
      line = piece.text;
    }
  }
  if (line !== "") lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length >= width ? last.slice(0, Math.max(1, width - 1)) : last}…`;
  return kept;
}
