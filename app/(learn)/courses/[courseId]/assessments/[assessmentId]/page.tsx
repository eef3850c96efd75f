/**
 * /courses/:courseId/assessments/:assessmentId: before starting, the rules as they apply to this
 * student (time limit x their factor, attempts left, late policy, password, when each part of the
 * feedback appears), their attempts so far, and the start button. 404 outside the course.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StartAttemptForm } from "@/components/assessment/start-attempt-form";
import styles from "@/components/assessment/attempt.module.css";
import { describeSource, formatUtc, type PartVisibility } from "@/lib/assessment";
import { beforeStart, serverNow } from "@/lib/server/assessments/taking";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

type Params = Promise<{ courseId: string; assessmentId: string }>;

export const metadata: Metadata = { title: "Before you start" };

const PART_LABELS: Record<PartVisibility["part"], string> = {
  score: "Your score",
  correctness: "Which answers were right or wrong",
  expected: "The expected values and why",
  misconceptions: "Misconceptions found in your answers",
  journey: "The packet's journey, hop by hop",
};

function moment(p: PartVisibility): string {
  if (p.moment === "never") return "never shown";
  if (p.moment === "after-submit") return "as soon as you submit";
  if (p.moment === "after-close") return p.from === null ? "after the assessment closes" : `after the assessment closes (${formatUtc(p.from, false)})`;
  return `from ${formatUtc(p.from ?? 0, false)}`;
}

const minutes = (ms: number) => `${Math.round(ms / 60_000 * 10) / 10} minutes`;

export default async function BeforeStartPage({ params }: { params: Params }) {
  const { courseId, assessmentId } = await params;
  const decision = await authorizeAssessment(await getActor(), "course.take", assessmentId);
  if (!decision.ok) refusePage(decision.reason, `/courses/${courseId}/assessments/${assessmentId}`);
  if (decision.assessment.courseId !== courseId) notFound();
  const now = serverNow();
  const view = await beforeStart(assessmentId, { id: decision.grant.userId, timeFactor: decision.grant.timeFactor }, now);
  if (!view) notFound();
  const { rules } = view;
  const inProgress = view.attempts.find((a) => a.status === "in_progress");
  const limit = rules.timeLimitMs.value;
  const canStart = !inProgress && view.attemptsLeft > 0 && (rules.phase === "open" || rules.phase === "late");
  return (
    <article data-testid="before-start">
      <p className="eyebrow">
        <Link href={`/courses/${encodeURIComponent(courseId)}`}>Back to the course</Link>
      </p>
      <h1>{view.assessment.title}</h1>
      <p className="lead">{view.assessment.kind === "exam" ? "An exam: one timed attempt." : "Homework."} These are the rules that apply to you.</p>
      <dl className={styles.rules}>
        <dt>Opens</dt>
        <dd>{rules.release.value === null ? "Now" : formatUtc(rules.release.value, false)}</dd>
        <dt>Closes</dt>
        <dd>{rules.close.value === null ? "Never" : formatUtc(rules.close.value, false)}</dd>
        <dt>Time</dt>
        <dd data-testid="time-limit">
          {limit === null ? "No time limit" : `${minutes(limit)} from when you start`}
          {rules.timeFactor !== 1 && ` (your time factor ${rules.timeFactor}x is included)`}
          {view.deadlineIfStartedNow !== null && `; starting now, your time ends at ${formatUtc(view.deadlineIfStartedNow)}`}
        </dd>
        <dt>Attempts</dt>
        <dd data-testid="attempts-left">{view.attemptsLeft} of {rules.attempts.value} left</dd>
        <dt>Late work</dt>
        <dd>{rules.late.value === null ? "Not accepted after the close" : `Accepted until ${formatUtc(rules.late.value.until, false)} for ${rules.late.value.creditPercent}% of the credit`}</dd>
        <dt>Password</dt>
        <dd>{rules.passwordRequired.value ? "Required: your instructor gives it" : "None"}</dd>
      </dl>
      {[rules.release, rules.close, rules.late, rules.timeLimitMs, rules.attempts].some((s) => s.from.some((f) => f.kind !== "assessment")) && (
        <p className={styles.muted}>
          Changed for you:{" "}
          {[...new Set([rules.release, rules.close, rules.late, rules.timeLimitMs, rules.attempts].flatMap((s) => s.from.filter((f) => f.kind !== "assessment").map(describeSource)))].join("; ")}
        </p>
      )}
      <h2>When you see feedback</h2>
      <ul>
        {view.feedback.map((p) => (
          <li key={p.part}>
            {PART_LABELS[p.part]}: {moment(p)}
          </li>
        ))}
      </ul>
      <h2>Questions</h2>
      <ol>
        {view.zones.map((z, i) => (
          <li key={i}>
            {z.title}: {z.choose} question{z.choose === 1 ? "" : "s"}
          </li>
        ))}
      </ol>
      {inProgress ? (
        <p>
          <Link className="button" href={`/courses/${encodeURIComponent(courseId)}/attempts/${encodeURIComponent(inProgress.id)}`}>
            Continue your attempt
          </Link>
        </p>
      ) : canStart ? (
        <StartAttemptForm assessmentId={assessmentId} passwordRequired={rules.passwordRequired.value} label={view.attempts.length === 0 ? "Start" : "Start another attempt"} />
      ) : (
        <p className={styles.muted}>{rules.phase === "upcoming" ? "This assessment is not open yet." : view.attemptsLeft === 0 ? "You have no attempts left." : "This assessment is closed."}</p>
      )}
      {view.attempts.filter((a) => a.status === "submitted").length > 0 && (
        <>
          <h2>Your attempts</h2>
          <ul>
            {view.attempts.filter((a) => a.status === "submitted").map((a) => (
              <li key={a.id}>
                <Link href={`/courses/${encodeURIComponent(courseId)}/attempts/${encodeURIComponent(a.id)}`}>Attempt {a.number}</Link>
                {a.submittedAt !== null && <> · submitted {formatUtc(a.submittedAt, false)}</>}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
