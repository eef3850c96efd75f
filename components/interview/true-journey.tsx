"use client";

/**
 * The true trace as the practice pages' packet journey (animated path on the diagram, step list,
 * layer inspector), for the interviewer. Loaded in its own chunk when first opened, so the console
 * stays light until the interviewer wants to step through a flow with the candidate's answers in mind.
 */
import dynamic from "next/dynamic";
import { useState } from "react";
import type { Diagram } from "@/lib/diagram/layout";
import type { Trace } from "@/lib/engine/trace-types";
import styles from "./interview.module.css";

const JourneySection = dynamic(() => import("@/components/journey/journey-section").then((m) => m.JourneySection), {
  ssr: false,
  loading: () => <p role="status">Loading the packet journey…</p>,
});

export function TrueJourney({ trace, diagram }: { trace: Trace; diagram: Diagram }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={styles.panel} data-testid="true-journey" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Step through the true trace on the diagram</summary>
      {open && <JourneySection diagram={diagram} flows={trace.flows} />}
    </details>
  );
}
