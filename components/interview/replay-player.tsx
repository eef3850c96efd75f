"use client";

/** Steps through a session's log: each frame is the session as it was after one event. Arrow keys or the slider move. */
import { useState } from "react";
import type { ReplayFrame } from "@/lib/server/interviews/pages";
import styles from "./interview.module.css";

export function ReplayPlayer({ frames }: { frames: readonly ReplayFrame[] }) {
  const [i, setI] = useState(frames.length - 1);
  const f = frames[i];
  if (!f) return <p>Nothing happened yet.</p>;
  const t0 = frames[0]!.at;
  return (
    <div data-testid="replay">
      <div className={styles.actions}>
        <button type="button" className="button secondary" onClick={() => setI(Math.max(0, i - 1))} disabled={i === 0}>Previous</button>
        <label htmlFor="replay-step" className="visually-hidden">Step</label>
        <input id="replay-step" type="range" min={0} max={frames.length - 1} value={i} onChange={(e) => setI(Number(e.target.value))} />
        <button type="button" className="button secondary" onClick={() => setI(Math.min(frames.length - 1, i + 1))} disabled={i === frames.length - 1}>Next</button>
      </div>
      <p role="status" data-testid="replay-step">Step {i + 1} of {frames.length} · +{Math.round((f.at - t0) / 1000)} s · {f.what}</p>
      {f.stages.map((s) => (
        <section key={s.id} className={styles.panel} aria-label={s.title}>
          <h2>{s.title} <span className={styles.muted}>{s.status}{s.hints ? ` · ${s.hints} hint(s)` : ""}</span></h2>
          {s.answers.length > 0 && (
            <table className={styles.table}>
              <tbody>{s.answers.map((a, k) => <tr key={k}><td>{a.label}</td><td>{a.given || "—"}</td>{a.verdict !== null && <td>{a.verdict}</td>}{a.expected !== null && <td>{a.expected}</td>}</tr>)}</tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
