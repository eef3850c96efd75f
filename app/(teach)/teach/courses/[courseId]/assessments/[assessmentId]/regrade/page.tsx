/**
 * Regrade an assessment: the dry run first (every graded attempt's old and new score and the
 * fields that changed, with why), then a form that applies it to all or the ticked students.
 * Scores only go down when the instructor ticks that option. Instructors only.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { describeReason } from "@/lib/assessment/regrade";
import { planRegrade, type RegradeTarget } from "@/lib/server/analytics/regrade";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";
import styles from "../../../analytics.module.css";

export const metadata: Metadata = { title: "Regrade" };

const points = (n: number) => String(Math.round(n * 1000) / 1000);

export default async function RegradePage({ params, searchParams }: { params: Promise<{ courseId: string; assessmentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { courseId, assessmentId } = await params;
  const query = await searchParams;
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) refusePage(decision.reason, `/teach/courses/${courseId}/assessments/${assessmentId}/regrade`);
  if (decision.assessment.courseId !== courseId) notFound();
  const target: RegradeTarget = query.target === "original" ? "original" : "current";
  const plan = await planRegrade(assessmentId, target);
  if (!plan) notFound();
  const moving = plan.attempts.filter((a) => a.newScore !== a.oldScore);
  return (
    <div className={styles.page}>
      <p><Link href={`/teach/courses/${courseId}/assessments/${assessmentId}/statistics`}>Statistics</Link></p>
      <h2>Regrade</h2>
      {typeof query.changed === "string" && (
        <p className={styles.notice} role="status" data-testid="regrade-applied">
          Regrade applied: {query.changed} scores changed{query.kept && query.kept !== "0" ? `, ${query.kept} lower scores kept as they were` : ""}.
        </p>
      )}
      <p>
        Dry run against {target === "current" ? "the catalogue's current content" : "the original content the attempts were taken on"}.{" "}
        <Link href={`?target=${target === "current" ? "original" : "current"}`}>Show it against {target === "current" ? "the original content" : "the current content"}</Link>
      </p>
      <p data-testid="regrade-summary">{plan.attempts.length} graded attempts; {moving.length} would change score.</p>
      <form method="post" action={`/api/v1/assessments/${assessmentId}/regrade`} className={styles.form}>
        <input type="hidden" name="target" value={target} />
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="regrade-plan">
            <caption className="visually-hidden">Old and new score of every graded attempt</caption>
            <thead>
              <tr><th scope="col">Apply</th><th scope="col">Student</th><th scope="col" className={styles.num}>Old</th><th scope="col" className={styles.num}>New</th><th scope="col">What changed and why</th></tr>
            </thead>
            <tbody>
              {plan.attempts.map((a) => (
                <tr key={a.attemptId} data-testid="regrade-row">
                  <td><input type="checkbox" name="attemptIds" value={a.attemptId} aria-label={`Apply to ${a.student}, attempt ${a.number}`} defaultChecked={a.newScore !== a.oldScore} /></td>
                  <th scope="row">{a.student} <span className={styles.muted}>#{a.number}</span></th>
                  <td className={styles.num}>{points(a.oldScore)} / {points(a.maxScore)}</td>
                  <td className={styles.num}>{points(a.newScore)}</td>
                  <td>
                    {a.problem ? <span>Cannot regrade: {a.problem}.</span> : a.questions.every((q) => q.changes.length === 0) ? <span className={styles.muted}>No change</span> : (
                      <ul className={styles.changes}>
                        {a.questions.flatMap((q) => q.changes.map((c) => (
                          <li key={`${q.slot}-${c.id}`}>{q.slot} {c.id}: {points(c.scoreBefore)} → {points(c.scoreAfter)} ({c.reasons.map(describeReason).join("; ") || "its credit changed"})</li>
                        )))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <fieldset>
          <legend>Apply to</legend>
          <label><input type="radio" name="scope" value="all" defaultChecked /> every attempt above</label>
          <label><input type="radio" name="scope" value="selected" /> only the ticked attempts</label>
        </fieldset>
        <label><input type="checkbox" name="allowLower" /> Also lower scores that the regrade lowers (otherwise they stay as they are)</label>
        <label htmlFor="reason">Why (students read this with their new score)</label>
        <textarea id="reason" name="reason" required minLength={3} maxLength={500} />
        <button type="submit" className={styles.button}>Apply the regrade</button>
      </form>
    </div>
  );
}
