/**
 * /teach/courses/:courseId/gradebook/attempts/:attemptId: one attempt as staff read it, question by
 * question and hop by hop as the student saw it (their answer, the expected value, the reason,
 * carried-forward answers, misconceptions, time spent), its events and score ledger, and for those
 * with `course.grade` the adjustment forms (a new total, or points for one field, each with a note).
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AttemptQuestions } from "@/components/gradebook/attempt-questions";
import { AttemptHistory } from "@/components/gradebook/attempt-history";
import styles from "@/components/gradebook/gradebook.module.css";
import { formatClock } from "@/components/gradebook/format";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { courseAllows } from "@/lib/server/auth/policies/course";
import { loadAttemptDetail } from "@/lib/server/gradebook/attempt-detail";
import { adjustAction } from "./adjust-action";

export const metadata: Metadata = { title: "Attempt" };
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ courseId: string; attemptId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, ""));
const utc = (t: number) => `${new Date(t).toISOString().replace("T", " ").slice(0, 19)} UTC`;

export default async function AttemptPage({ params, searchParams }: Props) {
  const { courseId, attemptId } = await params;
  const path = `/teach/courses/${courseId}/gradebook/attempts/${attemptId}`;
  const decision = await authorizeAttempt(await getActor(), "course.view-work", attemptId);
  if (!decision.ok) refusePage(decision.reason, path);
  if (decision.courseId !== courseId) notFound();
  const detail = await loadAttemptDetail(attemptId);
  if (!detail) notFound();
  const canGrade = decision.role !== null && courseAllows(decision.role, "course.grade");
  const query = await searchParams;
  const error = typeof query.error === "string" ? query.error : null;
  const graded = detail.score !== null && detail.maxScore !== null;
  return (
    <div className={styles.page}>
      <p className={styles.kicker}>
        <Link href={`/teach/courses/${courseId}/gradebook`}>Gradebook</Link> · {detail.assessmentTitle} · attempt {detail.number}
      </p>
      <h2>{detail.student.name ?? detail.student.email}</h2>
      <dl className={styles.values} data-testid="attempt-summary">
        <dt>Status</dt>
        <dd>{detail.status === "submitted" ? `submitted${detail.submittedBy === "deadline" ? " at the deadline" : ""}${detail.late ? ", late" : ""}` : "in progress"}</dd>
        <dt>Score</dt>
        <dd data-testid="attempt-score">{graded ? `${points(detail.score!)} of ${points(detail.maxScore!)} points (${points(detail.percent!)} %)${detail.adjusted ? ", adjusted" : ""}` : "not graded yet"}</dd>
        <dt>Started</dt>
        <dd>{utc(detail.startedAt)}</dd>
        {detail.submittedAt !== null && (<><dt>Submitted</dt><dd>{utc(detail.submittedAt)}</dd></>)}
        <dt>Time spent</dt>
        <dd>{formatClock(detail.totalTimeMs)}</dd>
      </dl>
      {query.adjusted && <p role="status" className={styles.ok} data-testid="adjusted-ok">Adjustment saved.</p>}
      {error && <p role="alert" className={styles.error} data-testid="adjust-error">{error}</p>}
      {canGrade && graded && (
        <form action={adjustAction} className={styles.filters} aria-label="Set a new total" data-testid="adjust-total">
          <input type="hidden" name="attemptId" value={detail.id} />
          <input type="hidden" name="courseId" value={courseId} />
          <input type="hidden" name="scope" value="attempt" />
          <label>
            New total (of {points(detail.maxScore!)}) <input name="score" type="number" step="any" min={0} max={detail.maxScore!} required data-testid="adjust-total-score" />
          </label>
          <label>
            Note (shown to the student) <input name="note" required maxLength={2000} data-testid="adjust-total-note" />
          </label>
          <button type="submit" className="button">Set total</button>
        </form>
      )}
      <AttemptQuestions detail={detail} courseId={courseId} canGrade={canGrade && graded} action={adjustAction} />
      <AttemptHistory detail={detail} />
    </div>
  );
}
