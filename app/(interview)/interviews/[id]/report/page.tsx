/**
 * /interviews/:id/report: the printable report: score per stage and rubric dimension with its
 * evidence, time against budget, hints and their cost, answers next to the true trace, the
 * misconceptions explained, and scenarios to practise. The candidate sees it once the session ended.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExamLockNotice } from "@/components/assessment/exam-lock-notice";
import { clock } from "@/components/interview/clock";
import styles from "@/components/interview/interview.module.css";
import { loadReportPage } from "@/lib/server/interviews/pages";

export const metadata: Metadata = { title: "Interview report" };
export const dynamic = "force-dynamic";

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const page = await loadReportPage((await params).id);
  if (!page) notFound();
  if (page.locked) return <ExamLockNotice lock={page.locked} />;
  if (!page.ready) {
    return <><h1>Interview report</h1><p>The report is ready when the interview ends. <Link href={`/interviews/${page.id}`}>Back to the interview</Link></p></>;
  }
  const r = page.report;
  return (
    <article data-testid="interview-report">
      <h1>Report: {r.title}</h1>
      <p className={styles.muted}>{r.mode} interview · {r.difficulty} · {r.final ? "final" : "provisional (the interview or its scorecard is not finished)"}</p>
      <p className={styles.noPrint}><Link href={`/interviews/${page.id}`}>Back to the interview</Link> · <Link href={`/interviews/${page.id}/replay`}>Replay</Link></p>
      <section className={styles.panel} aria-labelledby="rubric">
        <h2 id="rubric">Overall: <span data-testid="report-total">{r.rubric.total}</span> / 100</h2>
        <p>Trace accuracy {r.rubric.tracePercent}%, minus {r.rubric.hintCost} for {r.hintsUsed} hint{r.hintsUsed === 1 ? "" : "s"}: {r.rubric.traceAfterHints}%.</p>
        <table className={styles.table}>
          <thead><tr><th scope="col">Dimension</th><th scope="col">Weight</th><th scope="col">Level</th><th scope="col">What it means</th><th scope="col">Evidence</th></tr></thead>
          <tbody>
            {r.rubric.dimensions.map((d) => (
              <tr key={d.id} data-testid={`report-dimension-${d.id}`}>
                <td>{d.title}</td><td>{d.weight}</td><td>{d.level ?? "not scored"}</td><td>{d.anchor ?? ""}</td>
                <td data-testid="evidence">
                  {d.evidence.length > 0 && (
                    <ul className={styles.notes}>
                      {d.evidence.map((e) => <li key={e.seq}><span className={styles.muted}>{e.kind === "note" ? "Interviewer's note" : "Your answer"}, {clock(e.at - r.startedAt)} in{e.stageTitle ? ` (${e.stageTitle})` : ""}:</span> {e.text}</li>)}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {r.stages.map((s) => (
        <section key={s.id} className={styles.panel} aria-label={s.title} data-testid="report-stage" data-origin={s.origin}>
          <h2>{s.title}</h2>
          {s.origin === "follow-up" && <p data-testid="follow-up-question">{s.prompt}</p>}
          <p>{s.score !== null ? `${s.score} of ${s.maxScore} points` : "Not graded (spoken)"} · {clock(s.usedMs)} used of {clock(s.budgetMs)}{s.overMs > 0 ? ` (${clock(s.overMs)} over)` : ""} · {s.status}</p>
          {s.hints.length > 0 && <p>Hints: {s.hints.map((h) => `${h.text} (−${h.cost})`).join("; ")}</p>}
          {s.answers.length > 0 && (
            <table className={styles.table}>
              <thead><tr><th scope="col">Field</th><th scope="col">You said</th><th scope="col">The simulator</th><th scope="col">Why</th></tr></thead>
              <tbody>
                {s.answers.map((a) => (
                  <tr key={a.id}><td>{a.label} <span className={styles.muted}>at {a.at}</span></td><td className={a.status === "correct" ? styles.correct : styles.wrong}>{a.given ?? "—"}</td><td>{a.expected}</td><td>{a.feedback}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          {s.points.length > 0 && <p className={styles.muted}>Listened for: {s.points.join(" · ")}</p>}
        </section>
      ))}
      {r.misconceptions.length > 0 && (
        <section className={styles.panel} aria-labelledby="misconceptions">
          <h2 id="misconceptions">Misconceptions</h2>
          <ul>{r.misconceptions.map((m) => <li key={m.rule}><strong>{m.name}</strong>: {m.truth} <span className={styles.muted}>({m.fields.join(", ")})</span></li>)}</ul>
        </section>
      )}
      {r.practice.length > 0 && (
        <section className={styles.panel} aria-labelledby="practice">
          <h2 id="practice">Practise next</h2>
          <ul>{r.practice.map((p) => <li key={p.concept}>{p.concept}: {p.scenarios.map((s, i) => <span key={s.id}>{i > 0 && ", "}<Link href={`/scenarios/${s.id}`}>{s.title}</Link></span>)}</li>)}</ul>
        </section>
      )}
    </article>
  );
}
