/**
 * An attempt's questions for staff, hop by hop: each field's verdict, the student's answer, the
 * expected value, the reason, a carried-forward note, a misconception, and (for graders) a form to
 * give the field other points with a note.
 */
import type { AttemptDetail, HopGroup } from "@/lib/server/gradebook/attempt-detail";
import { verdictOf } from "@/lib/practice/result-display";
import { formatClock } from "./format";
import styles from "./gradebook.module.css";

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, ""));

type Field = HopGroup["fields"][number];

function FieldRow({ field, slot, attemptId, courseId, canGrade, action }: { field: Field; slot: string; attemptId: string; courseId: string; canGrade: boolean; action: (data: FormData) => Promise<void> }) {
  const verdict = verdictOf(field);
  const auto = field.score * field.weight;
  return (
    <li className={styles.field} data-status={field.status} data-testid="staff-field" data-field={field.id}>
      <div>
        <strong>{field.label}</strong> · <span data-testid="staff-verdict">{verdict.icon} {verdict.text}</span> ·{" "}
        <span className={styles.num}>
          {field.adjustedPoints !== null ? <><s>{points(auto)}</s> {points(field.adjustedPoints)}</> : points(auto)}/{points(field.weight)}
        </span>
      </div>
      <dl className={styles.values}>
        <dt>Answer</dt>
        <dd className={styles.mono} data-testid="staff-given">{field.given ?? "(nothing)"}</dd>
        <dt>Expected</dt>
        <dd className={styles.mono} data-testid="staff-expected">{field.expected}</dd>
        <dt>Why</dt>
        <dd>{field.reason}</dd>
        {field.carriedForward && (<><dt>Carried</dt><dd>Credited: consistent with an earlier wrong answer, whose mistake is counted there.</dd></>)}
        {field.misconception && (<><dt>Misconception</dt><dd data-testid="staff-misconception">{field.misconception.name}: {field.misconception.truth}</dd></>)}
        {field.status !== "correct" && field.status !== "unanswered" && (<><dt>Feedback</dt><dd>{field.feedback}</dd></>)}
      </dl>
      {canGrade && (
        <form action={action} className={styles.filters} aria-label={`Adjust ${field.label}`}>
          <input type="hidden" name="attemptId" value={attemptId} />
          <input type="hidden" name="courseId" value={courseId} />
          <input type="hidden" name="scope" value="field" />
          <input type="hidden" name="slot" value={slot} />
          <input type="hidden" name="field" value={field.id} />
          <label>
            Points (of {points(field.weight)}) <input name="points" type="number" step="any" min={0} max={field.weight} required data-testid="adjust-field-points" />
          </label>
          <label>
            Note <input name="note" required maxLength={2000} data-testid="adjust-field-note" />
          </label>
          <button type="submit" className="button secondary" data-testid="adjust-field">Adjust field</button>
        </form>
      )}
    </li>
  );
}

export function AttemptQuestions({ detail, courseId, canGrade, action }: { detail: AttemptDetail; courseId: string; canGrade: boolean; action: (data: FormData) => Promise<void> }) {
  return (
    <section aria-labelledby="questions-heading" className={styles.page}>
      <h3 id="questions-heading">Questions</h3>
      {detail.questions.map((q, i) => (
        <article key={q.slot} className={styles.question} data-testid="staff-question" data-slot={q.slot}>
          <h4>
            {i + 1}. {q.zoneTitle}: {q.title}
          </h4>
          <p className={styles.muted}>
            {q.difficulty} · {q.earned === null ? "not graded" : `${points(q.earned)} of ${points(q.points)} points`} · time spent about {formatClock(q.timeSpentMs)}
          </p>
          {q.firstDivergence && <p>First divergence from the simulator: <strong>{q.firstDivergence.label}</strong> at {q.firstDivergence.at}.</p>}
          {q.flows === null ? (
            <p className={styles.error}>The content this question was taken on is no longer stored: only its score is known.</p>
          ) : (
            q.flows.map((flow) => (
              <div key={flow.id}>
                <h5>{flow.title}</h5>
                {flow.hops.map((hop, h) => (
                  <section key={h} aria-label={hop.title} data-testid="staff-hop">
                    <h6>{hop.title}</h6>
                    <ol>
                      {hop.fields.map((f) => (
                        <FieldRow key={f.id} field={f} slot={q.slot} attemptId={detail.id} courseId={courseId} canGrade={canGrade} action={action} />
                      ))}
                    </ol>
                  </section>
                ))}
              </div>
            ))
          )}
        </article>
      ))}
    </section>
  );
}
