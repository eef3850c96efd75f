/**
 * Statistics of one assessment for the course's staff: the distribution of scores, per question
 * the classical item statistics, where in the journey the class went wrong, the misconceptions,
 * and the question health flags.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/charts/bar-chart";
import { ScoreHistogram } from "@/components/charts/score-histogram";
import { flagText } from "@/lib/assessment/health-text";
import type { QuestionStatistics } from "@/lib/assessment/statistics";
import { statisticsView } from "@/lib/server/analytics/views";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";
import styles from "../../../analytics.module.css";

export const metadata: Metadata = { title: "Assessment statistics" };

const fixed = (n: number | null, digits = 2) => (n === null ? "–" : n.toFixed(digits));
const pct = (n: number | null) => (n === null ? "–" : `${Math.round(n)}%`);

function Question({ q, index }: { q: QuestionStatistics; index: number }) {
  return (
    <section className={styles.section} aria-labelledby={`q${index}`}>
      <h4 id={`q${index}`}>{q.questionId}</h4>
      <ul className={styles.summary}>
        <li><span className={styles.muted}>Attempts</span><strong>{q.attempts}</strong></li>
        <li><span className={styles.muted}>Mean points</span><strong>{fixed(q.meanPoints)}</strong></li>
        <li><span className={styles.muted}>SD</span><strong>{fixed(q.sdPoints)}</strong></li>
        <li><span className={styles.muted}>Facility</span><strong>{pct(q.facility)}</strong></li>
        <li><span className={styles.muted}>Point-biserial</span><strong>{fixed(q.pointBiserial)}</strong></li>
        <li><span className={styles.muted}>Upper-lower 27%</span><strong>{fixed(q.upperLowerIndex)}</strong></li>
        <li><span className={styles.muted}>Average time</span><strong>{q.averageSeconds === null ? "–" : `${Math.round(q.averageSeconds)} s`}</strong></li>
      </ul>
      <BarChart
        id={`q${index}-fields`} title="Most missed fields" labelHeading="Hop and field" valueHeading="Missed" max={1}
        rows={q.fields.slice(0, 12).map((f) => ({ label: `${f.at} ${f.field}`, value: f.missedShare, valueText: `${f.missed} of ${f.attempts} (${pct(f.missedShare * 100)})` }))}
      />
      <BarChart
        id={`q${index}-hops`} title="Where in the journey answers went wrong" labelHeading="Hop" valueHeading="Missed" max={1}
        rows={q.hops.slice(0, 12).map((h) => ({ label: h.at, value: h.missedShare, valueText: `${h.missed} of ${h.answers} (${pct(h.missedShare * 100)})` }))}
      />
      <BarChart
        id={`q${index}-misconceptions`} title="Misconceptions on this question" labelHeading="Misconception" valueHeading="Students" max={Math.max(1, q.attempts)}
        rows={q.misconceptions.map((m) => ({ label: m.rule, value: m.students, valueText: `${m.students} (${pct(m.share * 100)})` }))}
      />
    </section>
  );
}

export default async function StatisticsPage({ params }: { params: Promise<{ courseId: string; assessmentId: string }> }) {
  const { courseId, assessmentId } = await params;
  const decision = await authorizeCourse(await getActor(), "course.view-work", courseId);
  if (!decision.ok) refusePage(decision.reason, `/teach/courses/${courseId}/assessments/${assessmentId}/statistics`);
  const view = await statisticsView(courseId, assessmentId);
  if (!view) notFound();
  const { statistics: s, health, assessment } = view;
  return (
    <div className={styles.page}>
      <p><Link href={`/teach/courses/${courseId}`}>Course</Link> · <Link href={`/teach/courses/${courseId}/misconceptions`}>Misconceptions</Link></p>
      <h2>Statistics: {assessment.title}</h2>
      <p className={styles.muted}>From each student&apos;s counted attempt (best or last, as the assessment scores).</p>
      <ul className={styles.summary} data-testid="statistics-summary">
        <li><span className={styles.muted}>Students</span><strong>{s.students}</strong></li>
        <li><span className={styles.muted}>Mean</span><strong>{pct(s.meanPercent)}</strong></li>
        <li><span className={styles.muted}>SD</span><strong>{s.sdPercent === null ? "–" : `${fixed(s.sdPercent, 1)} points`}</strong></li>
      </ul>
      <ScoreHistogram id="scores" title="Distribution of scores" bins={s.histogram} />
      <section className={styles.section} aria-labelledby="health">
        <h3 id="health">Question health</h3>
        {health.length === 0 ? <p className={styles.muted}>No question looks at fault (a class under five students flags nothing).</p>
          : health.map((f, i) => <p key={i} className={styles.flag} data-testid="health-flag"><strong>{f.questionId}:</strong> {flagText(f)}</p>)}
      </section>
      <h3 className={styles.section}>Questions</h3>
      {s.questions.length === 0 ? <p>No graded attempts yet.</p> : s.questions.map((q, i) => <Question key={q.questionId} q={q} index={i} />)}
    </div>
  );
}
