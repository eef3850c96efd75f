/** /teach/courses/:courseId/assessments/new: start a draft from scratch or import a YAML file (instructors). */
import type { Metadata } from "next";
import Link from "next/link";
import { NewDraftForm } from "@/components/assessments/new-draft-form";
import { YamlImport } from "@/components/assessments/yaml-import";
import { catalogueOptions, courseTitle } from "@/lib/server/assessments/builder-page";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";
import styles from "@/components/assessments/builder.module.css";

export const metadata: Metadata = { title: "New assessment" };

export default async function NewAssessmentPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const decision = await authorizeCourse(await getActor(), "course.edit-assessments", courseId);
  if (!decision.ok) refusePage(decision.reason, `/teach/courses/${courseId}/assessments/new`);
  const title = await courseTitle(courseId);
  return (
    <div className={styles.page}>
      <nav aria-label="Breadcrumb"><Link href={`/teach/courses/${courseId}`}>{title}</Link></nav>
      <h2>New assessment</h2>
      <NewDraftForm courseId={courseId} firstScenario={catalogueOptions()[0]?.id ?? null} />
      <YamlImport courseId={courseId} />
    </div>
  );
}
