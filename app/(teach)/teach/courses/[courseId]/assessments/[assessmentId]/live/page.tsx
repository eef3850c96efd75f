/**
 * /teach/courses/:courseId/assessments/:assessmentId/live: every enrolled student's state on one
 * assessment, refreshed every few seconds, with add-time and reopen for those who may
 * (`course.edit-assessments`). Staff only; anyone outside the course gets the 404 page.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveBoard } from "@/components/gradebook/live-board";
import styles from "@/components/gradebook/gradebook.module.css";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";
import { courseAllows } from "@/lib/server/auth/policies/course";
import { loadLiveView } from "@/lib/server/gradebook/live";

export const metadata: Metadata = { title: "Live view" };
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ courseId: string; assessmentId: string }>;
}

export default async function LivePage({ params }: Props) {
  const { courseId, assessmentId } = await params;
  const path = `/teach/courses/${courseId}/assessments/${assessmentId}/live`;
  const decision = await authorizeAssessment(await getActor(), "course.view-work", assessmentId);
  if (!decision.ok) refusePage(decision.reason, path);
  if (decision.assessment.courseId !== courseId) notFound();
  const view = await loadLiveView(assessmentId);
  if (!view) notFound();
  return (
    <div className={styles.page}>
      <p className={styles.kicker}>
        <Link href={`/teach/courses/${courseId}`}>Course</Link> · <Link href={`/teach/courses/${courseId}/gradebook`}>Gradebook</Link> ·{" "}
        <Link href={`/teach/courses/${courseId}/audit`}>Audit trail</Link>
      </p>
      <h2>Live: {view.title}</h2>
      <LiveBoard initial={view} canAct={courseAllows(decision.grant.role, "course.edit-assessments")} />
    </div>
  );
}
