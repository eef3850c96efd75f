/**
 * A course's assessments for one student: open (and late), upcoming and closed, each with its
 * dates as they apply to this student (overrides and time factor included) and their attempts.
 * A server component: the courses page includes it with the student's grant.
 */
import Link from "next/link";
import { formatUtc } from "@/lib/assessment/access";
import type { CourseGrant } from "@/lib/server/auth/policy";
import { courseAssessmentsFor, serverNow, type CourseAssessmentItem } from "@/lib/server/assessments/taking";
import styles from "./attempt.module.css";

const GROUPS = [
  { phases: ["open", "late"], title: "Open now" },
  { phases: ["upcoming"], title: "Upcoming" },
  { phases: ["closed"], title: "Closed" },
] as const;

function when(item: CourseAssessmentItem): string {
  const { release, close, late } = item.rules;
  if (item.phase === "upcoming" && release.value !== null) return `Opens ${formatUtc(release.value, false)}`;
  if (item.phase === "late" && late.value !== null) return `Late until ${formatUtc(late.value.until, false)} for ${late.value.creditPercent}% credit`;
  if (item.phase === "open") return close.value === null ? "No close date" : `Closes ${formatUtc(close.value, false)}`;
  return close.value === null ? "Closed" : `Closed ${formatUtc(close.value, false)}`;
}

function status(item: CourseAssessmentItem): string {
  const open = item.attempts.find((a) => a.status === "in_progress");
  if (open) return "In progress";
  const done = item.attempts.filter((a) => a.status === "submitted").length;
  if (done > 0) return `Submitted${done > 1 ? ` (${done} attempts)` : ""}`;
  return "Not started";
}

export async function CourseAssessmentList({ courseId, grant }: { courseId: string; grant: CourseGrant }) {
  const items = await courseAssessmentsFor(courseId, { id: grant.userId, timeFactor: grant.timeFactor }, serverNow());
  if (items.length === 0) return <p className={styles.muted}>No assessments have been published in this course yet.</p>;
  return (
    <div data-testid="course-assessments">
      {GROUPS.map((group) => {
        const shown = items.filter((i) => (group.phases as readonly string[]).includes(i.phase));
        if (shown.length === 0) return null;
        return (
          <section key={group.title} aria-label={group.title}>
            <h2>{group.title}</h2>
            <ul className={styles.list}>
              {shown.map((item) => (
                <li key={item.id} data-assessment={item.id} data-phase={item.phase}>
                  <Link href={`/courses/${encodeURIComponent(courseId)}/assessments/${encodeURIComponent(item.id)}`}>{item.title}</Link>{" "}
                  <span className={styles.muted}>
                    · {item.kind === "exam" ? "Exam" : "Homework"} · {when(item)} · {status(item)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
