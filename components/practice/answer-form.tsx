"use client";

/**
 * The practice sheet as a form: per flow, a hop-by-hop table (what is given, what to predict) and
 * the flow's questions (NAT entries, orderings, choices, values). Answers save as the learner types
 * and are restored from the server on reload; Submit grades them once and shows the results.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PublicBlank, SheetFlow, SheetQuestion } from "@/lib/grader/types";
import { type AnswerValue, type Answers, answersFrom, type NatEntryValue } from "./answer-types";
import { ChoiceBlank } from "./choice-blank";
import { markJustSubmitted } from "./just-submitted";
import { submitWarning } from "./submit-warning";
import { NatEntryBlank } from "./nat-entry-blank";
import { OrderBlank } from "./order-blank";
import { SaveStatusLine } from "./save-status";
import { TextBlank } from "./text-blank";
import { type AutosaveTarget, useAutosave } from "./use-autosave";
import styles from "./answer-form.module.css";

export interface AnswerFormProps {
  readonly attemptId: string;
  readonly flows: readonly SheetFlow[];
  readonly savedAnswers: Readonly<Record<string, unknown>>;
  /**
   * An assessment question: answers save to its attempt under its slot, and the attempt page's one
   * submit button (not this form's) submits; `onFlushReady` hands that button this form's flush.
   */
  readonly assessment?: AutosaveTarget & { readonly onFlushReady?: (flush: () => Promise<boolean>) => () => void };
}

/**
 * A question's prompt, told apart from another with the same words: a node that creates two NAT
 * entries is asked about each, and the hop key's "~2" says which pass through the node it is.
 */
function distinctPrompt(q: SheetQuestion, all: readonly SheetQuestion[]): string {
  if (all.filter((x) => x.prompt === q.prompt).length < 2) return q.prompt;
  const pass = Number(/~(\d+)\//.exec(q.id)?.[1] ?? "1");
  const ordinal = pass === 1 ? "1st" : pass === 2 ? "2nd" : pass === 3 ? "3rd" : `${pass}th`;
  return `${q.prompt} (the ${ordinal} one)`;
}

export function AnswerForm({ attemptId, flows, savedAnswers, assessment }: AnswerFormProps) {
  const router = useRouter();
  const [initial] = useState(() => answersFrom(savedAnswers));
  const [answers, setAnswers] = useState<Answers>(initial);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const autosave = useAutosave(attemptId, answers, initial, 700, assessment);

  const set = useCallback((id: string, value: AnswerValue) => setAnswers((a) => ({ ...a, [id]: value })), []);
  const { flush } = autosave;
  const onFlushReady = assessment?.onFlushReady;
  useEffect(() => onFlushReady?.(flush), [onFlushReady, flush]);
  const commit = useCallback(() => void flush(), [flush]);
  const disabled = submitting || autosave.status.state === "submitted";

  // Submitted in another tab: the server refused a save, so show the results instead.
  useEffect(() => {
    if (autosave.status.state === "submitted") router.refresh();
  }, [autosave.status.state, router]);

  function fail(message: string) {
    setSubmitting(false);
    setSubmitError(message);
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  async function submit() {
    setSubmitError(null);
    const warning = submitWarning(flows, answers);
    if (warning !== null && !window.confirm(warning)) return;
    setSubmitting(true);
    if (!(await autosave.flush())) {
      // Submitted meanwhile (in another tab, say): show what was graded.
      if (autosave.wasSubmitted()) return router.refresh();
      return fail("Your latest answers could not be saved, so they were not submitted. Check your connection and try again.");
    }
    let response: Response;
    try {
      response = await fetch(`/api/v1/attempts/${encodeURIComponent(attemptId)}/submit`, { method: "POST" });
    } catch {
      return fail("We couldn't reach Hopwise to submit. Your answers are saved; try again in a moment.");
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      return fail(body?.error?.message ?? "Submitting failed. Your answers are saved; try again.");
    }
    autosave.stop();
    markJustSubmitted(attemptId);
    // The page renders the results once the server knows the attempt is submitted.
    router.refresh();
  }

  let counter = 0;
  // Two assessment questions share a page: their ids must not clash.
  const idPrefix = assessment?.slot ? `${assessment.slot}-` : "";
  const nextId = () => `${idPrefix}b${counter++}`;

  function renderBlank(blank: PublicBlank, where: string) {
    const domId = nextId();
    const value = answers[blank.id];
    const common = { domId, blank, disabled };
    switch (blank.kind) {
      case "nat-entry":
        return <NatEntryBlank key={blank.id} {...common} where={where} value={value as NatEntryValue | undefined} onChange={(v) => set(blank.id, v)} onCommit={commit} />;
      case "order":
        return <OrderBlank key={blank.id} {...common} value={Array.isArray(value) ? value : undefined} onChange={(v) => set(blank.id, v)} />;
      case "choice":
      case "protocol":
        if (blank.options?.length) {
          return <ChoiceBlank key={blank.id} {...common} where={where} value={typeof value === "string" ? value : ""} onChange={(v) => set(blank.id, v)} />;
        }
        break;
    }
    return <TextBlank key={blank.id} {...common} where={where} value={typeof value === "string" ? value : ""} onChange={(v) => set(blank.id, v)} onCommit={commit} />;
  }

  function renderQuestion(q: SheetQuestion, all: readonly SheetQuestion[]) {
    const prompt = distinctPrompt(q, all);
    const single = q.blanks.length === 1 && q.blanks[0]!.label === q.prompt;
    return (
      <section key={q.id} className={styles.question} aria-label={prompt} data-question={q.id}>
        {!single && <h4 className={styles.questionPrompt}>{prompt}</h4>}
        {q.blanks.map((b) => renderBlank(b, prompt))}
      </section>
    );
  }

  return (
    <form
      className={styles.form}
      aria-label="Your predictions"
      noValidate
      onSubmit={(e) => e.preventDefault()}
      data-testid="answer-form"
    >
      {flows.map((flow) => (
        <section key={flow.id} className={styles.flow} aria-labelledby={`${idPrefix}flow-${flow.id}`}>
          <h3 id={`${idPrefix}flow-${flow.id}`} className={styles.flowTitle}>
            {flow.title}
          </h3>
          {flow.question && <p className={styles.flowQuestion}>{flow.question}</p>}
          {flow.rows.length > 0 && (
            <div className={styles.tableWrap}>
              <table className={styles.hops}>
                <caption className="visually-hidden">{flow.title}: hop by hop</caption>
                <thead>
                  <tr>
                    <th scope="col">Hop</th>
                    <th scope="col">Given</th>
                    <th scope="col">Your prediction</th>
                  </tr>
                </thead>
                <tbody>
                  {flow.rows.map((row) => (
                    <tr key={row.id} data-row={row.id}>
                      <th scope="row" className={styles.hopTitle}>
                        {row.title}
                      </th>
                      <td className={styles.given}>
                        {row.context.length > 0 ? (
                          <dl className={styles.context}>
                            {row.context.map((c) => (
                              <div key={c.field} className={styles.contextItem}>
                                <dt>{c.label}</dt>
                                <dd>
                                  <output className={styles.contextValue}>{c.value}</output>
                                </dd>
                              </div>
                            ))}
                          </dl>
                        ) : (
                          <span className={styles.muted}>Nothing given</span>
                        )}
                      </td>
                      <td>
                        <div className={styles.predict}>{row.blanks.map((b) => renderBlank(b, row.title))}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {flow.questions.map((q) => renderQuestion(q, flow.questions))}
        </section>
      ))}

      <div className={styles.submitBar}>
        <SaveStatusLine status={autosave.status} />
        {submitError && (
          <p className="form-error" role="alert" tabIndex={-1} ref={errorRef}>
            {submitError}
          </p>
        )}
        {!assessment && (
          <button type="button" className="button" onClick={() => void submit()} disabled={disabled} data-testid="submit">
            {submitting ? "Submitting…" : "Submit answers"}
          </button>
        )}
      </div>
    </form>
  );
}
