"use client";

/**
 * The interviewer's console: the join code, the stage timer and controls, the candidate's answers
 * arriving live with per-field verdicts, the misconception each wrong answer matches and a question
 * to probe it, the hint ladder, private notes, the rubric, what-if follow-ups with what they change,
 * and the full true trace (a table, and the practice pages' packet journey to step through). Streams the interviewer projection; never rendered for the candidate.
 */
import Link from "next/link";
import { useState } from "react";
import type { Diagram } from "@/lib/diagram/layout";
import type { InterviewerStage, InterviewerView } from "@/lib/interview/views";
import { TopologyDiagram } from "@/components/diagram/topology-diagram";
import { StageTimer } from "./stage-timer";
import { TrueJourney } from "./true-journey";
import { TrueTrace } from "./true-trace";
import { FollowUpPicker } from "./follow-up-picker";
import { RubricForm } from "./rubric-form";
import { useSessionStream } from "./use-session-stream";
import styles from "./interview.module.css";

export interface InterviewerProjection {
  readonly role: "interviewer";
  readonly seq: number;
  readonly now: number;
  readonly joinCode: string;
  readonly view: InterviewerView;
}

/** The candidate's raw answer (shown even when it does not parse, so the interviewer sees what was typed). */
function typed(v: unknown): string | null {
  if (typeof v === "string") return v || null;
  if (Array.isArray(v)) return v.join(" → ");
  if (v && typeof v === "object") return Object.values(v as Record<string, string>).join(" / ");
  return null;
}

function StageAnswers({ stage }: { stage: InterviewerStage }) {
  if (stage.fields.length === 0) return <p className={styles.muted}>No fields to predict in this stage.</p>;
  return (
    <table className={styles.table} data-testid="live-answers">
      <thead><tr><th scope="col">Field</th><th scope="col">Answer</th><th scope="col">True value</th><th scope="col">Verdict</th></tr></thead>
      <tbody>
        {stage.fields.map((f) => (
          <tr key={f.id} data-field={f.id}>
            <td>{f.label} <span className={styles.muted}>at {f.at}</span></td>
            <td data-testid="given">{f.given ?? typed(stage.answers[f.id]) ?? "—"}</td>
            <td>{f.expected}</td>
            <td className={f.status === "correct" ? styles.correct : f.given === null ? styles.muted : styles.wrong}>
              {f.status}
              {f.misconception && <><br /><strong>{f.misconception.name}</strong>{f.probe && <><br /><em>Ask: {f.probe}</em></>}</>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function InterviewerConsole({ sessionId, initial, diagram }: { sessionId: string; initial: InterviewerProjection; diagram: Diagram }) {
  const { projection, connection, send } = useSessionStream(sessionId, initial);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const v = projection.view;
  const running = v.stages.find((s) => s.status === "running") ?? null;
  const next = v.stages.find((s) => s.status === "pending") ?? null;
  const shown = running ?? [...v.stages].reverse().find((s) => s.status !== "pending") ?? null;
  const ended = v.status === "ended";

  async function act(command: unknown) {
    setError(await send(command));
  }

  return (
    <div data-testid="interviewer-console">
      <div className={styles.bar}>
        <span>Join code <strong className={styles.code} data-testid="join-code">{projection.joinCode}</strong>{" "}
          <Link href={`/interviews/join?code=${projection.joinCode}`} className={styles.muted}>share this link</Link></span>
        <span data-testid="candidate-status">{v.candidateJoined ? "Candidate joined" : "Waiting for the candidate"}</span>
        {shown && <StageTimer timer={shown.timer} serverNow={projection.now} paused={v.paused} />}
        <span role="status" className={styles.muted}>{connection === "live" ? "Live" : "Reconnecting…"}</span>
      </div>
      {error && <p role="alert" className={styles.error}>{error}</p>}
      <div className={styles.actions} aria-label="Session controls">
        {!running && next && !ended && <button type="button" className="button" disabled={!v.candidateJoined} onClick={() => void act({ type: "stage-started", stageId: next.id })} data-testid="start-stage">Start: {next.title}</button>}
        {running && !v.paused && <button type="button" className="button secondary" onClick={() => void act({ type: "paused" })}>Pause</button>}
        {v.paused && <button type="button" className="button secondary" onClick={() => void act({ type: "resumed" })}>Resume</button>}
        {running && <button type="button" className="button secondary" onClick={() => void act({ type: "extended", stageId: running.id, minutes: 2 })}>+2 minutes</button>}
        {!ended && <button type="button" className="button secondary" onClick={() => void act({ type: "ended" })} data-testid="end-session">End the interview</button>}
        {ended && <Link href={`/interviews/${sessionId}/report`} data-testid="report-link">Report</Link>}
        <Link href={`/interviews/${sessionId}/replay`}>Replay</Link>
      </div>
      <div className={styles.layout}>
        <div>
          {shown && (
            <section className={styles.panel} aria-labelledby="console-stage">
              <h2 id="console-stage">{shown.title} <span className={styles.muted}>({shown.status})</span></h2>
              <p>{shown.prompt}</p>
              {shown.score && <p data-testid="stage-score">So far: {shown.score.score} of {shown.score.maxScore} points</p>}
              <StageAnswers stage={shown} />
              <h3>Hint ladder</h3>
              <ol>
                {shown.hints.map((h, i) => (
                  <li key={i}>
                    {h.text} <span className={styles.muted}>(costs {h.cost})</span>{" "}
                    {h.revealed ? <strong>revealed</strong> : i === shown.hints.findIndex((x) => !x.revealed) && shown.status === "running" && (
                      <button type="button" className="button secondary" onClick={() => void act({ type: "hint-revealed", stageId: shown.id, index: i })} data-testid="reveal-hint">Reveal</button>
                    )}
                  </li>
                ))}
              </ol>
              {shown.points.length > 0 && <><h3>Listen for</h3><ul>{shown.points.map((p, i) => <li key={i}>{p.point}</li>)}</ul></>}
            </section>
          )}
          <section className={styles.panel} aria-labelledby="notes-title">
            <h2 id="notes-title">Private notes</h2>
            <ul className={styles.notes}>{v.notes.map((n) => <li key={n.id}><span className={styles.muted}>{n.id} · {new Date(n.at).toLocaleTimeString()} · {n.stageId ?? "before the first stage"}</span> {n.text}</li>)}</ul>
            <form onSubmit={(e) => { e.preventDefault(); if (note.trim()) void act({ type: "note-added", text: note }).then(() => setNote("")); }}>
              <label htmlFor="note">Add a note</label>
              <textarea id="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: "100%" }} />
              <button type="submit" className="button secondary">Save note</button>
            </form>
          </section>
          <FollowUpPicker sessionId={sessionId} asked={v.followUps.filter((f) => f.asked).map((f) => f.id)} disabled={ended || running !== null} onAsk={(id) => act({ type: "follow-up-asked", followUpId: id })} />
          <RubricForm view={v} onScore={(command) => act(command)} />
        </div>
        <aside>
          <section className={styles.panel} aria-label="Stages">
            <h2>Stages</h2>
            <ol className={styles.stageList}>{v.stages.map((s) => <li key={s.id}>{s.title} <span className={styles.muted}>{s.status}{s.score ? ` · ${s.score.score}/${s.score.maxScore}` : ""}</span></li>)}</ol>
          </section>
          <TopologyDiagram diagram={diagram} label={v.title} maxHeight="360px" />
          <TrueTrace trace={v.trace} />
        </aside>
      </div>
      <TrueJourney trace={v.trace} diagram={diagram} />
    </div>
  );
}
