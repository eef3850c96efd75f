"use client";

/**
 * The rubric: trace accuracy from the grader (after hint costs), the interviewer's dimensions by
 * anchored level, each with the log entries (private notes, the candidate's answers) the
 * interviewer cites as evidence. Only cited entries reach the candidate's report, once the
 * scorecard is submitted; after that the form is locked.
 */
import { useState } from "react";
import type { EvidenceEntry } from "@/lib/interview/evidence";
import type { InterviewerView } from "@/lib/interview/views";
import styles from "./interview.module.css";

function EvidencePicker({ dimension, options, picked, disabled, onToggle }: {
  dimension: string; options: readonly EvidenceEntry[]; picked: readonly number[]; disabled: boolean; onToggle: (seq: number) => void;
}) {
  if (options.length === 0) return <p className={styles.muted}>No notes or answers to cite yet.</p>;
  return (
    <details data-testid={`evidence-${dimension}`}>
      <summary>Evidence ({picked.length} cited)</summary>
      <ul className={styles.notes}>
        {options.map((e) => (
          <li key={e.seq}>
            <label>
              <input type="checkbox" checked={picked.includes(e.seq)} disabled={disabled} onChange={() => onToggle(e.seq)} data-evidence-seq={e.seq} />{" "}
              <span className={styles.muted}>{e.kind === "note" ? "note" : "answer"} · {new Date(e.at).toLocaleTimeString()} · {e.stageTitle ?? "before the first stage"}</span> {e.text}
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RubricForm({ view, onScore }: { view: InterviewerView; onScore: (command: unknown) => Promise<void> }) {
  const r = view.rubric;
  // What is ticked but not yet sent (a dimension without a level yet); a scored dimension's evidence comes from the server.
  const [draft, setDraft] = useState<Record<string, number[]>>({});
  return (
    <section className={styles.panel} aria-labelledby="rubric-title" data-testid="rubric">
      <h2 id="rubric-title">Rubric {r.locked && <span className={styles.muted}>(submitted)</span>}</h2>
      <p data-testid="trace-accuracy">Trace accuracy: {r.tracePercent}% − hints {r.hintCost} = <strong>{r.traceAfterHints}%</strong> · total {r.total}</p>
      {view.dimensions.filter((d) => d.source === "interviewer").map((d) => {
        const mark = r.dimensions.find((x) => x.id === d.id);
        const scored = typeof mark?.level === "number";
        const picked = scored ? mark!.evidence.map((e) => e.seq) : (draft[d.id] ?? []);
        const toggle = (seq: number) => {
          const next = picked.includes(seq) ? picked.filter((s) => s !== seq) : [...picked, seq].sort((a, b) => a - b);
          if (scored) void onScore({ type: "rubric-scored", dimension: d.id, level: mark!.level, evidence: next });
          else setDraft({ ...draft, [d.id]: next });
        };
        return (
          <fieldset key={d.id} disabled={r.locked} data-testid={`dimension-${d.id}`}>
            <legend>{d.title} <span className={styles.muted}>(weight {d.weight})</span></legend>
            {d.anchors.map((a, i) => (
              <label key={i} style={{ display: "block" }}>
                <input type="radio" name={d.id} checked={mark?.level === i + 1} onChange={() => void onScore({ type: "rubric-scored", dimension: d.id, level: i + 1, evidence: picked })} /> {i + 1}: {a}
              </label>
            ))}
            <EvidencePicker dimension={d.id} options={view.evidence} picked={picked} disabled={r.locked} onToggle={toggle} />
          </fieldset>
        );
      })}
      {!r.locked && <button type="button" className="button" onClick={() => void onScore({ type: "scorecard-submitted" })}>Submit the scorecard</button>}
    </section>
  );
}
