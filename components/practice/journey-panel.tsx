"use client";

/**
 * The packet journey of a submitted attempt, loaded only when the results are shown: the component
 * comes in its own chunk (next/dynamic) and the trace from GET /api/v1/attempts/:id/trace, so
 * neither is part of the practice page before submission.
 */
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import type { JourneyProps } from "@/components/journey/types";
import { journeyFocus } from "@/lib/practice/journey-focus";

const JourneySection = dynamic(() => import("@/components/journey/journey-section").then((m) => m.JourneySection), {
  ssr: false,
  loading: () => <p role="status">Loading the packet journey…</p>,
});

interface JourneyPanelProps {
  readonly attemptId: string;
  /** Open at this blank's hop (a grade's flow and `at`), e.g. from a "show in journey" link. */
  readonly flow?: string | undefined;
  readonly at?: string | undefined;
}

export function JourneyPanel({ attemptId, flow, at }: JourneyPanelProps) {
  const [journey, setJourney] = useState<JourneyProps | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetch(`/api/v1/attempts/${encodeURIComponent(attemptId)}/trace`)
      .then(async (r) => {
        if (!r.ok) throw new Error(((await r.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `error ${r.status}`);
        return (await r.json()) as JourneyProps;
      })
      .then((j) => live && setJourney(j))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [attemptId]);

  // A "show in journey" link changes only the query (Link scroll={false} keeps the results in place
  // while it loads), so bring the journey into view once it is there, at the new hop.
  useEffect(() => {
    if (!journey || !flow || !at) return;
    const target = document.getElementById("journey");
    if (!target) return;
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }, [journey, flow, at]);

  if (error) return <p className="form-error">The packet journey could not be loaded: {error}</p>;
  if (!journey) return <p role="status">Loading the packet journey…</p>;
  const focus = flow && at ? journeyFocus(journey.flows, flow, at) : null;
  const props: JourneyProps = focus ? { ...journey, ...focus } : journey;
  // A new focus (a "show in journey" link) starts the view afresh at that hop.
  return <JourneySection key={`${props.initialFlow ?? ""}|${props.initialKey ?? ""}`} {...props} />;
}
