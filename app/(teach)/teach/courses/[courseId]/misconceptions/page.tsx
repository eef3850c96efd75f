/**
 * Misconceptions across the course: which wrong mental models the grader recognised, in how many
 * students, on which questions, week by week, each with example attempts to open.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { misconceptionsView } from "@/lib/server/analytics/views";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";
import styles from "../analytics.module.css";

export const metadata: Metadata = { title: "Misconceptions" };

const WEEK = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const pct = (share: number) => `${Math.round(share * 100)}%`;

export default async function MisconceptionsPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const decision = await authorizeCourse(await getActor(), "course.view-work", courseId);
  if (!decision.ok) refusePage(decision.reason, `/teach/courses/${courseId}/misconceptions`);
  const view = await misconceptionsView(courseId);
  return (
    <div className={styles.page}>
      <p><Link href={`/teach/courses/${courseId}`}>Course</Link> · <Link href={`/teach/courses/${courseId}/gradebook`}>Gradebook</Link></p>
      <h2>Misconceptions</h2>
      <p className={styles.muted}>
        A misconception is a wrong answer that matches the simulation with one rule flipped. Counted in students
        (of {view.students} with a graded question), over every graded attempt of the course.
      </p>
      {view.report.length === 0 ? <p className={styles.notice} data-testid="no-misconceptions">No misconception recognised yet.</p> : (
        <>
          <BarChart
            id="rules" title="Students per misconception" labelHeading="Misconception" valueHeading="Students" max={Math.max(1, view.students)}
            rows={view.report.map((r) => ({ label: r.rule, value: r.students, valueText: `${r.students} (${pct(r.share)})` }))}
          />
          {view.report.map((r, i) => (
            <section key={r.rule} className={styles.section} aria-labelledby={`rule${i}`} data-testid="misconception">
              <h3 id={`rule${i}`}>{r.rule}</h3>
              <p>{r.students} students ({pct(r.share)}).</p>
              <BarChart
                id={`rule${i}-questions`} title={`Where ${r.rule} showed: students by question`} labelHeading="Question" valueHeading="Students" max={Math.max(1, r.students)}
                rows={r.questions.map((q) => ({ label: q.questionId, value: q.students }))}
              />
              <h4>Week by week</h4>
              <table className={styles.table}>
                <caption className="visually-hidden">Students showing {r.rule}, by week</caption>
                <thead><tr><th scope="col">Week of</th><th scope="col" className={styles.num}>Students</th></tr></thead>
                <tbody>{r.weeks.map((w) => <tr key={w.weekStart}><th scope="row">{WEEK.format(new Date(w.weekStart))}</th><td className={styles.num}>{w.students}</td></tr>)}</tbody>
              </table>
              <h4>Examples</h4>
              <ul>
                {r.examples.map((e) => (
                  <li key={e.attemptId}>
                    <Link href={`/teach/courses/${courseId}/gradebook/attempts/${e.attemptId}`}>{view.studentNames.get(e.studentId) ?? "a student"}: {e.questionId}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
