"use client";

/** A labelled input with an optional hint and inline error, wired up for screen readers. */
import type { InputHTMLAttributes, Ref } from "react";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> {
  name: string;
  label: string;
  hint?: string;
  errors?: string[] | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({ name, label, hint, errors, inputRef, ...input }: TextFieldProps) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      <input
        {...input}
        ref={inputRef}
        id={id}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {errorId && (
        <p className="field-error" id={errorId} data-testid={`${name}-error`}>
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}
