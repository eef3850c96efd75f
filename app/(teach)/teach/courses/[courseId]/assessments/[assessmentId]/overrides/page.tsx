/**
 * /teach/courses/:courseId/assessments/:assessmentId/overrides: per-student overrides (list, set,
 * change, remove; instructors) and the effective rules of any one student (?student=<id>), each
 * value with where it comes from.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { DeleteOverride, OverrideForm } from "@/components/assessments/override-form";
import { builderPageData } from "@/lib/server/assessments/builder-page";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { effectiveRulesView, listOverrides } from "@/lib/server/assessments/overrides";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";
import styles from "@/components/assessments/builder.module.css";

export const metadata: Metadata = { title: "Overrides" };

const RULES = ["release", "close", "lateUntil", "timeLimitMinutes", "attempts", "passwordWaived"] as const;
const RULE_WORDS: Record<(typeof RULES)[number], string> = { release: "opens", close: "closes", lateUntil: "late until", timeLimitMinutes: "minutes", attempts: "attempts", passwordWaived: "no password" };

type Props = { params: Promise<{ courseId: string; assessmentId: string }>; searchParams: Promise<{ student?: string }> };

export default async function OverridesPage({ params, searchParams }: Props) {
  const { courseId, assessmentId } = await params;
  const here = `/teach/courses/${courseId}/assessments/${assessmentId}/overrides`;
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) refusePage(decision.reason, here);
  const data = await builderPageData(courseId, assessmentId);
  const stored = await getAssessment(assessmentId, courseId);
  if (!data || !stored) refusePage("not_found", here);
  const overrides = await listOverrides(stored);
  const asked = (await searchParams).student;
  const rules = asked ? await effectiveRulesView(stored, asked) : null;

  return (
    <div className={styles.page}>
      <nav aria-label="Breadcrumb">
        <Link href={`/teach/courses/${courseId}`}>{data.courseTitle}</Link> › <Link href={`/teach/courses/${courseId}/assessments/${assessmentId}`}>{data.assessment.definition.title}</Link>
      </nav>
      <h2>Overrides: {data.assessment.definition.title}</h2>

      <section className={styles.section} aria-labelledby="list-heading">
        <h3 id="list-heading">Overrides</h3>
        {overrides.length === 0 ? <p className={styles.hint}>No student has an override.</p> : (
          <ul data-testid="override-list">
            {overrides.map((o) => (
              <li key={o.id}>
                <strong>{o.studentLabel}</strong>: {RULES.filter((r) => o[r] !== undefined).map((r) => `${RULE_WORDS[r]} ${r === "passwordWaived" ? "" : String(o[r])}`.trim()).join(", ")} · reason: {o.reason}
                <DeleteOverride assessmentId={assessmentId} overrideId={o.id} studentLabel={o.studentLabel} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <OverrideForm key={overrides.map((o) => `${o.id}${o.updatedAt}`).join()} assessmentId={assessmentId} students={data.students} existing={overrides} />

      <section className={styles.section} aria-labelledby="rules-heading">
        <h3 id="rules-heading">Effective rules of one student</h3>
        <form method="get" action={here} className={styles.row}>
          <div className={styles.field}>
            <label htmlFor="rules-student">Show the rules of</label>
            <select id="rules-student" name="student" defaultValue={asked}>
              {data.students.map((s) => <option key={s.userId} value={s.userId}>{s.label}{s.timeFactor !== 1 ? ` (time factor ${s.timeFactor})` : ""}</option>)}
            </select>
          </div>
          <button type="submit" className={styles.button}>Show</button>
        </form>
        {asked && !rules ? <p className={styles.error} role="alert">Not a student of this course.</p> : null}
        {rules ? (
          <div className={styles.tableWrap} tabIndex={0} role="region" aria-label="Effective rules">
            <table className={styles.table} data-testid="effective-rules">
              <caption>{rules.studentLabel}: now {rules.phase}</caption>
              <thead><tr><th scope="col">Rule</th><th scope="col">Value</th><th scope="col">Why</th></tr></thead>
              <tbody>
                {rules.lines.map((l) => <tr key={l.rule}><th scope="row">{l.rule}</th><td>{l.value}</td><td>{l.why.join(", then ")}</td></tr>)}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
