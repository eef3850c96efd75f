"use client";

/**
 * The candidate's side of a session: the prompt, the diagram, their own answer sheet, the stage and
 * its clock, and the hints revealed to them. Everything here comes from the candidate projection
 * the server streams; in a solo session the learner also runs the stages, hints and follow-ups.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import type { Diagram } from "@/lib/diagram/layout";
import type { CandidateStage, CandidateView } from "@/lib/interview/views";
import { TopologyDiagram } from "@/components/diagram/topology-diagram";
import { InterviewSheet } from "./interview-sheet";
import { StageTimer } from "./stage-timer";
import { useSessionStream } from "./use-session-stream";
import styles from "./interview.module.css";

export interface CandidateProjection {
  readonly role: "candidate";
  readonly seq: number;
  readonly now: number;
  readonly view: CandidateView;
  /** Solo only: the next stage to start. */
  readonly next: { readonly id: string; readonly title: string } | null;
}

function Verdicts({ stage }: { stage: CandidateStage }) {
  if (!stage.verdicts) return null;
  const right = stage.verdicts.fields.filter((f) => f.status === "correct").length;
  return <p data-testid="stage-verdicts">Graded: {stage.verdicts.score} of {stage.verdicts.maxScore} points ({right} of {stage.verdicts.fields.length} fields right).</p>;
}

export function CandidateRoom({ sessionId, initial, diagram }: { sessionId: string; initial: CandidateProjection; diagram: Diagram }) {
  const { projection, connection, send } = useSessionStream(sessionId, initial);
  const [error, setError] = useState<string | null>(null);
  const [followUps, setFollowUps] = useState<{ id: string; question: string; asked: boolean }[]>([]);
  const v = projection.view;
  const solo = v.mode === "solo";
  const stage = v.current;
  const running = stage?.status === "running";

  useEffect(() => {
    if (!solo || projection.next || running || v.status === "ended") return;
    fetch(`/api/v1/interviews/${sessionId}/follow-ups`).then((r) => (r.ok ? r.json() : { followUps: [] })).then((b: { followUps: typeof followUps }) => setFollowUps(b.followUps)).catch(() => {});
  }, [solo, projection.next, running, v.status, sessionId, projection.seq]);

  async function act(command: unknown) {
    setError(await send(command));
  }

  return (
    <div data-testid="candidate-room">
      <div className={styles.bar}>
        <strong>{v.title}</strong>
        <span data-testid="progress">Stage {Math.max(1, v.progress.stage)} of {v.progress.of}</span>
        {stage && <StageTimer timer={stage.timer} serverNow={projection.now} paused={v.paused} />}
        <span role="status" className={styles.muted}>{v.paused ? "Paused by the interviewer" : connection === "live" ? "Live" : "Reconnecting…"}</span>
      </div>
      {error && <p role="alert" className={styles.error}>{error}</p>}
      <div className={styles.layout}>
        <div>
          {!stage && v.status !== "ended" && <p className={styles.panel}>{solo ? "Start the first stage when you are ready." : "Waiting for the interviewer to start the first stage."}</p>}
          {stage && (
            <section className={styles.panel} aria-labelledby="stage-title" data-testid="current-stage">
              <h2 id="stage-title">{stage.title}</h2>
              <p>{stage.prompt}</p>
              {stage.hints.length > 0 && (
                <div aria-label="Hints">
                  {stage.hints.map((h, i) => <p key={i} className={styles.hint} data-testid="hint">Hint {i + 1}: {h}</p>)}
                </div>
              )}
              {running && stage.sheet.length > 0 && (
                <InterviewSheet key={stage.id} stageId={stage.id} sheet={stage.sheet} saved={stage.answers} disabled={v.paused}
                  save={(answers) => send({ type: "answers-saved", stageId: stage.id, answers })} />
              )}
              {running && stage.sheet.length === 0 && <p className={styles.muted}>Answer out loud; nothing to fill in for this stage.</p>}
              <div className={styles.actions}>
                {running && <button type="button" className="button" onClick={() => void act({ type: "stage-submitted", stageId: stage.id })} data-testid="submit-stage">Done with this stage</button>}
                {running && solo && stage.nextHintCost !== null && (
                  <button type="button" className="button secondary" onClick={() => void act({ type: "hint-revealed", stageId: stage.id, index: stage.hints.length })}>Reveal a hint (costs {stage.nextHintCost} points)</button>
                )}
              </div>
              {!running && <Verdicts stage={stage} />}
            </section>
          )}
          {solo && v.status !== "ended" && !running && (
            <section className={styles.panel} aria-label="Next">
              {projection.next ? (
                <button type="button" className="button" onClick={() => void act({ type: "stage-started", stageId: projection.next!.id })} data-testid="start-stage">Start: {projection.next.title}</button>
              ) : (
                <>
                  {followUps.filter((f) => !f.asked).map((f) => (
                    <p key={f.id}><button type="button" className="button secondary" onClick={() => void act({ type: "follow-up-asked", followUpId: f.id })} data-testid="ask-follow-up">Follow-up: {f.question}</button></p>
                  ))}
                </>
              )}
              <p><button type="button" className="button secondary" onClick={() => void act({ type: "ended" })} data-testid="end-session">End the interview</button></p>
            </section>
          )}
          {v.status === "ended" && (
            <p className={styles.panel} data-testid="ended">The interview has ended. <Link href={`/interviews/${sessionId}/report`}>Read your report</Link> · <Link href={`/interviews/${sessionId}/replay`}>Replay</Link></p>
          )}
          {v.done.length > 0 && (
            <section className={styles.panel} aria-label="Earlier stages">
              <h2>Earlier stages</h2>
              <ul className={styles.stageList}>{v.done.map((s) => <li key={s.id}>{s.title}: {s.status}<Verdicts stage={s} /></li>)}</ul>
            </section>
          )}
        </div>
        <aside>
          <section className={styles.panel} aria-label="The story">
            <p>{v.story}</p>
          </section>
          <TopologyDiagram diagram={diagram} label={v.title} maxHeight="420px" />
        </aside>
      </div>
    </div>
  );
}
