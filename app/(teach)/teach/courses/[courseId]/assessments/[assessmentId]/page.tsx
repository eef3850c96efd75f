/**
 * /teach/courses/:courseId/assessments/:assessmentId: the builder (edit the draft, export and
 * import YAML), the preview of a few students' draws (?preview=<id>&preview=student 1), and the
 * check before publishing. Instructors only; a published assessment is shown read-only.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { CheckPanel } from "@/components/assessments/check-panel";
import { DefinitionForm } from "@/components/assessments/definition-form";
import { PreviewSheet } from "@/components/assessments/preview-sheet";
import { YamlImport } from "@/components/assessments/yaml-import";
import { builderPageData } from "@/lib/server/assessments/builder-page";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { MAX_PREVIEW_STUDENTS, previewStudents, resolvePreviewStudents, type StudentPreview } from "@/lib/server/assessments/preview";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";
import styles from "@/components/assessments/builder.module.css";

export const metadata: Metadata = { title: "Assessment builder" };

const FAKES = ["student 1", "student 2", "student 3", "student 4", "student 5"];

type Props = { params: Promise<{ courseId: string; assessmentId: string }>; searchParams: Promise<{ preview?: string | string[] }> };

export default async function AssessmentBuilderPage({ params, searchParams }: Props) {
  const { courseId, assessmentId } = await params;
  const here = `/teach/courses/${courseId}/assessments/${assessmentId}`;
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) refusePage(decision.reason, here);
  const data = await builderPageData(courseId, assessmentId);
  if (!data) refusePage("not_found", here);
  const { assessment, catalogue, students } = data;
  const def = assessment.definition;

  const asked = [(await searchParams).preview ?? []].flat().slice(0, MAX_PREVIEW_STUDENTS);
  let previews: StudentPreview[] = [];
  let previewProblem: string | null = null;
  if (asked.length > 0) {
    const chosen = await resolvePreviewStudents(courseId, asked);
    const stored = await getAssessment(assessmentId, courseId);
    if (!chosen.ok) previewProblem = `"${chosen.unknown}" is not a student of this course.`;
    else if (stored) previews = previewStudents(stored, chosen.students);
  }
  const titles = new Map(catalogue.map((c) => [c.id, c.title]));
  const alternatives = def.zones.flatMap((zone, z) => zone.alternatives.map((alt, a) => ({
    zone: z, alternative: a, label: `Zone ${z + 1} (${zone.title}), alternative ${a + 1}: ${titles.get(alt.scenario) ?? alt.scenario} at ${alt.difficulty}`,
  })));

  return (
    <div className={styles.page}>
      <nav aria-label="Breadcrumb"><Link href={`/teach/courses/${courseId}`}>{data.courseTitle}</Link></nav>
      <h2>{def.title} <small>({assessment.status === "published" ? "published" : "draft"})</small></h2>
      <div className={styles.buttons}>
        <a className={styles.button} href={`/api/v1/assessments/${assessmentId}/yaml`} download>Export as YAML</a>
        <Link className={styles.button} href={`${here}/overrides`}>Per-student overrides</Link>
      </div>

      <DefinitionForm key={assessment.updatedAt} assessmentId={assessmentId} initial={def} hasPassword={assessment.hasPassword} published={assessment.status === "published"} catalogue={catalogue} />

      <section className={styles.section} aria-labelledby="preview-heading">
        <h3 id="preview-heading">Preview</h3>
        <p className={styles.hint}>What these students would get on a first attempt of the saved draft, drawn as the real draw draws it, and their sheets as they would see them.</p>
        <form method="get" action={here}>
          <fieldset>
            <legend>Students to preview (up to {MAX_PREVIEW_STUDENTS})</legend>
            <div className={styles.row}>
              {[...students.map((s) => ({ id: s.userId, label: s.label })), ...FAKES.map((f) => ({ id: f, label: f }))].map((s) => (
                <label key={s.id}><input type="checkbox" name="preview" value={s.id} defaultChecked={asked.includes(s.id)} /> {s.label}</label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className={styles.button}>Preview</button>
        </form>
        {previewProblem ? <p className={styles.error} role="alert">{previewProblem}</p> : null}
        {previews.map((p) => (
          <article key={p.student} className={styles.student} data-testid="preview-student">
            <h4>{p.label}</h4>
            <ol>
              {p.questions.map((q) => (
                <li key={q.slot}>
                  <details>
                    <summary>{q.zoneTitle}: {titles.get(q.scenarioId) ?? q.scenarioId} · {q.difficulty} · {q.points} points</summary>
                    <PreviewSheet question={q} />
                  </details>
                </li>
              ))}
            </ol>
          </article>
        ))}
      </section>

      <CheckPanel key={`check-${assessment.updatedAt}`} assessmentId={assessmentId} alternatives={alternatives} published={assessment.status === "published"} />

      <YamlImport courseId={courseId} />
    </div>
  );
}
