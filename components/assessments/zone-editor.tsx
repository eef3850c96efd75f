"use client";
/** One zone of the builder: title, how many to draw, and its alternatives picked from the catalogue. */
import type { AssessmentZone } from "@/lib/assessment/schema";
import type { Difficulty } from "@/lib/scenario/schema";
import { describedBy, Field } from "./field";
import { type Issue, messagesAt } from "./issues";
import type { CatalogueOption } from "./types";
import styles from "./builder.module.css";

interface Props {
  readonly zone: AssessmentZone;
  readonly index: number;
  readonly count: number;
  readonly catalogue: readonly CatalogueOption[];
  readonly issues: readonly Issue[];
  readonly disabled: boolean;
  readonly onChange: (zone: AssessmentZone) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}

const num = (v: string) => (v === "" ? Number.NaN : Number(v));

export function ZoneEditor({ zone, index, count, catalogue, issues, disabled, onChange, onMove, onRemove }: Props) {
  const at = `zones[${index}]`;
  const id = `zone-${index}`;
  const setAlt = (a: number, patch: Partial<AssessmentZone["alternatives"][number]>) =>
    onChange({ ...zone, alternatives: zone.alternatives.map((alt, i) => (i === a ? { ...alt, ...patch } : alt)) });
  const zoneErrors = [...messagesAt(issues, at), ...messagesAt(issues, `${at}.alternatives`)];
  return (
    <fieldset className={styles.zone} data-testid={`zone-${index}`}>
      <legend>Zone {index + 1}</legend>
      {zoneErrors.map((e, i) => <p key={i} className={styles.error} role="alert">{e}</p>)}
      <div className={styles.row}>
        <Field id={`${id}-title`} label="Zone title" errors={messagesAt(issues, `${at}.title`)}>
          <input {...describedBy(`${id}-title`, messagesAt(issues, `${at}.title`))} value={zone.title} disabled={disabled} onChange={(e) => onChange({ ...zone, title: e.target.value })} />
        </Field>
        <Field id={`${id}-choose`} label="Questions drawn per student" errors={messagesAt(issues, `${at}.choose`)}>
          <input {...describedBy(`${id}-choose`, messagesAt(issues, `${at}.choose`))} type="number" inputMode="numeric" min={1} value={Number.isNaN(zone.choose) ? "" : zone.choose} disabled={disabled} onChange={(e) => onChange({ ...zone, choose: num(e.target.value) })} />
        </Field>
      </div>
      {zone.alternatives.map((alt, a) => {
        const p = `${at}.alternatives[${a}]`;
        const aid = `${id}-alt-${a}`;
        return (
          <div key={a} className={styles.alternative} role="group" aria-label={`Zone ${index + 1}, alternative ${a + 1}`}>
            {messagesAt(issues, p).map((e, i) => <p key={i} className={styles.error} role="alert">{e}</p>)}
            <Field id={`${aid}-scenario`} label={`Alternative ${a + 1}: scenario`} errors={messagesAt(issues, `${p}.scenario`)}>
              <select {...describedBy(`${aid}-scenario`, messagesAt(issues, `${p}.scenario`))} value={alt.scenario} disabled={disabled} onChange={(e) => setAlt(a, { scenario: e.target.value })}>
                {catalogue.some((c) => c.id === alt.scenario) ? null : <option value={alt.scenario}>{alt.scenario} (not in the catalogue)</option>}
                {catalogue.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
              </select>
            </Field>
            <Field id={`${aid}-difficulty`} label="Difficulty" errors={messagesAt(issues, `${p}.difficulty`)}>
              <select {...describedBy(`${aid}-difficulty`, messagesAt(issues, `${p}.difficulty`))} value={alt.difficulty} disabled={disabled} onChange={(e) => setAlt(a, { difficulty: e.target.value as typeof alt.difficulty })}>
                {(["beginner", "intermediate", "advanced"] satisfies Difficulty[]).map((d) => <option key={d} value={d}>{d}</option>)}
              </select>
            </Field>
            <Field id={`${aid}-points`} label="Points" errors={messagesAt(issues, `${p}.points`)}>
              <input {...describedBy(`${aid}-points`, messagesAt(issues, `${p}.points`))} type="number" inputMode="decimal" min={0} value={Number.isNaN(alt.points) ? "" : alt.points} disabled={disabled} onChange={(e) => setAlt(a, { points: num(e.target.value) })} />
            </Field>
            <button type="button" className={styles.danger} disabled={disabled || zone.alternatives.length === 1} onClick={() => onChange({ ...zone, alternatives: zone.alternatives.filter((_, i) => i !== a) })}>
              Remove alternative {a + 1}
            </button>
          </div>
        );
      })}
      <div className={styles.buttons}>
        <button type="button" className={styles.button} disabled={disabled || catalogue.length === 0} onClick={() => onChange({ ...zone, alternatives: [...zone.alternatives, { scenario: catalogue[0]!.id, difficulty: "beginner", points: zone.alternatives.at(-1)?.points ?? 10 }] })}>
          Add an alternative to zone {index + 1}
        </button>
        <button type="button" className={styles.button} disabled={disabled || index === 0} onClick={() => onMove(-1)}>Move zone {index + 1} up</button>
        <button type="button" className={styles.button} disabled={disabled || index === count - 1} onClick={() => onMove(1)}>Move zone {index + 1} down</button>
        <button type="button" className={styles.danger} disabled={disabled || count === 1} onClick={onRemove}>Remove zone {index + 1}</button>
      </div>
    </fieldset>
  );
}
