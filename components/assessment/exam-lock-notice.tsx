/**
 * What a locked page shows instead of the simulator, a study page, practice or drills while the
 * account has an exam in progress: which exam, when it ends, and a link back to it.
 */
import Link from "next/link";
import { examHref, lockMessage, type ExamLock } from "@/lib/server/assessments/exam-lock";

export function ExamLockNotice({ lock }: { lock: ExamLock }) {
  return (
    <section aria-labelledby="exam-lock-heading" data-testid="exam-lock">
      <h1 id="exam-lock-heading">Closed during your exam</h1>
      <p className="lead">{lockMessage(lock)}</p>
      <p>
        <Link className="button" href={examHref(lock)}>
          Back to the exam
        </Link>
      </p>
    </section>
  );
}
