import type { Metadata } from "next";
import Link from "next/link";
import { StatusForm } from "@/components/courses/status-form";
import { courseAllows } from "@/lib/server/auth/policies/course";
import { getCourseDetail, listCourseAssessments } from "@/lib/server/courses/courses";
import { requireCourseAccess } from "@/lib/server/courses/page-access";
import { getAuthEnv } from "@/lib/server/env";
import styles from "../../../teach.module.css";
import { regenerateJoinCodeAction, renameCourseAction, setJoinOpenAction } from "./actions";

export const metadata: Metadata = { title: "Course overview" };

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type Params = Promise<{ courseId: string }>;

export default async function CourseOverviewPage({ params }: { params: Params }) {
  const { courseId } = await params;
  const base = `/teach/courses/${courseId}`;
  const { grant } = await requireCourseAccess(courseId, "course.view-work", base);
  const [course, assessments] = await Promise.all([getCourseDetail(courseId), listCourseAssessments(courseId)]);
  if (!course) return null;
  const manage = courseAllows(grant.role, "course.manage");
  const editAssessments = courseAllows(grant.role, "course.edit-assessments");
  const joinPath = `/join/${course.joinCode}`;
  const joinUrl = `${getAuthEnv().NEXTAUTH_URL?.replace(/\/$/, "") ?? ""}${joinPath}`;
  const hidden = <input type="hidden" name="courseId" value={courseId} />;

  return (
    <>
      <section className={styles.panel} aria-labelledby="join-heading">
        <h2 id="join-heading">Joining</h2>
        {course.joinOpen ? (
          <>
            <p>
              Students join with the code <span className={styles.joinCode} data-testid="join-code">{course.joinCode}</span>
            </p>
            <p>
              or the link <a href={joinPath} data-testid="join-link">{joinUrl}</a>
            </p>
          </>
        ) : (
          <p data-testid="join-closed">Joining by code is closed: only people you add can join.</p>
        )}
        {manage && (
          <div className={styles.actions}>
            <StatusForm action={setJoinOpenAction} submitLabel={course.joinOpen ? "Close joining" : "Open joining"} layout="inline" secondary>
              {hidden}
              <input type="hidden" name="open" value={course.joinOpen ? "false" : "true"} />
            </StatusForm>
            <StatusForm action={regenerateJoinCodeAction} submitLabel="New join code" layout="inline" secondary>
              {hidden}
            </StatusForm>
          </div>
        )}
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        <ul className={styles.stats} data-testid="course-counts">
          <li><strong>{course.counts.student}</strong> students</li>
          <li><strong>{course.counts.assistant}</strong> assistants</li>
          <li><strong>{course.counts.instructor}</strong> instructors</li>
          <li><strong>{course.counts.invited}</strong> invited</li>
        </ul>
        <p>
          <Link href={`${base}/roster`}>{manage ? "Manage the roster" : "See the roster"}</Link> · <Link href={`${base}/gradebook`}>Gradebook</Link> ·{" "}
          <Link href={`${base}/audit`}>Audit trail</Link>
        </p>
      </section>

      <section aria-labelledby="assessments-heading">
        <h2 id="assessments-heading">Assessments</h2>
        {assessments.length === 0 ? (
          <p className={styles.muted}>No assessment yet.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="assessments">
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {assessments.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link href={`${base}/assessments/${a.id}`}>{a.title}</Link>
                    </th>
                    <td>{a.kind}</td>
                    <td>{a.status === "published" ? "Published" : "Draft"}</td>
                    <td>
                      <time dateTime={a.updatedAt.toISOString()}>{DATE.format(a.updatedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editAssessments && (
          <p>
            <Link className="button" href={`${base}/assessments/new`}>New assessment</Link>
          </p>
        )}
      </section>

      {manage && (
        <section className={styles.panel} aria-labelledby="settings-heading">
          <h2 id="settings-heading">Title and code</h2>
          <StatusForm action={renameCourseAction} submitLabel="Save">
            {hidden}
            <div className="field">
              <label htmlFor="rename-title">Title</label>
              <input id="rename-title" name="title" type="text" required maxLength={120} defaultValue={course.title} />
            </div>
            <div className="field">
              <label htmlFor="rename-code">Short code</label>
              <input id="rename-code" name="code" type="text" required maxLength={32} defaultValue={course.code} />
            </div>
          </StatusForm>
        </section>
      )}
    </>
  );
}
