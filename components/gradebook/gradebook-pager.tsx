/**
 * Previous / next links between gradebook pages (a server component): plain links that keep the
 * filter and the sort, so paging works without JavaScript.
 */
import Link from "next/link";
import type { GradebookQuery } from "@/lib/assessment/gradebook";
import type { RowPage } from "@/lib/assessment/gradebook-paging";
import styles from "./gradebook.module.css";

function pageHref(base: string, query: GradebookQuery, page: number): string {
  const params = new URLSearchParams({
    ...(query.q ? { q: query.q } : {}), ...(query.status !== "all" ? { status: query.status } : {}),
    sort: query.sort, dir: query.dir, page: String(page),
  });
  return `${base}?${params.toString()}`;
}

export function GradebookPager({ base, query, shown }: { base: string; query: GradebookQuery; shown: RowPage<unknown> }) {
  if (shown.pages <= 1) return null;
  return (
    <nav className={styles.pager} aria-label="Gradebook pages" data-testid="gradebook-pager">
      {shown.page > 1 ? <Link href={pageHref(base, query, shown.page - 1)} rel="prev" data-testid="gradebook-prev">← Previous</Link> : <span aria-hidden="true" />}
      <span>Page {shown.page} of {shown.pages}</span>
      {shown.page < shown.pages ? <Link href={pageHref(base, query, shown.page + 1)} rel="next" data-testid="gradebook-next">Next →</Link> : <span aria-hidden="true" />}
    </nav>
  );
}
