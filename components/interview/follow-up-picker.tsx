"use client";

/**
 * What-if follow-ups for the interviewer: each one's question and, before it is asked, what it
 * changes (hops, how flows end, the graded fields with their true values before and after). A
 * what-if that changes no graded field is shown as refused and cannot be asked.
 */
import { useEffect, useState } from "react";
import styles from "./interview.module.css";

interface Preview {
  readonly id: string;
  readonly question: string;
  readonly kind: "what-if" | "spoken" | "refused";
  readonly message?: string;
  readonly hops?: readonly { flow: string; node: string; change: string; fields: readonly { field: string; before: string | null; after: string | null }[] }[];
  readonly outcomes?: readonly { flow: string; before: string; after: string }[];
  readonly fields?: readonly { id: string; label: string; at: string; before: string; after: string | null }[];
}

export function FollowUpPicker({ sessionId, asked, disabled, onAsk }: { sessionId: string; asked: readonly string[]; disabled: boolean; onAsk: (id: string) => Promise<void> }) {
  const [previews, setPreviews] = useState<Preview[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    fetch(`/api/v1/interviews/${sessionId}/follow-ups`).then(async (r) => {
      if (!r.ok) throw new Error();
      setPreviews(((await r.json()) as { followUps: Preview[] }).followUps);
    }).catch(() => setProblem("The follow-ups could not be loaded; reload the page."));
  }, [sessionId]);
  return (
    <section className={styles.panel} aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-ups</h2>
      {problem && <p role="alert" className={styles.error}>{problem}</p>}
      {!previews && !problem && <p role="status">Working out what each what-if changes…</p>}
      {previews?.map((p) => (
        <details key={p.id} data-follow-up={p.id} data-kind={p.kind}>
          <summary>{p.question} <span className={styles.muted}>{asked.includes(p.id) ? "asked" : p.kind === "refused" ? "changes nothing graded" : p.kind === "spoken" ? "spoken" : `${p.fields?.length ?? 0} fields change`}</span></summary>
          {p.kind === "refused" && <p className={styles.muted}>{p.message}</p>}
          {p.outcomes?.map((o) => <p key={o.flow}>{o.flow}: {o.before} → <strong>{o.after}</strong></p>)}
          {p.fields && p.fields.length > 0 && (
            <table className={styles.table}>
              <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
              <tbody>{p.fields.map((f) => <tr key={f.id}><td>{f.label} <span className={styles.muted}>at {f.at}</span></td><td>{f.before}</td><td>{f.after}</td></tr>)}</tbody>
            </table>
          )}
          {p.hops && p.hops.length > 0 && <p className={styles.muted}>Hops: {p.hops.map((h) => `${h.node} ${h.change}`).join("; ")}</p>}
          {p.kind !== "refused" && !asked.includes(p.id) && (
            <button type="button" className="button secondary" disabled={disabled} onClick={() => void onAsk(p.id)} data-testid="ask-follow-up">Ask this next</button>
          )}
        </details>
      ))}
    </section>
  );
}
