"use client";
/**
 * The assessment builder's form: id, title, kind, zones, variant mode, access rules, scoring and
 * feedback moments. Saving sends the whole definition to one route (PUT /api/v1/assessments/:id),
 * which validates it with the same strict schema as YAML files; its messages come back with their
 * paths and are shown next to the fields. A published assessment is shown read-only.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AssessmentZone, FeedbackRules, Moment } from "@/lib/assessment/schema";
import { fromLocalInput, toLocalInput } from "./dates";
import { describedBy, Field } from "./field";
import { describeIssue, type Issue, issuesOf, messagesAt } from "./issues";
import type { CatalogueOption, DraftDefinition, PasswordState } from "./types";
import { ZoneEditor } from "./zone-editor";
import styles from "./builder.module.css";

interface Props {
  readonly assessmentId: string;
  readonly initial: DraftDefinition;
  readonly hasPassword: boolean;
  readonly published: boolean;
  readonly catalogue: readonly CatalogueOption[];
}

const FEEDBACK_LABELS: Record<keyof FeedbackRules, string> = {
  score: "Score", correctness: "Which fields were right", expected: "Expected values and reasons", misconceptions: "Misconceptions", journey: "Packet journey",
};
const num = (v: string) => (v === "" ? undefined : Number(v));

export function DefinitionForm({ assessmentId, initial, hasPassword, published, catalogue }: Props) {
  const router = useRouter();
  const [def, setDef] = useState<DraftDefinition>(initial);
  const [password, setPassword] = useState<PasswordState>({ kind: "keep" });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [warnings, setWarnings] = useState<Issue[]>([]);
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  const [creditText, setCreditText] = useState(initial.scoring.creditPerTry.join(", "));
  const at = (path: string) => messagesAt(issues, path);
  const access = def.access;
  const setAccess = (patch: Partial<DraftDefinition["access"]>) => setDef({ ...def, access: { ...access, ...patch } });
  const setZone = (z: number, zone: AssessmentZone) => setDef({ ...def, zones: def.zones.map((old, i) => (i === z ? zone : old)) });
  const moveZone = (z: number, by: -1 | 1) => {
    const zones = [...def.zones];
    [zones[z], zones[z + by]] = [zones[z + by]!, zones[z]!];
    setDef({ ...def, zones });
  };

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setStatus("saving");
    const credits = creditText.split(/[,\s]+/).filter(Boolean).map(Number);
    const body = {
      definition: { ...def, scoring: { ...def.scoring, creditPerTry: credits } },
      password: password.kind === "set" ? { set: password.value } : password.kind,
    };
    const response = await fetch(`/api/v1/assessments/${assessmentId}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    const json = response ? await response.json().catch(() => null) : null;
    if (response?.ok) {
      setIssues([]);
      setWarnings(json.warnings ?? []);
      setPassword({ kind: "keep" });
      setStatus("saved");
      router.refresh();
    } else {
      setIssues(response ? issuesOf(json) : [{ path: "(form)", line: null, message: "The server could not be reached. Your changes are still here; try again." }]);
      setStatus("failed");
    }
  }

  const feedbackField = (part: keyof FeedbackRules) => {
    const moment: Moment = def.feedback[part];
    const kind = typeof moment === "object" ? "date" : moment;
    const id = `feedback-${part}`;
    const errors = [...at(`feedback.${part}`), ...at(`feedback.${part}.date`)];
    return (
      <div className={styles.row} key={part}>
        <Field id={id} label={FEEDBACK_LABELS[part]} errors={errors}>
          <select {...describedBy(id, errors)} value={kind} disabled={published} onChange={(e) => {
            const v = e.target.value;
            const next: Moment = v === "date" ? { date: access.close ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z") } : (v as Exclude<Moment, object>);
            setDef({ ...def, feedback: { ...def.feedback, [part]: next } });
          }}>
            <option value="after-submit">right after submitting</option>
            <option value="after-close">after the close date</option>
            <option value="date">at a date</option>
            <option value="never">never</option>
          </select>
        </Field>
        {typeof moment === "object" ? (
          <Field id={`${id}-date`} label={`${FEEDBACK_LABELS[part]}: shown from (your local time)`} errors={[]}>
            <input id={`${id}-date`} type="datetime-local" value={toLocalInput(moment.date)} disabled={published} onChange={(e) => setDef({ ...def, feedback: { ...def.feedback, [part]: { date: fromLocalInput(e.target.value) ?? "" } } })} />
          </Field>
        ) : null}
      </div>
    );
  };

  return (
    <form onSubmit={save} noValidate aria-describedby={issues.length > 0 ? "save-problems" : undefined}>
      {published ? <p className={styles.notice} role="status">Published: this definition is frozen so every attempt stays reproducible. Export it and import it as a new draft to change it.</p> : null}
      {issues.length > 0 ? (
        <div className={styles.summary} id="save-problems" role="alert" tabIndex={-1}>
          <strong>Not saved: {issues.length === 1 ? "1 problem" : `${issues.length} problems`}</strong>
          <ul>{issues.map((i, n) => <li key={n}>{describeIssue(i)}</li>)}</ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className={styles.notice} role="status"><strong>Saved, with warnings</strong><ul>{warnings.map((i, n) => <li key={n}>{describeIssue(i)}</li>)}</ul></div>
      ) : null}
      <fieldset className={styles.section} disabled={published}>
        <legend>The assessment</legend>
        <div className={styles.row}>
          <Field id="def-title" label="Title" errors={at("title")}>
            <input {...describedBy("def-title", at("title"))} value={def.title} onChange={(e) => setDef({ ...def, title: e.target.value })} />
          </Field>
          <Field id="def-id" label="Id (in the course and the file name)" errors={at("id")} hint="lower-case letters, digits and dashes">
            <input {...describedBy("def-id", at("id"), "hint")} value={def.id} autoCapitalize="none" onChange={(e) => setDef({ ...def, id: e.target.value })} />
          </Field>
        </div>
        <div className={styles.row}>
          <Field id="def-kind" label="Kind" errors={at("kind")}>
            <select {...describedBy("def-kind", at("kind"))} value={def.kind} onChange={(e) => setDef({ ...def, kind: e.target.value as DraftDefinition["kind"] })}>
              <option value="homework">Homework (several attempts)</option>
              <option value="exam">Exam (one timed attempt)</option>
            </select>
          </Field>
          <Field id="def-variants" label="Variants" errors={at("variants")}>
            <select {...describedBy("def-variants", at("variants"))} value={def.variants} onChange={(e) => setDef({ ...def, variants: e.target.value as DraftDefinition["variants"] })}>
              <option value="per-student">A variant per student</option>
              <option value="same-for-everyone">The same variant for everyone</option>
            </select>
          </Field>
        </div>
      </fieldset>

      <section className={styles.section} aria-labelledby="zones-heading">
        <h2 id="zones-heading">Zones</h2>
        {at("zones").map((e, i) => <p key={i} className={styles.error} role="alert">{e}</p>)}
        {def.zones.map((zone, z) => (
          <ZoneEditor key={z} zone={zone} index={z} count={def.zones.length} catalogue={catalogue} issues={issues} disabled={published}
            onChange={(next) => setZone(z, next)} onMove={(by) => moveZone(z, by)} onRemove={() => setDef({ ...def, zones: def.zones.filter((_, i) => i !== z) })} />
        ))}
        <div className={styles.buttons}>
          <button type="button" className={styles.button} disabled={published || catalogue.length === 0}
            onClick={() => setDef({ ...def, zones: [...def.zones, { title: `Part ${def.zones.length + 1}`, choose: 1, alternatives: [{ scenario: catalogue[0]!.id, difficulty: "beginner", points: 10 }] }] })}>
            Add a zone
          </button>
        </div>
      </section>

      <fieldset className={styles.section} disabled={published}>
        <legend>Access</legend>
        <div className={styles.row}>
          <Field id="access-release" label="Opens (your local time; empty: at once)" errors={at("access.release")}>
            <input {...describedBy("access-release", at("access.release"))} type="datetime-local" value={toLocalInput(access.release)} onChange={(e) => setAccess({ release: fromLocalInput(e.target.value) })} />
          </Field>
          <Field id="access-close" label="Closes (your local time; empty: never)" errors={at("access.close")}>
            <input {...describedBy("access-close", at("access.close"))} type="datetime-local" value={toLocalInput(access.close)} onChange={(e) => setAccess({ close: fromLocalInput(e.target.value) })} />
          </Field>
        </div>
        <div className={styles.row}>
          <Field id="access-limit" label="Time limit in minutes (empty: untimed)" errors={at("access.timeLimitMinutes")}>
            <input {...describedBy("access-limit", at("access.timeLimitMinutes"))} type="number" inputMode="numeric" min={1} value={access.timeLimitMinutes ?? ""} onChange={(e) => setAccess({ timeLimitMinutes: num(e.target.value) })} />
          </Field>
          <Field id="access-attempts" label="Attempts allowed" errors={at("access.attempts")}>
            <input {...describedBy("access-attempts", at("access.attempts"))} type="number" inputMode="numeric" min={1} value={Number.isNaN(access.attempts) ? "" : access.attempts} onChange={(e) => setAccess({ attempts: num(e.target.value) ?? Number.NaN })} />
          </Field>
        </div>
        <div className={styles.row}>
          <div className={styles.field}>
            <label><input type="checkbox" checked={access.late !== undefined} onChange={(e) => setAccess({ late: e.target.checked ? { until: access.close ?? "", creditPercent: 50 } : undefined })} /> Accept late work</label>
            {at("access.late").map((e, i) => <p key={i} className={styles.error} role="alert">{e}</p>)}
          </div>
          {access.late ? (
            <>
              <Field id="access-late-until" label="Late until (your local time)" errors={at("access.late.until")}>
                <input {...describedBy("access-late-until", at("access.late.until"))} type="datetime-local" value={toLocalInput(access.late.until)} onChange={(e) => setAccess({ late: { ...access.late!, until: fromLocalInput(e.target.value) ?? "" } })} />
              </Field>
              <Field id="access-late-credit" label="Late credit (%)" errors={at("access.late.creditPercent")}>
                <input {...describedBy("access-late-credit", at("access.late.creditPercent"))} type="number" inputMode="numeric" min={0} max={100} value={Number.isNaN(access.late.creditPercent) ? "" : access.late.creditPercent} onChange={(e) => setAccess({ late: { ...access.late!, creditPercent: num(e.target.value) ?? Number.NaN } })} />
              </Field>
            </>
          ) : null}
        </div>
        <div className={styles.row}>
          <Field id="access-password-mode" label={`Password (${hasPassword ? "one is set" : "none set"})`} errors={at("access.passwordHash")}>
            <select id="access-password-mode" value={password.kind} onChange={(e) => setPassword(e.target.value === "set" ? { kind: "set", value: "" } : { kind: e.target.value as "keep" | "clear" })}>
              <option value="keep">{hasPassword ? "Keep the password" : "No password"}</option>
              <option value="set">{hasPassword ? "Set a new password" : "Set a password"}</option>
              {hasPassword ? <option value="clear">Remove the password</option> : null}
            </select>
          </Field>
          {password.kind === "set" ? (
            <Field id="access-password" label="New password (stored only as a hash)" errors={at("password")}>
              <input {...describedBy("access-password", at("password"))} type="password" autoComplete="new-password" value={password.value} onChange={(e) => setPassword({ kind: "set", value: e.target.value })} />
            </Field>
          ) : null}
        </div>
      </fieldset>

      <fieldset className={styles.section} disabled={published}>
        <legend>Scoring</legend>
        <div className={styles.row}>
          <Field id="scoring-counts" label="Which attempt counts" errors={at("scoring.counts")}>
            <select {...describedBy("scoring-counts", at("scoring.counts"))} value={def.scoring.counts} onChange={(e) => setDef({ ...def, scoring: { ...def.scoring, counts: e.target.value as "best" | "last" } })}>
              <option value="best">The best</option>
              <option value="last">The last</option>
            </select>
          </Field>
          <Field id="scoring-credit" label="Credit per try (%)" hint="e.g. 100, 80, 60: later tries keep the last value" errors={[...at("scoring.creditPerTry"), ...issues.filter((i) => i.path.startsWith("scoring.creditPerTry[")).map((i) => i.message)]}>
            <input {...describedBy("scoring-credit", at("scoring.creditPerTry"), "hint")} value={creditText} inputMode="decimal" onChange={(e) => setCreditText(e.target.value)} />
          </Field>
        </div>
      </fieldset>

      <fieldset className={styles.section} disabled={published}>
        <legend>Feedback: when each part is shown</legend>
        {(Object.keys(FEEDBACK_LABELS) as (keyof FeedbackRules)[]).map(feedbackField)}
      </fieldset>

      {published ? null : (
        <div className={styles.buttons}>
          <button type="submit" className={styles.primary} disabled={status === "saving"}>{status === "saving" ? "Saving…" : "Save the draft"}</button>
          <p role="status" className={styles.hint}>{status === "saved" ? "Saved." : status === "failed" ? "Not saved: see the problems above." : ""}</p>
        </div>
      )}
    </form>
  );
}
