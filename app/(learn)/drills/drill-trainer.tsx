"use client";

/**
 * One drill at a time: the learner fills the blanks (checked for format as they type, with the
 * same parser the grader uses), submits with Enter, sees each blank marked with the expected value
 * and the working, then moves on to the next. A running tally for the browser session.
 */
import { type FormEvent, useEffect, useRef, useState } from "react";
import { parseAnswer } from "@/lib/drills/answers";
import type { AnswerFormat, BlankGrade, DrillGrade, DrillKind, PublicBlank, PublicDrill } from "@/lib/drills/types";
import { DRILL_KIND_LABELS } from "./kinds";
import styles from "./drills.module.css";

interface Tally {
  readonly drills: number;
  readonly perfect: number;
  readonly right: number;
  readonly total: number;
}

const EMPTY_TALLY: Tally = { drills: 0, perfect: 0, right: 0, total: 0 };
const TALLY_KEY = "hopwise:drill-tally";

type GradeResponse = { status: "graded"; grade: DrillGrade } | { status: "format-errors"; errors: Record<string, string> };

function readTally(): Tally {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(TALLY_KEY) ?? "null") as Tally | null;
    return parsed && Number.isFinite(parsed.drills) ? parsed : EMPTY_TALLY;
  } catch {
    return EMPTY_TALLY;
  }
}

function hintFor(format: AnswerFormat): string | null {
  switch (format.type) {
    case "ipv4":
      return format.noneAllowed ? 'Dotted decimal like 192.168.1.255, or "none"' : "Dotted decimal, like 192.168.1.0";
    case "integer":
      return "A whole number, like 254";
    case "cidr":
      return "CIDR notation, like 10.0.0.0/8";
    case "prefix":
      return "A prefix length, like /24";
    case "choice":
      return null;
  }
}

/** The format problem with a typed answer, or null when it reads fine (or is still empty). */
function formatProblem(blank: PublicBlank, value: string, submitted: boolean): string | null {
  if (value.trim() === "") return submitted ? (blank.format.type === "choice" ? "Choose one." : "Enter an answer.") : null;
  const parsed = parseAnswer(blank.format, value);
  return parsed.ok ? null : parsed.error.charAt(0).toUpperCase() + parsed.error.slice(1);
}

function Verdict({ grade }: { grade: BlankGrade }) {
  if (grade.status === "format-error") return null;
  return (
    <div className={grade.correct ? styles.right : styles.wrong} data-testid={`verdict-${grade.blankId}`} data-correct={grade.correct}>
      <p className={styles.verdictHead}>
        <span aria-hidden="true">{grade.correct ? "✓" : "✗"}</span> {grade.correct ? "Right" : "Wrong"}
        {!grade.correct && (
          <>
            {" "}
            · expected <code>{grade.expected}</code>
          </>
        )}
      </p>
      {!grade.correct && grade.feedback && <p className={styles.feedback}>{grade.feedback}</p>}
      <p className={styles.explanation}>{grade.explanation}</p>
    </div>
  );
}

export function DrillTrainer({ initial, kind }: { initial: PublicDrill; kind: DrillKind | null }) {
  const [drill, setDrill] = useState(initial);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [grade, setGrade] = useState<DrillGrade | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [tally, setTally] = useState<Tally>(EMPTY_TALLY);
  const formRef = useRef<HTMLFormElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const shownId = useRef(initial.id);

  // sessionStorage exists only in the browser: reading it after hydration keeps the server's HTML and the first client render equal.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setTally(readTally()), []);

  // A new drill: focus its first answer (not on the first page load, which keeps the page's focus).
  useEffect(() => {
    if (drill.id === shownId.current) return;
    shownId.current = drill.id;
    formRef.current?.querySelector<HTMLInputElement>("input:not([type=hidden])")?.focus();
  }, [drill.id]);

  useEffect(() => {
    if (grade) nextRef.current?.focus();
  }, [grade]);

  const errorFor = (blank: PublicBlank): string | null =>
    grade ? null : (formatProblem(blank, answers[blank.id] ?? "", submitted) ?? serverErrors[blank.id] ?? null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (grade || busy) return;
    setSubmitted(true);
    setProblem(null);
    const invalid = drill.blanks.find((b) => formatProblem(b, answers[b.id] ?? "", true) !== null);
    if (invalid) {
      formRef.current?.querySelector<HTMLInputElement>(`[name="${invalid.id}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const response = await fetch("/api/v1/drills/grade", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ seed: drill.seed, kind: drill.kind, answers }),
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const body = (await response.json()) as GradeResponse;
      if (body.status === "format-errors") {
        setServerErrors(body.errors);
        return;
      }
      setGrade(body.grade);
      const right = body.grade.blanks.filter((b) => b.correct).length;
      const next: Tally = {
        drills: tally.drills + 1,
        perfect: tally.perfect + (right === body.grade.blanks.length ? 1 : 0),
        right: tally.right + right,
        total: tally.total + body.grade.blanks.length,
      };
      setTally(next);
      try {
        sessionStorage.setItem(TALLY_KEY, JSON.stringify(next));
      } catch {
        // Private browsing may refuse storage: the tally then lasts as long as the page.
      }
    } catch {
      setProblem("We couldn't grade that just now. Check your connection and press Enter to try again.");
    } finally {
      setBusy(false);
    }
  }

  async function nextDrill() {
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch(`/api/v1/drills/next${kind ? `?kind=${kind}` : ""}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const body = (await response.json()) as { drill: PublicDrill };
      setDrill(body.drill);
      setAnswers({});
      setSubmitted(false);
      setServerErrors({});
      setGrade(null);
    } catch {
      setProblem("We couldn't load the next drill. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  const set = (id: string, value: string) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    setServerErrors((e) => {
      if (!(id in e)) return e;
      const { [id]: _, ...rest } = e;
      return rest;
    });
  };
  const right = grade ? grade.blanks.filter((b) => b.correct).length : 0;

  return (
    <div className={styles.layout}>
      <section className={styles.panel} aria-labelledby="drill-heading" data-testid="drill" data-drill-id={drill.id}>
        <p className={styles.kind}>{DRILL_KIND_LABELS[drill.kind]}</p>
        <h2 id="drill-heading" className={styles.prompt}>
          {drill.prompt}
        </h2>
        <form ref={formRef} onSubmit={onSubmit} noValidate className={styles.form}>
          {drill.blanks.map((blank) => {
            const id = `blank-${blank.id}`;
            const error = errorFor(blank);
            const blankGrade = grade?.blanks.find((b) => b.blankId === blank.id);
            const hint = hintFor(blank.format);
            const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
            if (blank.format.type === "choice") {
              return (
                <fieldset key={blank.id} className={styles.choiceField} aria-describedby={error ? `${id}-error` : undefined} data-testid={`blank-${blank.id}`}>
                  <legend className={styles.label}>{blank.label}</legend>
                  <div className={blank.format.options.length > 4 ? styles.optionsWide : styles.options}>
                    {blank.format.options.map((option) => (
                      <label key={option.id} className={styles.option}>
                        <input
                          type="radio"
                          name={blank.id}
                          value={option.id}
                          checked={answers[blank.id] === option.id}
                          onChange={() => set(blank.id, option.id)}
                          disabled={grade !== null}
                        />
                        <span>{option.label}</span>
                      </label>
                    ))}
                  </div>
                  {error && (
                    <p className="field-error" id={`${id}-error`} role="alert">
                      {error}
                    </p>
                  )}
                  {blankGrade && <Verdict grade={blankGrade} />}
                </fieldset>
              );
            }
            return (
              <div key={blank.id} className={styles.field} data-testid={`blank-${blank.id}`}>
                <label htmlFor={id} className={styles.label}>
                  {blank.label}
                </label>
                {hint && (
                  <span className={styles.hint} id={`${id}-hint`}>
                    {hint}
                  </span>
                )}
                <input
                  id={id}
                  name={blank.id}
                  type="text"
                  className={styles.input}
                  value={answers[blank.id] ?? ""}
                  onChange={(e) => set(blank.id, e.target.value)}
                  readOnly={grade !== null}
                  autoComplete="off"
                  autoCapitalize="off"
                  spellCheck={false}
                  inputMode={blank.format.type === "integer" ? "numeric" : undefined}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy}
                  data-correct={blankGrade ? String(blankGrade.correct) : undefined}
                />
                {error && (
                  <p className="field-error" id={`${id}-error`} data-testid={`format-error-${blank.id}`}>
                    {error}
                  </p>
                )}
                {blankGrade && <Verdict grade={blankGrade} />}
              </div>
            );
          })}
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
          <div className={styles.actions}>
            {grade ? (
              <button type="button" className="button" ref={nextRef} onClick={nextDrill} disabled={busy} data-testid="next-drill">
                {busy ? "Loading…" : "Next drill"}
              </button>
            ) : (
              <button type="submit" className="button" disabled={busy}>
                {busy ? "Checking…" : "Check answers"}
              </button>
            )}
            {!grade && <span className={styles.enterHint}>or press Enter</span>}
            <p className={styles.result} role="status" data-testid="drill-result">
              {grade ? `${right} of ${grade.blanks.length} right${right === grade.blanks.length ? ". Well done." : "."}` : ""}
            </p>
          </div>
        </form>
      </section>

      <aside className={styles.tally} aria-labelledby="tally-heading" data-testid="drill-tally">
        <h2 id="tally-heading" className={styles.tallyHeading}>
          This session
        </h2>
        <dl className={styles.tallyList}>
          <div>
            <dt>Drills answered</dt>
            <dd>{tally.drills}</dd>
          </div>
          <div>
            <dt>All blanks right</dt>
            <dd>{tally.perfect}</dd>
          </div>
          <div>
            <dt>Blanks right</dt>
            <dd>
              {tally.right} / {tally.total}
            </dd>
          </div>
        </dl>
        <p className={styles.tallyNote}>Every graded drill is saved to your progress.</p>
      </aside>
    </div>
  );
}
