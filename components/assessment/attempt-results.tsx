/**
 * A submitted attempt's results: only what the feedback rules let out now (the server built the
 * view from the visible parts alone), and for each hidden part, when it will appear.
 */
import { formatUtc } from "@/lib/assessment/access";
import type { PartVisibility } from "@/lib/assessment/feedback";
import type { AttemptResults } from "@/lib/server/assessments/taking";
import styles from "./attempt.module.css";

const PARTS: Record<PartVisibility["part"], string> = {
  score: "score",
  correctness: "which answers were right",
  expected: "expected values and reasons",
  misconceptions: "misconceptions",
  journey: "packet journey",
};

const STATUS_TEXT: Record<string, string> = {
  correct: "right", "accepted-alternative": "right (another valid answer)", partial: "partly right", wrong: "wrong", "format-error": "unreadable", unanswered: "not answered",
};

export function AttemptResultsView({ results }: { results: AttemptResults }) {
  const { feedback } = results;
  const has = (p: PartVisibility["part"]) => feedback.parts.includes(p);
  const hidden = results.visibility.filter((v) => !v.visible);
  return (
    <article data-testid="attempt-results" data-parts={feedback.parts.join(" ")}>
      <h1>{results.title}</h1>
      {results.submittedBy === "deadline" ? (
        <p className="lead" role="status" data-testid="time-up">
          Time is up: your saved answers were submitted at {formatUtc(results.submittedAt)}.
        </p>
      ) : (
        <p className="lead">Submitted at {formatUtc(results.submittedAt)}.</p>
      )}
      {feedback.score && (
        <p data-testid="attempt-score">
          Score: <strong>{feedback.score.earned}</strong> of {feedback.score.possible} points
        </p>
      )}
      {has("score") && !results.graded && <p className={styles.muted}>Being graded: reload in a moment.</p>}
      {hidden.length > 0 && (
        <ul className={styles.muted} data-testid="feedback-later">
          {hidden.map((v) => (
            <li key={v.part}>
              The {PARTS[v.part]}: {v.from === null ? "not shown" : `shown from ${formatUtc(v.from, false)}`}
            </li>
          ))}
        </ul>
      )}
      {feedback.questions.map((q) => (
        <section key={q.slot} className={styles.question} aria-label={q.title}>
          <h2>
            {q.title}
            {q.earned !== undefined && <span className={styles.muted}> · {q.earned} of {q.points} points</span>}
          </h2>
          {q.misconceptions && q.misconceptions.length > 0 && (
            <ul>
              {q.misconceptions.map((m) => (
                <li key={m.rule}>
                  <strong>{m.name}</strong>: {m.truth}
                </li>
              ))}
            </ul>
          )}
          {(has("correctness") || has("expected")) && q.fields.length > 0 && (
            <div className={styles.tableWrap}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Your answer</th>
                    {has("correctness") && <th scope="col">Verdict</th>}
                    {has("expected") && <th scope="col">Expected, and why</th>}
                  </tr>
                </thead>
                <tbody>
                  {q.fields.map((f) => (
                    <tr key={f.id}>
                      <th scope="row">
                        {f.at} · {f.label}
                      </th>
                      <td>{f.given ?? <span className={styles.muted}>—</span>}</td>
                      {has("correctness") && <td>{f.status ? STATUS_TEXT[f.status] ?? f.status : ""}</td>}
                      {has("expected") && (
                        <td>
                          <code>{f.expected}</code> {f.reason}
                          {f.misconception && <em> ({f.misconception.name})</em>}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </article>
  );
}
