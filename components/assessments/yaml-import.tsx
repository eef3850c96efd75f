"use client";
/**
 * Import a definition file (pasted or uploaded) as a new draft of the course. The server reads it
 * with the same loader as `git`-kept files; its problems come back with line numbers and are
 * listed here, each with its line.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { type Issue, issuesOf } from "./issues";
import styles from "./builder.module.css";

export function YamlImport({ courseId }: { courseId: string }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);

  async function importIt(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const response = await fetch(`/api/v1/courses/${courseId}/assessments`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ yaml: text }) }).catch(() => null);
    const json = response ? await response.json().catch(() => null) : null;
    setBusy(false);
    if (response?.ok) {
      router.push(`/teach/courses/${courseId}/assessments/${json.assessment.id}`);
    } else {
      setIssues(response ? issuesOf(json) : [{ path: "(form)", line: null, message: "The server could not be reached." }]);
    }
  }

  return (
    <form className={styles.section} onSubmit={importIt} aria-labelledby="import-heading">
      <h2 id="import-heading">Import a YAML file as a new draft</h2>
      <div className={styles.field}>
        <label htmlFor="import-file">Upload a file</label>
        <input id="import-file" type="file" accept=".yaml,.yml,text/yaml,application/yaml" onChange={async (e) => { const f = e.target.files?.[0]; if (f) setText(await f.text()); }} />
      </div>
      <div className={`${styles.field} ${issues.length > 0 ? styles.invalid : ""}`}>
        <label htmlFor="import-text">or paste it</label>
        <textarea id="import-text" value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} aria-describedby={issues.length > 0 ? "import-problems" : undefined} />
      </div>
      {issues.length > 0 ? (
        <div className={styles.summary} id="import-problems" role="alert" data-testid="import-problems">
          <strong>Not imported: {issues.length === 1 ? "1 problem" : `${issues.length} problems`}</strong>
          <ul>{issues.map((i, n) => <li key={n}>{i.line !== null ? <><strong>line {i.line}</strong>: </> : null}{i.path}: {i.message}</li>)}</ul>
        </div>
      ) : null}
      <div className={styles.buttons}><button type="submit" className={styles.primary} disabled={busy || text.trim() === ""}>{busy ? "Importing…" : "Import as a new draft"}</button></div>
    </form>
  );
}
