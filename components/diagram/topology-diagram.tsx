/**
 * A scenario's network as an SVG picture, in the spirit of the ASCII diagrams interviewers draw:
 * zones as labelled boxes, nodes as shapes by kind with their names and addresses, links as lines.
 * Hovering a node shows its interfaces (name, address, MAC); hovering a link shows its segment.
 * Renders on the server with no client JavaScript; the journey view passes highlights and an
 * overlay (the moving packet). Screen readers get a summary and a table of every interface.
 */
import { type ReactNode, useId } from "react";
import type { Diagram, DiagramNode } from "@/lib/diagram/layout";
import { describeDiagram, interfaceRows } from "./describe";
import { linkId, wrapLabel } from "./geometry";
import { KIND_LABELS, NodeIcon } from "./node-icon";
import styles from "./topology-diagram.module.css";

export interface DiagramHighlights {
  /** Nodes the packet has been through so far. */
  readonly visited?: readonly string[];
  /** The node of the selected step. */
  readonly current?: string | null;
  /** Links (by linkId) the packet has crossed so far. */
  readonly crossed?: readonly string[];
  /** Links (by linkId) the packet is crossing right now. */
  readonly active?: readonly string[];
  /** Where the packet died, and why. */
  readonly drop?: { readonly node: string; readonly disposition: string } | null;
}

export interface TopologyDiagramProps {
  readonly diagram: Diagram;
  /** What the network is, for the accessible summary (e.g. the scenario's title). */
  readonly label?: string;
  readonly highlights?: DiagramHighlights;
  /** The table of interfaces below the picture: shown, or only for screen readers (default). */
  readonly legend?: "visible" | "hidden";
  /** Drawn on top of the nodes, in diagram coordinates (the journey's moving packet). */
  readonly overlay?: ReactNode;
  readonly className?: string;
  /** Caps the picture's height (a CSS length): a taller picture scrolls inside its frame. */
  readonly maxHeight?: string;
  /** The smallest scale the picture may shrink to before its frame scrolls sideways (default: 40rem wide). */
  readonly minScale?: number;
}

const LABEL_WIDTH = 22;
const MONO_CHAR = 6.7;
const SANS_CHAR = 7.1;

function cls(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

/** The hover card of a node: its name, kind and interfaces, beside the node, inside the canvas. */
function NodeCard({ node, index, diagram }: { node: DiagramNode; index: number; diagram: Diagram }) {
  const lines = node.interfaces.map((i) => `${i.name.padEnd(8)} ${(i.address ?? "(no address)").padEnd(18)} ${i.mac}`);
  const width = Math.ceil(Math.max(node.label.length * SANS_CHAR, KIND_LABELS[node.kind].length * SANS_CHAR, ...lines.map((l) => l.length * MONO_CHAR)) + 24);
  const height = 46 + lines.length * 16;
  const right = node.x + 34 + width <= diagram.width - 4;
  const x = right ? node.x + 34 : Math.max(4, node.x - 34 - width);
  const y = Math.min(Math.max(4, node.y - 40), Math.max(4, diagram.height - height - 4));
  return (
    <g className={cls(styles.card, `p${index}`)} transform={`translate(${x} ${y})`} aria-hidden="true">
      <rect className={styles.cardBox} width={width} height={height} rx={8} />
      <text className={styles.cardTitle} x={12} y={20}>
        {node.label}
      </text>
      <text className={styles.cardKind} x={12} y={36}>
        {KIND_LABELS[node.kind]}
      </text>
      {lines.map((line, i) => (
        <text key={i} className={styles.cardMono} x={12} y={56 + i * 16} xmlSpace="preserve">
          {line}
        </text>
      ))}
    </g>
  );
}

export function TopologyDiagram({ diagram, label, highlights, legend = "hidden", overlay, className, maxHeight, minScale }: TopologyDiagramProps) {
  const scope = `d${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  const visited = new Set(highlights?.visited ?? []);
  const crossed = new Set(highlights?.crossed ?? []);
  const active = new Set(highlights?.active ?? []);
  const drop = highlights?.drop ?? null;
  const current = highlights?.current ?? null;
  const rows = interfaceRows(diagram);
  // Hover cards live in a layer above every node (SVG has no z-index), each shown while its node
  // or link is hovered: one :has() rule per node and link, scoped to this diagram.
  const hoverRules = [
    ...diagram.nodes.map((_, i) => `.${scope}:has(.n${i}:hover) .p${i}`),
    ...diagram.links.map((_, i) => `.${scope}:has(.l${i}:hover) .q${i}`),
  ];

  return (
    <figure className={cls(styles.figure, scope, className)}>
      {hoverRules.length > 0 && <style>{`${hoverRules.join(",")}{opacity:1;visibility:visible}`}</style>}
      {/* Focusable, so a keyboard user can scroll a diagram wider than the screen (axe: scrollable-region-focusable). */}
      <div className={styles.scroller} style={maxHeight ? { maxHeight, overflowY: "auto" } : undefined} data-diagram-scroller="" tabIndex={0} role="region" aria-label="Network diagram">
        <svg
          className={styles.svg}
          style={{ maxWidth: `${diagram.width}px`, ...(minScale ? { minWidth: `${Math.round(diagram.width * minScale)}px` } : {}) }}
          viewBox={`0 0 ${diagram.width} ${diagram.height}`}
          role="img"
          aria-label={describeDiagram(diagram, label)}
          data-testid="topology-diagram"
        >
          <g className={styles.zones}>
            {diagram.zones.map((z) => (
              <g key={z.id} className={cls(styles.zone, styles[`zone-${z.kind}`])} data-zone={z.id}>
                <rect x={z.x} y={z.y} width={z.w} height={z.h} rx={14 - z.depth * 3} />
                <text className={styles.zoneLabel} x={z.x + 12} y={z.y + 19}>
                  {z.label}
                </text>
              </g>
            ))}
          </g>
          <g className={styles.links}>
            {diagram.links.map((l, i) => {
              const a = byId.get(l.from);
              const b = byId.get(l.to);
              if (!a || !b) return null;
              const id = linkId(l);
              return (
                <g key={id} className={cls(styles.link, `l${i}`, crossed.has(id) && styles.crossed, active.has(id) && styles.active)} data-link={id}>
                  <line className={styles.linkHit} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
                  <line className={styles.linkLine} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
                </g>
              );
            })}
          </g>
          <g className={styles.nodes}>
            {diagram.nodes.map((n, i) => {
              const lines = wrapLabel(n.label, LABEL_WIDTH);
              const addresses = n.addresses.length > 2 ? [n.addresses[0]!, `+${n.addresses.length - 1} more`] : n.addresses;
              const dropped = drop?.node === n.id;
              return (
                <g
                  key={n.id}
                  className={cls(
                    styles.node,
                    `n${i}`,
                    visited.has(n.id) && styles.visited,
                    current === n.id && styles.current,
                    dropped && styles.dropped,
                  )}
                  data-node={n.id}
                  transform={`translate(${n.x} ${n.y})`}
                >
                  <rect className={styles.nodeHit} x={-60} y={-34} width={120} height={64 + (lines.length + addresses.length) * 14} />
                  <circle className={styles.halo} cy={-6} r={30} />
                  <g transform="translate(0 -6)">
                    <NodeIcon kind={n.kind} />
                  </g>
                  {lines.map((line, k) => (
                    <text key={k} className={styles.nodeLabel} y={34 + k * 14} textAnchor="middle">
                      {line}
                    </text>
                  ))}
                  {addresses.map((address, k) => (
                    <text key={address} className={styles.nodeAddress} y={34 + lines.length * 14 + k * 13} textAnchor="middle">
                      {address}
                    </text>
                  ))}
                  {dropped && (
                    <g className={styles.dropMark} data-testid="drop-marker">
                      <circle cx={0} cy={-6} r={22} />
                      <path d="M-11 -17 L11 5 M11 -17 L-11 5" />
                      <g transform="translate(0 -46)">
                        <rect x={-(drop.disposition.length * 3.6 + 10)} y={-11} width={drop.disposition.length * 7.2 + 20} height={18} rx={9} />
                        <text y={2} textAnchor="middle">
                          {drop.disposition}
                        </text>
                      </g>
                    </g>
                  )}
                </g>
              );
            })}
          </g>
          {overlay}
          <g className={styles.cards}>
            {diagram.links.map((l, i) => {
              const a = byId.get(l.from);
              const b = byId.get(l.to);
              if (!a || !b) return null;
              const width = l.label.length * SANS_CHAR + 18;
              const mx = Math.min(Math.max((a.x + b.x) / 2, width / 2 + 4), diagram.width - width / 2 - 4);
              const my = (a.y + b.y) / 2;
              return (
                <g key={linkId(l)} className={cls(styles.card, `q${i}`)} transform={`translate(${mx} ${my})`} aria-hidden="true">
                  <rect className={styles.cardBox} x={-width / 2} y={-13} width={width} height={24} rx={12} />
                  <text className={styles.cardLink} y={3} textAnchor="middle">
                    {l.label}
                  </text>
                </g>
              );
            })}
            {diagram.nodes.map((n, i) => (
              <NodeCard key={n.id} node={n} index={i} diagram={diagram} />
            ))}
          </g>
        </svg>
      </div>
      <div className={legend === "visible" ? styles.legendWrap : "visually-hidden"}>
        <table className={legend === "visible" ? styles.legend : undefined} data-testid="diagram-interfaces">
          <caption>Nodes and their interfaces</caption>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Interface</th>
              <th scope="col">Address</th>
              <th scope="col">MAC</th>
              <th scope="col">Link</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const first = i === 0 || rows[i - 1]!.nodeId !== r.nodeId;
              const span = rows.filter((x) => x.nodeId === r.nodeId).length;
              return (
                <tr key={`${r.nodeId}/${r.name}`} className={first ? styles.firstRow : undefined}>
                  {first && (
                    <th scope="row" rowSpan={span}>
                      {r.node}
                      <span className={styles.legendKind}>
                        {r.kind}
                        {r.zone ? `, ${r.zone}` : ""}
                      </span>
                    </th>
                  )}
                  <td>
                    <code>{r.name}</code>
                  </td>
                  <td>{r.address ? <code>{r.address}</code> : <span className={styles.none}>none</span>}</td>
                  <td>
                    <code>{r.mac}</code>
                  </td>
                  <td>{r.link}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export default TopologyDiagram;
