"use client";
/**
 * The check before publishing: every alternative built and simulated for a sweep of seeds, one
 * request per alternative so the page shows progress and each one's failures as they come.
 * Publishing stays disabled until a check of the saved definition has passed (the server runs the
 * whole sweep again and refuses to publish on any failure).
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeIssue, issuesOf, type Issue } from "./issues";
import styles from "./builder.module.css";

interface AlternativeRef { readonly zone: number; readonly alternative: number; readonly label: string }
interface Result { readonly passed: boolean; readonly seedsChecked: number; readonly seedsPlanned: number; readonly failures: readonly string[]; readonly ms: number }

export function CheckPanel({ assessmentId, alternatives, published }: { assessmentId: string; alternatives: readonly AlternativeRef[]; published: boolean }) {
  const router = useRouter();
  const [results, setResults] = useState<(Result | { error: string } | null)[]>(() => alternatives.map(() => null));
  const [running, setRunning] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [publishIssues, setPublishIssues] = useState<Issue[]>([]);
  const done = results.filter((r) => r !== null).length;
  const allPassed = done === alternatives.length && results.every((r) => r !== null && "passed" in r && r.passed);

  async function run() {
    setRunning(true);
    const next: (Result | { error: string } | null)[] = alternatives.map(() => null);
    setResults([...next]);
    for (const [i, alt] of alternatives.entries()) {
      const response = await fetch(`/api/v1/assessments/${assessmentId}/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ zone: alt.zone, alternative: alt.alternative }) }).catch(() => null);
      const json = response ? await response.json().catch(() => null) : null;
      next[i] = response?.ok ? json.result : { error: response ? issuesOf(json).map(describeIssue).join("; ") : "the server could not be reached" };
      setResults([...next]);
    }
    setRunning(false);
  }

  async function publish() {
    setPublishing(true);
    const response = await fetch(`/api/v1/assessments/${assessmentId}/publish`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => null);
    const json = response ? await response.json().catch(() => null) : null;
    setPublishing(false);
    if (response?.ok) {
      setPublishIssues([]);
      router.refresh();
    } else {
      setPublishIssues(response ? issuesOf(json) : [{ path: "(form)", line: null, message: "The server could not be reached." }]);
    }
  }

  return (
    <section className={styles.section} aria-labelledby="check-heading">
      <h2 id="check-heading">Check before publishing</h2>
      <p className={styles.hint}>Builds and simulates every alternative for 20 variants drawn like students&apos; (check the saved draft: save first).</p>
      <div className={styles.buttons}>
        <button type="button" className={styles.button} onClick={run} disabled={running}>{running ? "Checking…" : "Run the check"}</button>
        {published ? null : (
          <button type="button" className={styles.primary} onClick={publish} disabled={!allPassed || running || publishing} aria-describedby="publish-hint">
            {publishing ? "Publishing…" : "Publish"}
          </button>
        )}
      </div>
      {published ? null : <p id="publish-hint" className={styles.hint}>{allPassed ? "Every alternative passed: you can publish. Publishing freezes the definition and the scenarios' content." : "Publishing needs a check in which every alternative passed."}</p>}
      <p role="status" aria-live="polite" data-testid="check-progress">{running || done > 0 ? `${done} of ${alternatives.length} alternatives checked` : ""}</p>
      {publishIssues.length > 0 ? <div className={styles.summary} role="alert"><strong>Not published</strong><ul>{publishIssues.map((i, n) => <li key={n}>{describeIssue(i)}</li>)}</ul></div> : null}
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <caption className="visually-hidden">Check results per alternative</caption>
          <thead><tr><th scope="col">Alternative</th><th scope="col">Result</th></tr></thead>
          <tbody>
            {alternatives.map((alt, i) => {
              const r = results[i] ?? null;
              return (
                <tr key={i} data-testid={`check-${alt.zone}-${alt.alternative}`}>
                  <th scope="row">{alt.label}</th>
                  <td>
                    {r === null ? (running ? "waiting" : "not checked")
                      : "error" in r ? <span className={styles.failed}>could not check: {r.error}</span>
                      : r.passed ? <span className={styles.passed}>passed ({r.seedsChecked} variants, {r.ms} ms)</span>
                      : <><span className={styles.failed}>failed ({r.failures.length})</span><ul>{r.failures.map((f, n) => <li key={n}>{f}</li>)}</ul></>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
