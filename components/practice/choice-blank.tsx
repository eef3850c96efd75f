"use client";

/** A choice (how a flow ends, which component decides, a cache status): radios for a few options, a select for many. */
import type { PublicBlank } from "@/lib/grader/types";
import styles from "./answer-form.module.css";

const RADIO_LIMIT = 4;

interface ChoiceBlankProps {
  readonly domId: string;
  readonly blank: PublicBlank;
  readonly where: string;
  readonly value: string;
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
}

export function ChoiceBlank({ domId, blank, where, value, disabled, onChange }: ChoiceBlankProps) {
  const options = blank.options ?? [];
  if (options.length <= RADIO_LIMIT) {
    return (
      <fieldset className={styles.radios} data-blank={blank.id}>
        <legend className={styles.fieldLabel}>
          {blank.label}
          <span className="visually-hidden">, {where}</span>
        </legend>
        {options.map((o) => (
          <label key={o.id} className={styles.radio}>
            <input type="radio" name={domId} value={o.id} checked={value === o.id} disabled={disabled} onChange={() => onChange(o.id)} />
            {o.text}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <div className={styles.field}>
      <label htmlFor={domId} className={styles.fieldLabel}>
        {blank.label}
        <span className="visually-hidden">, {where}</span>
      </label>
      <select id={domId} className={styles.select} value={value} disabled={disabled} data-blank={blank.id} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
