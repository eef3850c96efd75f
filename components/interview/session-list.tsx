/** A list of interview sessions (the candidate's on their progress page, the interviewer's on the interviews page). */
import Link from "next/link";
import type { SessionSummary } from "@/lib/server/interviews/lists";

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function SessionList({ sessions, empty, testId }: { sessions: readonly SessionSummary[]; empty: string; testId: string }) {
  if (sessions.length === 0) return <p>{empty}</p>;
  return (
    <ul data-testid={testId}>
      {sessions.map((s) => (
        <li key={s.id}>
          <Link href={`/interviews/${s.id}`}>{s.title}</Link> · {s.mode} · {s.status === "ended" ? <Link href={`/interviews/${s.id}/report`}>report</Link> : "in progress"} · {DATE.format(new Date(s.createdAt))}
        </li>
      ))}
    </ul>
  );
}
