"use client";
/**
 * The live view's table: polls the JSON route every few seconds and counts each timer down from
 * the server's clock (the time left the server computed, minus the time elapsed on this page since
 * it was fetched), never the browser's wall clock. Staff who may act get add-time and reopen forms
 * per row; a refusal is shown with the server's sentence.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { LiveStudentRow, LiveView } from "@/lib/server/gradebook/live";
import { formatClock, LIVE_STATE_LABELS } from "./format";
import styles from "./gradebook.module.css";

const POLL_MS = 5_000;

async function postJson(url: string, body: unknown): Promise<{ ok: boolean; message: string }> {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (response.ok) return { ok: true, message: "Done." };
    const data = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string[]> } } | null;
    const fields = data?.error?.fields ? Object.values(data.error.fields).flat().join(" ") : "";
    return { ok: false, message: [data?.error?.message ?? `Refused (${response.status}).`, fields].filter(Boolean).join(" ") };
  } catch {
    return { ok: false, message: "The server could not be reached. Try again." };
  }
}

function RowActions({ row, onDone }: { row: LiveStudentRow; onDone: () => void }) {
  const [message, setMessage] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const who = row.name ?? row.email;
  const act = (path: string, body: Record<string, unknown>) => async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const result = await postJson(`/api/v1/assessment-attempts/${row.attemptId}/${path}`, body);
    setBusy(false);
    setMessage(result);
    if (result.ok) {
      form.reset();
      onDone();
    }
  };
  if (row.attemptId === null) return null;
  const running = row.state === "in-progress";
  return (
    <div className={styles.actions}>
      {running ? (
        <form
          aria-label={`Add time for ${who}`}
          onSubmit={(e) => {
            const data = new FormData(e.currentTarget);
            return act("time", { minutes: Number(data.get("minutes")), reason: String(data.get("reason") ?? "") })(e);
          }}
        >
          <label>
            Minutes <input name="minutes" type="number" min={1} max={10080} required defaultValue={10} data-testid="add-minutes" />
          </label>
          <label>
            Reason <input name="reason" required maxLength={500} data-testid="add-reason" />
          </label>
          <button type="submit" className="button secondary" disabled={busy} data-testid="add-time">Add time</button>
        </form>
      ) : (
        <form
          aria-label={`Reopen the attempt of ${who}`}
          onSubmit={(e) => {
            const data = new FormData(e.currentTarget);
            const minutes = String(data.get("minutes") ?? "").trim();
            return act("reopen", { minutes: minutes === "" ? null : Number(minutes), reason: String(data.get("reason") ?? "") })(e);
          }}
        >
          <label>
            For minutes <input name="minutes" type="number" min={1} max={10080} placeholder="no deadline" data-testid="reopen-minutes" />
          </label>
          <label>
            Reason <input name="reason" required maxLength={500} data-testid="reopen-reason" />
          </label>
          <button type="submit" className="button secondary" disabled={busy} data-testid="reopen">Reopen</button>
        </form>
      )}
      {message && <p role="status" className={message.ok ? styles.ok : styles.error} data-testid="action-message">{message.message}</p>}
    </div>
  );
}

export function LiveBoard({ initial, canAct }: { initial: LiveView; canAct: boolean }) {
  const [view, setView] = useState(initial);
  const [fetchedAt, setFetchedAt] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [stale, setStale] = useState(false);
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const response = await fetch(`/api/v1/assessments/${initial.assessmentId}/live`, { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      setView((await response.json()) as LiveView);
      setFetchedAt(performance.now());
      setElapsed(0);
      setStale(false);
    } catch {
      setStale(true);
    } finally {
      inFlight.current = false;
    }
  }, [initial.assessmentId]);

  useEffect(() => {
    const poll = setInterval(() => void refresh(), POLL_MS);
    const tick = setInterval(() => setElapsed((e) => (fetchedAt === null ? e + 1000 : performance.now() - fetchedAt)), 1000);
    return () => {
      clearInterval(poll);
      clearInterval(tick);
    };
  }, [refresh, fetchedAt]);

  const c = view.counts;
  return (
    <section aria-label="Students" className={styles.page}>
      <ul className={styles.summary} data-testid="live-counts">
        <li>{c["in-progress"]} in progress</li>
        <li>{c.submitted} submitted</li>
        <li>{c.late} late</li>
        <li>{c["auto-submitted"]} closed at the deadline</li>
        <li>{c["not-started"]} not started</li>
      </ul>
      <p className={styles.muted} aria-live="polite">
        {stale ? "Could not refresh: showing the last data." : `Refreshes every ${POLL_MS / 1000} s.`}
      </p>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="live-table">
          <caption className="visually-hidden">Each enrolled student&apos;s state on this assessment</caption>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">State</th>
              <th scope="col" className={styles.num}>Time left</th>
              <th scope="col" className={styles.num}>Answered</th>
              <th scope="col">Last save</th>
              {canAct && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => {
              const left = row.timeLeftMs === null ? null : Math.max(0, row.timeLeftMs - elapsed);
              return (
                <tr key={row.userId} data-testid="live-row" data-student={row.email} data-state={row.state}>
                  <th scope="row">
                    {row.name ?? row.email}
                    {row.name && <div className={styles.muted}>{row.email}</div>}
                  </th>
                  <td>
                    <span className={styles.state} data-state={row.state} data-testid="live-state">{LIVE_STATE_LABELS[row.state]}</span>
                    {row.attemptNumber !== null && row.attemptNumber > 1 && <div className={styles.muted}>attempt {row.attemptNumber}</div>}
                  </td>
                  <td className={styles.num} data-testid="time-left">{left === null ? (row.state === "in-progress" ? "untimed" : "") : formatClock(left)}</td>
                  <td className={styles.num} data-testid="progress">{row.attemptId === null ? "" : `${row.answered} / ${row.total || "?"}`}</td>
                  <td>{row.lastSavedAt === null ? "" : <time dateTime={new Date(row.lastSavedAt).toISOString()}>{formatClock(Math.max(0, view.now - row.lastSavedAt + elapsed))} ago</time>}</td>
                  {canAct && (
                    <td>
                      <RowActions row={row} onDone={() => void refresh()} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="audit-heading">
        <h3 id="audit-heading">Audit trail</h3>
        {view.audit.length === 0 ? (
          <p className={styles.muted}>No staff action on this assessment yet.</p>
        ) : (
          <ol data-testid="live-audit">
            {view.audit.map((e) => (
              <li key={e.id}>
                <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toISOString().replace("T", " ").slice(0, 19)} UTC</time> · {e.actor} · {e.action}
                {e.student ? ` for ${e.student}` : ""} ({e.detail}): {e.reason}
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
