/** A labelled input with its errors underneath, tied to it for screen readers (aria-describedby). */
import type { ReactNode } from "react";
import styles from "./builder.module.css";

export function Field({ id, label, errors, hint, children }: { id: string; label: string; errors: readonly string[]; hint?: string; children: ReactNode }) {
  return (
    <div className={`${styles.field} ${errors.length > 0 ? styles.invalid : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <p className={styles.hint} id={`${id}-hint`}>{hint}</p> : null}
      {errors.map((e, i) => <p key={i} className={styles.error} id={i === 0 ? `${id}-error` : undefined} role="alert">{e}</p>)}
    </div>
  );
}

/** aria props of an input inside a Field. */
export function describedBy(id: string, errors: readonly string[], hint?: string) {
  const ids = [hint ? `${id}-hint` : null, errors.length > 0 ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": errors.length > 0 || undefined, "aria-describedby": ids || undefined };
}
