"use client";

/**
 * A form posting to a server action that answers with a FormState (lib/server/courses/commands.ts):
 * the fields come from the server page as children, the answer shows under them (an alert for an
 * error, a status for success). Works without JavaScript: the action then re-renders the page.
 */
import { type ReactNode, useActionState } from "react";
import type { FormState } from "@/lib/server/courses/form-state";

interface StatusFormProps {
  action: (previous: FormState, form: FormData) => Promise<FormState>;
  submitLabel: string;
  children?: ReactNode;
  /** "inline" keeps the fields and the button on one line where there is room (table rows). */
  layout?: "stacked" | "inline";
  secondary?: boolean;
  testId?: string;
}

export function StatusForm({ action, submitLabel, children, layout = "stacked", secondary, testId }: StatusFormProps) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as FormState);
  const button = (
    <button type="submit" className={secondary ? "button secondary" : "button"} disabled={pending}>
      {submitLabel}
    </button>
  );
  return (
    <form action={formAction} className={layout === "inline" ? "inline-form" : "form"} data-testid={testId}>
      {children}
      {layout === "inline" ? button : <div>{button}</div>}
      {state.status === "error" && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === "ok" && (
        <p className="form-ok" role="status">
          {state.message}
        </p>
      )}
    </form>
  );
}
