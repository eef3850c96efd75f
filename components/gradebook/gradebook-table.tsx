/**
 * The gradebook table (a server component): sortable column headers as links that keep the
 * filter, one cell per student and assessment linking to the attempt that counts.
 */
import Link from "next/link";
import type { CellMarks, GradebookQuery } from "@/lib/assessment/gradebook";
import type { GradebookView } from "@/lib/server/gradebook/gradebook";
import { formatPercent } from "./format";
import styles from "./gradebook.module.css";

const MARKS: readonly { key: keyof CellMarks; short: string; text: string }[] = [
  { key: "late", short: "L", text: "late" },
  { key: "overridden", short: "O", text: "override" },
  { key: "adjusted", short: "A", text: "adjusted by hand" },
  { key: "inProgress", short: "…", text: "attempt in progress" },
];

function sortHref(base: string, query: GradebookQuery, column: string): string {
  const dir = query.sort === column && query.dir === "asc" ? "desc" : "asc";
  const params = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.status !== "all" ? { status: query.status } : {}), sort: column, dir });
  return `${base}?${params.toString()}`;
}

function SortHeader({ base, query, column, children }: { base: string; query: GradebookQuery; column: string; children: React.ReactNode }) {
  const active = query.sort === column;
  const sort = active ? (query.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={sort}>
      <Link href={sortHref(base, query, column)} data-testid={`sort-${column}`}>
        {children}
        {active && <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span>}
      </Link>
    </th>
  );
}

export function GradebookTable({ courseId, view }: { courseId: string; view: GradebookView }) {
  const base = `/teach/courses/${courseId}/gradebook`;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="gradebook">
        <caption className="visually-hidden">Scores per student and assessment, in percent</caption>
        <thead>
          <tr>
            <SortHeader base={base} query={view.query} column="name">Student</SortHeader>
            {view.assessments.map((a) => (
              <SortHeader key={a.id} base={base} query={view.query} column={a.id}>
                {a.title} <span className={styles.muted}>({a.scoring.counts})</span>
              </SortHeader>
            ))}
            <SortHeader base={base} query={view.query} column="total">Total</SortHeader>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.student.id} data-testid="gradebook-row" data-student={row.student.email}>
              <th scope="row">
                {row.student.name ?? row.student.email}
                {row.student.name && <div className={styles.muted}>{row.student.email}</div>}
              </th>
              {row.cells.map((cell) => {
                const attemptId = cell.countedAttemptId ?? cell.latestAttemptId;
                const marks = MARKS.filter((m) => cell.marks[m.key]);
                const text = formatPercent(cell.percent);
                return (
                  <td key={cell.assessmentId} className={styles.num} data-testid="gradebook-cell" data-assessment={cell.assessmentId}>
                    {attemptId ? <Link href={`${base}/attempts/${attemptId}`}>{text}</Link> : text}
                    {marks.length > 0 && (
                      <span className={styles.marks}>
                        {marks.map((m) => (
                          <abbr key={m.key} title={m.text} className={styles.mark} data-mark={m.key}>
                            {m.short}
                            <span className="visually-hidden"> ({m.text})</span>
                          </abbr>
                        ))}
                      </span>
                    )}
                  </td>
                );
              })}
              <td className={styles.num} data-testid="gradebook-total">{formatPercent(row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
