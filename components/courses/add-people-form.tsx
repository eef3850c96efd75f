"use client";

/**
 * The roster's "Add people" form: a pasted list or a CSV file, answered with one report line per
 * entry (added, invited, already a member, invalid with its line number).
 */
import { useActionState } from "react";
import type { AddOutcome, AddPeopleState } from "@/lib/server/courses/form-state";

const OUTCOME_LABELS: Readonly<Record<AddOutcome, string>> = {
  added: "Added",
  invited: "Invited",
  already_member: "Already a member",
  already_invited: "Already invited",
  duplicate: "Duplicate",
  invalid: "Invalid",
};

interface AddPeopleFormProps {
  action: (previous: AddPeopleState, form: FormData) => Promise<AddPeopleState>;
  courseId: string;
  /** CSS module classes of the staff area (tables), passed from the page. */
  tableClass: string;
  tableWrapClass: string;
}

export function AddPeopleForm({ action, courseId, tableClass, tableWrapClass }: AddPeopleFormProps) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as AddPeopleState);
  const emailErrors = state.status === "error" ? state.fields?.emails : undefined;
  return (
    <>
      <form action={formAction} className="form" data-testid="add-people-form">
        <input type="hidden" name="courseId" value={courseId} />
        <div className="field">
          <label htmlFor="add-emails">Emails</label>
          <span className="hint" id="add-emails-hint">
            One per line, or separated by commas; &quot;Name &lt;email&gt;&quot; works too. People without an account are invited and join when they first sign in with that email.
          </span>
          <textarea
            id="add-emails"
            name="emails"
            rows={6}
            aria-describedby={emailErrors ? "add-emails-hint add-emails-error" : "add-emails-hint"}
            aria-invalid={emailErrors ? true : undefined}
          />
          {emailErrors && (
            <p className="field-error" id="add-emails-error">
              {emailErrors.join(" ")}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="add-file">…or a CSV file</label>
          <span className="hint" id="add-file-hint">
            With a header row, the &quot;email&quot; column is read; without one, every address on a line. At most 60 KB (about 1,500 people) at a time.
          </span>
          <input id="add-file" name="file" type="file" accept=".csv,text/csv,text/plain" aria-describedby="add-file-hint" />
        </div>
        <div>
          <button type="submit" className="button" disabled={pending}>
            Add people
          </button>
        </div>
        {state.status === "error" && !emailErrors && (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        )}
      </form>
      {state.status === "report" && (
        <section aria-labelledby="add-report-heading" data-testid="add-report">
          <h3 id="add-report-heading" role="status">
            {state.message}
          </h3>
          <div className={tableWrapClass}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Entry</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {state.report.map((row, index) => (
                  <tr key={`${row.line}-${index}`} data-outcome={row.outcome}>
                    <td>{row.line}</td>
                    <td>{row.text}</td>
                    <td>
                      <strong>{OUTCOME_LABELS[row.outcome]}</strong>: {row.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
