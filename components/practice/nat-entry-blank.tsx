"use client";

/** A NAT or conntrack entry: three address:port inputs (inside, translated, outside). */
import type { PublicBlank } from "@/lib/grader/types";
import { NAT_PARTS, type NatEntryValue } from "./answer-types";
import { natEntryIncomplete, socketProblem } from "./format-check";
import { CheckedInput } from "./text-blank";
import styles from "./answer-form.module.css";

interface NatEntryBlankProps {
  readonly domId: string;
  readonly blank: PublicBlank;
  readonly where: string;
  readonly value: NatEntryValue | undefined;
  readonly disabled: boolean;
  readonly onChange: (value: NatEntryValue) => void;
  readonly onCommit: () => void;
}

export function NatEntryBlank({ domId, blank, where, value, disabled, onChange, onCommit }: NatEntryBlankProps) {
  const incomplete = natEntryIncomplete(value);
  return (
    <fieldset className={styles.natEntry} aria-describedby={incomplete ? `${domId}-incomplete` : undefined}>
      <legend className={styles.natLegend}>{blank.label}</legend>
      <div className={styles.natParts}>
        {NAT_PARTS.map(({ part, label }, i) => (
          <span key={part} className={styles.natPart}>
            <CheckedInput
              domId={`${domId}-${part}`}
              label={label}
              where={`${blank.label}, ${where}`}
              value={value?.[part] ?? ""}
              problem={socketProblem(value?.[part])}
              placeholder="a.b.c.d:port"
              blankId={blank.id}
              part={part}
              disabled={disabled}
              onChange={(text) => onChange({ ...value, [part]: text })}
              onCommit={onCommit}
            />
            {i < NAT_PARTS.length - 1 && (
              <span className={styles.natArrow} aria-hidden="true">
                →
              </span>
            )}
          </span>
        ))}
      </div>
      {incomplete && (
        <p className={styles.fieldNote} id={`${domId}-incomplete`}>
          Fill in all three parts: an entry with a part missing cannot be graded.
        </p>
      )}
    </fieldset>
  );
}
