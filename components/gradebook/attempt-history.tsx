/** An attempt's score ledger and event log, for staff. */
import type { AttemptEvent } from "@/lib/assessment/attempt";
import { countAnswered } from "@/lib/assessment/live";
import type { AttemptDetail } from "@/lib/server/gradebook/attempt-detail";
import styles from "./gradebook.module.css";

const utc = (t: number) => `${new Date(t).toISOString().replace("T", " ").slice(0, 19)} UTC`;
const score = (n: number | null) => (n === null ? "–" : Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, ""));

function describe(e: AttemptEvent): string {
  switch (e.type) {
    case "started": return e.deadline === null ? "started (no deadline)" : `started, deadline ${utc(e.deadline)}`;
    case "saved": return `saved ${countAnswered(e.answers)} answer(s) in ${Object.keys(e.answers).join(", ") || "no question"}`;
    case "submitted": return "submitted by the student";
    case "time-added": return `time added: ${e.minutes} min (${e.reason})`;
    case "deadline-set": return `deadline set to ${utc(e.deadline)} (${e.reason})`;
    case "reopened": return `reopened ${e.deadline === null ? "with no deadline" : `until ${utc(e.deadline)}`} (${e.reason})`;
    case "lock-refused": return `exam lock refused: ${e.what}`;
  }
}

export function AttemptHistory({ detail }: { detail: AttemptDetail }) {
  return (
    <>
      <section id="ledger" aria-labelledby="ledger-heading" tabIndex={-1}>
        <h3 id="ledger-heading">Score ledger</h3>
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="ledger">
            <caption className="visually-hidden">Every change to this attempt&apos;s score, oldest first</caption>
            <thead>
              <tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Concerns</th><th scope="col" className={styles.num}>Old</th><th scope="col" className={styles.num}>New</th><th scope="col">Who</th><th scope="col">Note</th></tr>
            </thead>
            <tbody>
              {detail.ledger.map((e) => (
                <tr key={e.id} data-testid="ledger-row" data-kind={e.kind}>
                  <td>{utc(e.at)}</td>
                  <td>{e.kind}</td>
                  <td>{e.slot === null ? "whole attempt" : `${e.slot} · ${e.field ?? ""}`}</td>
                  <td className={styles.num}>{score(e.oldScore)}</td>
                  <td className={styles.num}>{score(e.newScore)}</td>
                  <td>{e.actor}</td>
                  <td>{e.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="events-heading">
        <h3 id="events-heading">Events</h3>
        <ol data-testid="attempt-events">
          {detail.events.map((e) => (
            <li key={e.seq} data-type={e.type}>
              <time dateTime={new Date(e.at).toISOString()}>{utc(e.at)}</time>: {describe(e)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
