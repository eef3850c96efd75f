/**
 * /courses/:courseId/attempts/:attemptId: the student's attempt. In progress: each drawn question's
 * story, network and answer form (autosaved), a countdown on the server's clock, one submit. Once
 * submitted (by the student or by the deadline): the results holding only the feedback parts whose
 * moment has come. Only the public sheets and the visible parts are ever rendered or serialised.
 * 404 for anyone but the attempt's student.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttemptQuestionForm } from "@/components/assessment/attempt-question-form";
import { AttemptResultsView } from "@/components/assessment/attempt-results";
import { AttemptShell } from "@/components/assessment/attempt-shell";
import { ScoreNoticeList } from "@/components/analytics/score-notice-list";
import { AdjustedScore } from "@/components/gradebook/adjusted-score";
import styles from "@/components/assessment/attempt.module.css";
import { TopologyDiagram } from "@/components/diagram/topology-diagram";
import { Story } from "@/components/practice/story";
import { scoreNotices } from "@/lib/server/assessments/score-notices";
import { studentScore } from "@/lib/server/assessments/student-score";
import { studentAttempt } from "@/lib/server/assessments/student-view";
import { attemptResults, serverNow } from "@/lib/server/assessments/taking";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { getDb } from "@/lib/server/db";

type Params = Promise<{ courseId: string; attemptId: string }>;

export const metadata: Metadata = { title: "Assessment attempt" };

export default async function AttemptPage({ params }: { params: Params }) {
  const { courseId, attemptId } = await params;
  const decision = await authorizeAttempt(await getActor(), "attempt.work", attemptId);
  if (!decision.ok) refusePage(decision.reason === "forbidden" ? "not_found" : decision.reason, `/courses/${courseId}/attempts/${attemptId}`);
  if (decision.courseId !== courseId) notFound();
  const now = serverNow();
  const attempt = await studentAttempt(attemptId, now);
  if (!attempt) notFound();
  if (attempt.status === "submitted") {
    const results = await attemptResults(attemptId, now);
    if (!results) notFound();
    // Adjustments and regrades are part of the score: shown with their reasons only once the score is.
    const score = await studentScore(attemptId, now);
    const regrades = score?.visible ? (await scoreNotices(attemptId)).filter((n) => n.kind === "regraded") : [];
    return (
      <>
        <AttemptResultsView results={results} />
        {score?.visible && score.adjusted ? <AdjustedScore score={score} /> : null}
        <ScoreNoticeList notices={regrades} maxScore={score?.visible ? score.maxScore : null} />
      </>
    );
  }
  const assessment = await getDb().assessment.findUniqueOrThrow({ where: { id: attempt.assessmentId }, select: { title: true } });
  return (
    <article data-testid="attempt" data-attempt={attempt.id}>
      <h1>{assessment.title}</h1>
      <AttemptShell attemptId={attempt.id} deadline={attempt.deadline} serverNow={now}>
        {attempt.questions.map((q, i) => (
          <section key={q.slot} className={styles.question} aria-labelledby={`${q.slot}-title`} data-slot={q.slot}>
            <h2 id={`${q.slot}-title`}>
              Question {i + 1}: {q.sheet.title} <span className={styles.muted}>({q.points} points)</span>
            </h2>
            <Story text={q.sheet.story} />
            <TopologyDiagram diagram={q.diagram} label={q.sheet.title} legend="visible" />
            <AttemptQuestionForm attemptId={attempt.id} slot={q.slot} flows={q.sheet.flows} savedAnswers={attempt.answers[q.slot] ?? {}} />
          </section>
        ))}
      </AttemptShell>
    </article>
  );
}
