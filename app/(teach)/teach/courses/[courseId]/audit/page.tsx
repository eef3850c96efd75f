import type { Metadata } from "next";
import { listCourseAudit } from "@/lib/server/courses/audit";
import { requireCourseAccess } from "@/lib/server/courses/page-access";
import styles from "../../../../teach.module.css";

export const metadata: Metadata = { title: "Audit trail" };

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

type Params = Promise<{ courseId: string }>;

export default async function AuditPage({ params }: { params: Params }) {
  const { courseId } = await params;
  await requireCourseAccess(courseId, "course.view-work", `/teach/courses/${courseId}/audit`);
  const entries = await listCourseAudit(courseId);
  return (
    <>
      <h2>Audit trail</h2>
      <p className={styles.muted}>Every change to the course, its roster, assessments and attempts: who, when (UTC) and why. Newest first; the latest 200.</p>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-action={entry.action}>
                <td>
                  <time dateTime={entry.at.toISOString()}>{DATE.format(entry.at)}</time>
                </td>
                <td>{entry.actorEmail ?? "a deleted account"}</td>
                <td>{entry.detail}</td>
                <td>{entry.reason || <span className={styles.muted}>-</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
