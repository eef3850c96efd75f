"use client";

/**
 * One blank answered by typing: a labelled text input whose format is checked with the grader's
 * parser, the message shown once the learner leaves the field or pauses (never while they type).
 */
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { PublicBlank } from "@/lib/grader/types";
import { formatProblem, placeholderFor } from "./format-check";
import styles from "./answer-form.module.css";

const PAUSE_MS = 900;

/** Shows a format message after a pause or on leaving the field; hides it while the learner types. */
export function useRevealAfterPause(): { revealed: boolean; typing: () => void; reveal: () => void } {
  const [revealed, setRevealed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return {
    revealed,
    typing() {
      setRevealed(false);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setRevealed(true), PAUSE_MS);
    },
    reveal() {
      if (timer.current) clearTimeout(timer.current);
      setRevealed(true);
    },
  };
}

/** Enter in a field never submits anything: it checks the field and saves. */
export function onEnterCommit(commit: () => void) {
  return (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      commit();
    }
  };
}

interface TextInputProps {
  readonly domId: string;
  readonly label: string;
  /** Where this field is (the hop or question), read by screen readers after the label. */
  readonly where: string;
  readonly value: string;
  readonly problem: string | null;
  readonly placeholder?: string | undefined;
  readonly blankId: string;
  readonly part?: string;
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
  readonly onCommit: () => void;
}

/** A labelled input with an inline format message (aria-invalid + aria-describedby). */
export function CheckedInput({ domId, label, where, value, problem, placeholder, blankId, part, disabled, onChange, onCommit }: TextInputProps) {
  const { revealed, typing, reveal } = useRevealAfterPause();
  const message = revealed ? problem : null;
  const errorId = `${domId}-error`;
  const commit = () => {
    reveal();
    onCommit();
  };
  return (
    <div className={styles.field}>
      <label htmlFor={domId} className={styles.fieldLabel}>
        {label}
        <span className="visually-hidden">, {where}</span>
      </label>
      <input
        id={domId}
        type="text"
        className={styles.input}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        disabled={disabled}
        data-blank={blankId}
        data-part={part}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? errorId : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          typing();
        }}
        onBlur={commit}
        onKeyDown={onEnterCommit(commit)}
      />
      {message && (
        <p className={styles.fieldError} id={errorId} data-testid="format-error">
          {message}
        </p>
      )}
    </div>
  );
}

interface TextBlankProps {
  readonly domId: string;
  readonly blank: PublicBlank;
  readonly where: string;
  readonly value: string;
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
  readonly onCommit: () => void;
}

export function TextBlank({ domId, blank, where, value, disabled, onChange, onCommit }: TextBlankProps) {
  return (
    <CheckedInput
      domId={domId}
      label={blank.label}
      where={where}
      value={value}
      problem={formatProblem(blank.kind, value, blank.options)}
      placeholder={placeholderFor(blank.kind)}
      blankId={blank.id}
      disabled={disabled}
      onChange={onChange}
      onCommit={onCommit}
    />
  );
}

