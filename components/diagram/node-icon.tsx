/**
 * The shape of each kind of node, drawn around (0, 0) in a box about 48 by 40: a laptop for a host,
 * the classic arrows-in-a-circle for a router, a cloud for the internet, and so on. Hand-drawn SVG.
 */
import type { NodeKind } from "@/lib/engine/model";
import styles from "./topology-diagram.module.css";

/** The kind of node in words, for labels, tooltips and screen readers. */
export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  host: "Host",
  router: "Router",
  internet: "Internet",
  "load-balancer": "Load balancer",
  "vpc-router": "VPC router",
  "internet-gateway": "Internet gateway",
  "nat-gateway": "NAT gateway",
  "k8s-node": "Kubernetes node",
};

const ROUTER_ARROWS = "M-10 -4 H7 M3 -8 L7 -4 L3 0 M10 4 H-7 M-3 0 L-7 4 L-3 8";

function heptagon(r: number): string {
  const points: string[] = [];
  for (let i = 0; i < 7; i++) {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / 7;
    points.push(`${(r * Math.cos(a)).toFixed(1)},${(r * Math.sin(a)).toFixed(1)}`);
  }
  return points.join(" ");
}

function wheel(): string {
  const parts: string[] = [];
  for (let i = 0; i < 7; i++) {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / 7;
    parts.push(`M${(4 * Math.cos(a)).toFixed(1)} ${(4 * Math.sin(a)).toFixed(1)} L${(11 * Math.cos(a)).toFixed(1)} ${(11 * Math.sin(a)).toFixed(1)}`);
  }
  return parts.join(" ");
}

const HEPTAGON = heptagon(20);
const WHEEL = wheel();

export function NodeIcon({ kind }: { kind: NodeKind }) {
  switch (kind) {
    case "host":
      return (
        <g className={styles.iconHost}>
          <rect className={styles.shape} x={-17} y={-15} width={34} height={23} rx={3} />
          <rect className={styles.screen} x={-13} y={-11} width={26} height={15} rx={1} />
          <path className={styles.shape} d="M-23 9 H23 L19 15 H-19 Z" />
        </g>
      );
    case "router":
      return (
        <g className={styles.iconRouter}>
          <circle className={styles.shape} r={18} />
          <path className={styles.glyph} d={ROUTER_ARROWS} />
        </g>
      );
    case "internet":
      return (
        <g className={styles.iconInternet}>
          <path
            className={styles.shape}
            d="M-16 13 C-27 13 -28 -1 -18 -3 C-19 -14 -5 -19 1 -11 C5 -19 20 -17 19 -5 C28 -4 28 13 17 13 Z"
          />
        </g>
      );
    case "load-balancer":
      return (
        <g className={styles.iconBalancer}>
          <rect className={styles.shape} x={-20} y={-16} width={40} height={32} rx={6} />
          <path className={styles.glyph} d="M-13 0 H-3 M-3 0 L11 -9 M-3 0 H11 M-3 0 L11 9" />
          <circle className={styles.dotGlyph} cx={-13} cy={0} r={2.2} />
        </g>
      );
    case "vpc-router":
      return (
        <g className={styles.iconCloud}>
          <rect className={styles.shape} x={-18} y={-18} width={36} height={36} rx={7} />
          <path className={styles.glyph} d={ROUTER_ARROWS} />
        </g>
      );
    case "internet-gateway":
      return (
        <g className={styles.iconCloud}>
          <rect className={styles.shape} x={-18} y={-18} width={36} height={36} rx={7} />
          <path className={styles.glyph} d="M-8 11 V-1 A8 8 0 0 1 8 -1 V11 M-12 11 H12" />
        </g>
      );
    case "nat-gateway":
      return (
        <g className={styles.iconCloud}>
          <rect className={styles.shape} x={-18} y={-18} width={36} height={36} rx={7} />
          <text className={styles.badgeText} y={4} textAnchor="middle">
            NAT
          </text>
        </g>
      );
    case "k8s-node":
      return (
        <g className={styles.iconK8s}>
          <polygon className={styles.shape} points={HEPTAGON} />
          <circle className={styles.glyph} r={4} />
          <path className={styles.glyph} d={WHEEL} />
        </g>
      );
  }
}
