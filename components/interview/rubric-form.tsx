"use client";

/** The rubric: trace accuracy from the grader (after hint costs), the interviewer's dimensions by anchored level with notes as evidence; locked once submitted. */
import type { InterviewerView } from "@/lib/interview/views";
import styles from "./interview.module.css";

export function RubricForm({ view, onScore }: { view: InterviewerView; onScore: (command: unknown) => Promise<void> }) {
  const r = view.rubric;
  return (
    <section className={styles.panel} aria-labelledby="rubric-title" data-testid="rubric">
      <h2 id="rubric-title">Rubric {r.locked && <span className={styles.muted}>(submitted)</span>}</h2>
      <p data-testid="trace-accuracy">Trace accuracy: {r.tracePercent}% − hints {r.hintCost} = <strong>{r.traceAfterHints}%</strong> · total {r.total}</p>
      {view.dimensions.filter((d) => d.source === "interviewer").map((d) => {
        const mark = r.dimensions.find((x) => x.id === d.id);
        return (
          <fieldset key={d.id} disabled={r.locked}>
            <legend>{d.title} <span className={styles.muted}>(weight {d.weight})</span></legend>
            {d.anchors.map((a, i) => (
              <label key={i} style={{ display: "block" }}>
                <input type="radio" name={d.id} checked={mark?.level === i + 1} onChange={() => void onScore({ type: "rubric-scored", dimension: d.id, level: i + 1, evidence: view.notes.map((n) => n.id) })} /> {i + 1}: {a}
              </label>
            ))}
          </fieldset>
        );
      })}
      {!r.locked && <button type="button" className="button" onClick={() => void onScore({ type: "scorecard-submitted" })}>Submit the scorecard</button>}
    </section>
  );
}
