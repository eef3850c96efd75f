"use client";

/** The results' heading; takes the focus right after the learner submits, so the score is read out. */
import { type ReactNode, useEffect, useRef } from "react";
import { takeJustSubmitted } from "./just-submitted";

export function ResultsHeading({ attemptId, children }: { attemptId: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeJustSubmitted(attemptId)) ref.current?.focus();
  }, [attemptId]);
  return (
    <h1 ref={ref} tabIndex={-1} data-testid="results-heading">
      {children}
    </h1>
  );
}
