/**
 * The student's score on their results page, with the notes of any manual adjustment (give it what
 * `studentScore` returns). Nothing but "when" is shown before the feedback rules release the score.
 */
import type { StudentScore } from "@/lib/server/assessments/student-score";
import styles from "./gradebook.module.css";

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, ""));
const utc = (t: number) => `${new Date(t).toISOString().replace("T", " ").slice(0, 16)} UTC`;

export function AdjustedScore({ score }: { score: StudentScore }) {
  if (!score.visible) {
    return (
      <p className={styles.muted} data-testid="score-hidden">
        {!score.graded ? "Your attempt is being graded." : score.from === null ? "Your score is not shown for this assessment." : `Your score will be shown from ${utc(score.from)}.`}
      </p>
    );
  }
  return (
    <section aria-labelledby="student-score-heading" data-testid="student-score">
      <h2 id="student-score-heading">Your score</h2>
      <p>
        <strong data-testid="student-score-value">{points(score.score)} of {points(score.maxScore)} points ({points(score.percent)} %)</strong>
        {score.late && " · submitted late"}
        {score.adjusted && " · adjusted by your instructor"}
      </p>
      {score.notes.length > 0 && (
        <div className={styles.adjusted}>
          <h3>Why your score was adjusted</h3>
          <ul data-testid="adjustment-notes">
            {score.notes.map((n, i) => (
              <li key={i}>
                <time dateTime={new Date(n.at).toISOString()}>{utc(n.at)}</time>
                {n.scope === "question" && n.question !== null ? ` (question ${n.question})` : ""}: {n.note}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
