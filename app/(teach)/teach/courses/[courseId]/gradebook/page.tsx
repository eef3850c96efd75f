/**
 * /teach/courses/:courseId/gradebook: students x published assessments with the counting score of
 * each, marks (late, overridden, adjusted, in progress) and totals. Sorting, filtering and paging
 * (GRADEBOOK_PAGE_SIZE students a page) are plain links and a GET form, done on the server: the
 * page works without JavaScript. Staff only.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { GradebookPager } from "@/components/gradebook/gradebook-pager";
import { GradebookTable } from "@/components/gradebook/gradebook-table";
import styles from "@/components/gradebook/gradebook.module.css";
import { GRADEBOOK_FILTERS, parseGradebookQuery } from "@/lib/assessment/gradebook";
import { pageOfRows, parsePageNumber } from "@/lib/assessment/gradebook-paging";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";
import { loadGradebook } from "@/lib/server/gradebook/gradebook";

export const metadata: Metadata = { title: "Gradebook" };
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ courseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const FILTER_LABELS: Record<(typeof GRADEBOOK_FILTERS)[number], string> = {
  all: "Everyone", "in-progress": "With an attempt in progress", late: "With a late score", adjusted: "With an adjusted score",
  overridden: "With an override", missing: "Missing a score",
};

export default async function GradebookPage({ params, searchParams }: Props) {
  const { courseId } = await params;
  const decision = await authorizeCourse(await getActor(), "course.view-work", courseId);
  if (!decision.ok) refusePage(decision.reason, `/teach/courses/${courseId}/gradebook`);
  const search = await searchParams;
  const query = parseGradebookQuery(search);
  const view = await loadGradebook(courseId, query);
  const shown = pageOfRows(view.rows, parsePageNumber(search.page));
  const base = `/teach/courses/${courseId}/gradebook`;
  return (
    <div className={styles.page}>
      <p className={styles.kicker}>
        <Link href={`/teach/courses/${courseId}`}>Course</Link> · <Link href={`/teach/courses/${courseId}/audit`}>Audit trail</Link>
      </p>
      <h2>Gradebook</h2>
      <form method="get" className={styles.filters} role="search" aria-label="Filter students">
        <label>
          Name or email <input name="q" defaultValue={query.q} data-testid="gradebook-q" />
        </label>
        <label>
          Show
          <select name="status" defaultValue={query.status} data-testid="gradebook-status">
            {GRADEBOOK_FILTERS.map((f) => <option key={f} value={f}>{FILTER_LABELS[f]}</option>)}
          </select>
        </label>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="button secondary">Filter</button>
      </form>
      <p className={styles.muted} data-testid="gradebook-count">
        {view.rows.length} of {view.students} student{view.students === 1 ? "" : "s"}
        {shown.pages > 1 && `, ${shown.first}–${shown.last} shown`}. Marks: L late, O override, A adjusted by hand, … attempt in progress.
      </p>
      {view.assessments.length === 0 ? (
        <p>No published assessment yet.</p>
      ) : (
        <>
          <GradebookTable courseId={courseId} view={{ ...view, rows: shown.rows }} />
          <GradebookPager base={base} query={query} shown={shown} />
        </>
      )}
    </div>
  );
}
