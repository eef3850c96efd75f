"use client";
/** Start a draft: a title, an id and a kind; the draft opens in the builder with one zone to fill in. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { describedBy, Field } from "./field";
import { describeIssue, type Issue, issuesOf, messagesAt } from "./issues";
import styles from "./builder.module.css";

const slugOf = (title: string) => title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);

export function NewDraftForm({ courseId, firstScenario }: { courseId: string; firstScenario: string | null }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [id, setId] = useState("");
  const [idTouched, setIdTouched] = useState(false);
  const [kind, setKind] = useState<"homework" | "exam">("homework");
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const definition = {
      id, title, kind,
      zones: [{ title: "Part 1", choose: 1, alternatives: firstScenario ? [{ scenario: firstScenario, difficulty: "beginner", points: 10 }] : [] }],
      access: kind === "exam" ? { timeLimitMinutes: 60, attempts: 1 } : { attempts: 3 },
    };
    const response = await fetch(`/api/v1/courses/${courseId}/assessments`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ definition }) }).catch(() => null);
    const json = response ? await response.json().catch(() => null) : null;
    setBusy(false);
    if (response?.ok) router.push(`/teach/courses/${courseId}/assessments/${json.assessment.id}`);
    else setIssues(response ? issuesOf(json) : [{ path: "(form)", line: null, message: "The server could not be reached." }]);
  }

  const shown = new Set(["title", "id", "kind"]);
  const other = issues.filter((i) => !shown.has(i.path));
  return (
    <form className={styles.section} onSubmit={create} noValidate aria-labelledby="new-heading">
      <h2 id="new-heading">Start from scratch</h2>
      {other.length > 0 ? <div className={styles.summary} role="alert"><ul>{other.map((i, n) => <li key={n}>{describeIssue(i)}</li>)}</ul></div> : null}
      <div className={styles.row}>
        <Field id="new-title" label="Title" errors={messagesAt(issues, "title")}>
          <input {...describedBy("new-title", messagesAt(issues, "title"))} value={title} onChange={(e) => { setTitle(e.target.value); if (!idTouched) setId(slugOf(e.target.value)); }} />
        </Field>
        <Field id="new-id" label="Id" hint="lower-case letters, digits and dashes; unique in the course" errors={messagesAt(issues, "id")}>
          <input {...describedBy("new-id", messagesAt(issues, "id"), "hint")} value={id} autoCapitalize="none" onChange={(e) => { setId(e.target.value); setIdTouched(true); }} />
        </Field>
        <Field id="new-kind" label="Kind" errors={messagesAt(issues, "kind")}>
          <select id="new-kind" value={kind} onChange={(e) => setKind(e.target.value as "homework" | "exam")}>
            <option value="homework">Homework (several attempts)</option>
            <option value="exam">Exam (one timed attempt)</option>
          </select>
        </Field>
      </div>
      <div className={styles.buttons}><button type="submit" className={styles.primary} disabled={busy}>{busy ? "Creating…" : "Create the draft"}</button></div>
    </form>
  );
}
