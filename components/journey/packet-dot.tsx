"use client";

/**
 * The packet on the diagram: a dot that travels the route from the previous node to the current
 * one (requestAnimationFrame, eased), then rests there. With reduced motion it simply appears at
 * the end of the route.
 */
import { useEffect, useState } from "react";
import { easeInOut, type Point, pointAlong } from "@/components/diagram/geometry";
import styles from "./journey-section.module.css";

export interface PacketDotProps {
  /** Node centres to travel through, first to last; one point means "resting there". */
  readonly route: readonly Point[];
  /** Changes whenever a new move should play (the selected step's key). */
  readonly runKey: string;
  readonly animate: boolean;
  readonly durationMs?: number;
}

/** The icon sits a little above the node's centre; the dot travels through the icons. */
const ICON_DY = -6;

export function PacketDot({ route, runKey, animate, durationMs = 700 }: PacketDotProps) {
  const [progress, setProgress] = useState(1);

  useEffect(() => {
    if (!animate || route.length < 2) {
      // A new key without animation shows the dot at rest at once; the effect is what notices the new key.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setProgress(1);
      return;
    }
    let frame = 0;
    let start: number | null = null;
    const tick = (now: number) => {
      start ??= now;
      const t = Math.min(1, (now - start) / durationMs);
      setProgress(t);
      if (t < 1) frame = requestAnimationFrame(tick);
    };
    setProgress(0);
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
    // The route is derived from runKey; restarting on each new key is the point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runKey, animate, durationMs]);

  if (route.length === 0) return null;
  const p = pointAlong(route, easeInOut(progress));
  const moving = progress < 1;
  return (
    <g className={styles.packet} transform={`translate(${p.x.toFixed(1)} ${(p.y + ICON_DY).toFixed(1)})`} data-testid="packet-dot" aria-hidden="true">
      {!moving && <circle className={styles.packetRing} r={13} />}
      <circle className={styles.packetDot} r={7.5} />
    </g>
  );
}
