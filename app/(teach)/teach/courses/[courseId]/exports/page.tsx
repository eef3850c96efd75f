/** Downloads of the course's data as CSV files (docs/exports.md documents the columns). */
import type { Metadata } from "next";
import Link from "next/link";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";
import styles from "../analytics.module.css";

export const metadata: Metadata = { title: "Exports" };

const FILES = [
  { file: "gradebook", title: "Gradebook", what: "One row per student, one column per published assessment (percent). Canvas and Moodle gradebook imports accept it." },
  { file: "attempts", title: "Attempts", what: "Every attempt: student, assessment, number, times, late, score." },
  { file: "fields", title: "Answers field by field", what: "One row per graded blank: student, assessment, question, hop, field, answer, expected, credit, misconception." },
  { file: "items", title: "Item statistics", what: "Per question: attempts, mean, SD, facility, discrimination, average time, most missed field, top misconception." },
  { file: "ledger", title: "Score ledger", what: "Every grading, regrade and manual adjustment: who, when, old and new score, why." },
] as const;

export default async function ExportsPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const decision = await authorizeCourse(await getActor(), "course.grade", courseId);
  if (!decision.ok) refusePage(decision.reason, `/teach/courses/${courseId}/exports`);
  return (
    <div className={styles.page}>
      <p><Link href={`/teach/courses/${courseId}`}>Course</Link></p>
      <h2>Exports</h2>
      <p className={styles.muted}>CSV files in UTF-8, streamed from the database: large classes download without waiting for the whole file.</p>
      <ul>
        {FILES.map((f) => (
          <li key={f.file}>
            <a href={`/api/v1/courses/${courseId}/exports/${f.file}.csv`} download data-testid={`export-${f.file}`}>{f.title} ({f.file}.csv)</a>
            <span className={styles.muted}> {f.what}</span>
          </li>
        ))}
      </ul>
      {decision.grant.role === "instructor" && (
        <>
          <h3>The whole course</h3>
          <p>
            <a href={`/api/v1/courses/${courseId}/exports/course.json`} download data-testid="export-course-json">course.json</a>
            <span className={styles.muted}> Definitions with their secrets, roster, invites, overrides, attempts with events and questions, ledger, audit trail and the frozen scenario content: everything another Hopwise needs to restore the course (POST it to /api/v1/courses/import). Keep it private: it holds the seeds.</span>
          </p>
        </>
      )}
    </div>
  );
}
