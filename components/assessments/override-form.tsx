"use client";
/**
 * Set or change one student's override: other dates, attempts, a time limit, the password waived,
 * and the reason (required, kept in the audit trail). The server checks it against the assessment's
 * rules (checkOverride): errors are shown next to the fields, warnings after saving.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AssessmentOverride } from "@/lib/assessment/rules";
import { fromLocalInput, toLocalInput } from "./dates";
import { describedBy, Field } from "./field";
import { describeIssue, type Issue, issuesOf, messagesAt } from "./issues";
import styles from "./builder.module.css";

interface Props {
  readonly assessmentId: string;
  readonly students: readonly { userId: string; label: string }[];
  /** The overrides that exist, to edit one by picking its student. */
  readonly existing: readonly AssessmentOverride[];
}

type Values = Omit<AssessmentOverride, "id">;
const empty = (studentId: string): Values => ({ studentId, reason: "" });
const num = (v: string) => (v === "" ? undefined : Number(v));

export function OverrideForm({ assessmentId, students, existing }: Props) {
  const router = useRouter();
  const fromExisting = (studentId: string): Values => {
    const found = existing.find((o) => o.studentId === studentId);
    if (!found) return empty(studentId);
    const { id: _id, ...rest } = found;
    return rest;
  };
  const [values, setValues] = useState<Values>(() => fromExisting(students[0]?.userId ?? ""));
  const [issues, setIssues] = useState<Issue[]>([]);
  const [warnings, setWarnings] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const at = (p: string) => messagesAt(issues, p);
  const set = (patch: Partial<Values>) => setValues({ ...values, ...patch });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const response = await fetch(`/api/v1/assessments/${assessmentId}/overrides`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(values) }).catch(() => null);
    const json = response ? await response.json().catch(() => null) : null;
    setBusy(false);
    if (response?.ok) {
      setIssues([]);
      setWarnings(json.warnings ?? []);
      router.refresh();
    } else {
      setWarnings([]);
      setIssues(response ? issuesOf(json) : [{ path: "(form)", line: null, message: "The server could not be reached." }]);
    }
  }

  const other = issues.filter((i) => !["studentId", "reason", "release", "close", "lateUntil", "timeLimitMinutes", "attempts"].includes(i.path));
  return (
    <form className={styles.section} onSubmit={save} noValidate aria-labelledby="override-heading">
      <h2 id="override-heading">Set an override</h2>
      {other.length > 0 ? <div className={styles.summary} role="alert"><ul>{other.map((i, n) => <li key={n}>{describeIssue(i)}</li>)}</ul></div> : null}
      {warnings.length > 0 ? <div className={styles.notice} role="status"><strong>Saved, with warnings</strong><ul>{warnings.map((i, n) => <li key={n}>{describeIssue(i)}</li>)}</ul></div> : null}
      <div className={styles.row}>
        <Field id="ov-student" label="Student" errors={at("studentId")}>
          <select {...describedBy("ov-student", at("studentId"))} value={values.studentId} onChange={(e) => setValues(fromExisting(e.target.value))}>
            {students.map((s) => <option key={s.userId} value={s.userId}>{s.label}{existing.some((o) => o.studentId === s.userId) ? " (has an override)" : ""}</option>)}
          </select>
        </Field>
        <Field id="ov-reason" label="Reason (required)" errors={at("reason")}>
          <input {...describedBy("ov-reason", at("reason"))} value={values.reason} onChange={(e) => set({ reason: e.target.value })} />
        </Field>
      </div>
      <div className={styles.row}>
        <Field id="ov-release" label="Opens (your local time; empty: as everyone)" errors={at("release")}>
          <input {...describedBy("ov-release", at("release"))} type="datetime-local" value={toLocalInput(values.release)} onChange={(e) => set({ release: fromLocalInput(e.target.value) })} />
        </Field>
        <Field id="ov-close" label="Closes" errors={at("close")}>
          <input {...describedBy("ov-close", at("close"))} type="datetime-local" value={toLocalInput(values.close)} onChange={(e) => set({ close: fromLocalInput(e.target.value) })} />
        </Field>
        <Field id="ov-late" label="Late until" errors={at("lateUntil")}>
          <input {...describedBy("ov-late", at("lateUntil"))} type="datetime-local" value={toLocalInput(values.lateUntil)} onChange={(e) => set({ lateUntil: fromLocalInput(e.target.value) })} />
        </Field>
      </div>
      <div className={styles.row}>
        <Field id="ov-limit" label="Time limit in minutes (the time factor still applies)" errors={at("timeLimitMinutes")}>
          <input {...describedBy("ov-limit", at("timeLimitMinutes"))} type="number" inputMode="numeric" value={values.timeLimitMinutes ?? ""} onChange={(e) => set({ timeLimitMinutes: num(e.target.value) })} />
        </Field>
        <Field id="ov-attempts" label="Attempts allowed in total" errors={at("attempts")}>
          <input {...describedBy("ov-attempts", at("attempts"))} type="number" inputMode="numeric" value={values.attempts ?? ""} onChange={(e) => set({ attempts: num(e.target.value) })} />
        </Field>
        <div className={styles.field}>
          <label><input type="checkbox" checked={values.passwordWaived === true} onChange={(e) => set({ passwordWaived: e.target.checked ? true : undefined })} /> No password for this student</label>
        </div>
      </div>
      <div className={styles.buttons}><button type="submit" className={styles.primary} disabled={busy || students.length === 0}>{busy ? "Saving…" : "Save the override"}</button></div>
    </form>
  );
}

/** Remove an override, saying why (the reason goes to the audit trail). */
export function DeleteOverride({ assessmentId, overrideId, studentLabel }: { assessmentId: string; overrideId: string; studentLabel: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function remove(event: React.FormEvent) {
    event.preventDefault();
    const response = await fetch(`/api/v1/assessments/${assessmentId}/overrides/${overrideId}?reason=${encodeURIComponent(reason)}`, { method: "DELETE" }).catch(() => null);
    if (response?.ok) router.refresh();
    else setError(response ? issuesOf(await response.json().catch(() => null)).map((i) => i.message).join("; ") : "The server could not be reached.");
  }
  const id = `remove-${overrideId}`;
  return (
    <form onSubmit={remove} className={styles.row}>
      <Field id={id} label={`Why remove ${studentLabel}'s override?`} errors={error ? [error] : []}>
        <input {...describedBy(id, error ? [error] : [])} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" className={styles.danger}>Remove</button>
    </form>
  );
}
