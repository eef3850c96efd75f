/**
 * The practice page after submission: the score, per-concept bars, the first divergence, every
 * field with its verdict, the expected value, the reason and where it came from (route entry, rule,
 * NAT entry), any misconception, the packet journey (loaded lazily), and another variant.
 */
import Link from "next/link";
import { conceptLabel } from "@/app/(learn)/concepts";
import { startPracticeAction } from "@/app/(learn)/practice/start-practice";
import type { FieldGrade, PublicBlank } from "@/lib/grader/types";
import { answerText, beforeDivergence, placeAfterLabel, verdictOf } from "@/lib/practice/result-display";
import type { SubmittedPage } from "@/lib/server/practice-page";
import { JourneyPanel } from "./journey-panel";
import { describeProvenance } from "./provenance";
import { ResultsHeading } from "./results-heading";
import { difficultyLabel } from "./story";
import styles from "./results-view.module.css";

function points(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "");
}

/** Where a field is: its hop's title, or its question's prompt. */
function placeOf(data: SubmittedPage, f: { readonly flow: string; readonly at: string; readonly id?: string }): string {
  const flow = data.sheet.flows.find((x) => x.id === f.flow);
  const row = flow?.rows.find((r) => r.key === f.at);
  if (row) return row.title;
  const q = flow?.questions.find((x) => x.blanks.some((b) => b.id === f.id) || x.id === `${f.flow}/${f.at}` || x.blanks.some((b) => b.id.startsWith(`${f.flow}/${f.at}/`)));
  return q?.prompt ?? f.at;
}

/** The grader's feedback without the misconception sentence, which has a box of its own. */
function feedbackOf(field: FieldGrade): string {
  if (!field.misconception) return field.feedback;
  const sentence = `Your answer matches a common misconception: ${field.misconception.name}. ${field.misconception.truth}`;
  return field.feedback.replace(sentence, "").replace(/\s{2,}/g, " ").trim();
}

function journeyHref(f: { flow: string; at: string }): string {
  return `?${new URLSearchParams({ flow: f.flow, at: f.at }).toString()}#journey`;
}

/** The sheet's blank for a graded field (for the words of its choices). */
function blankOf(data: SubmittedPage, id: string): PublicBlank | undefined {
  for (const flow of data.sheet.flows) {
    for (const row of flow.rows) for (const b of row.blanks) if (b.id === id) return b;
    for (const q of flow.questions) for (const b of q.blanks) if (b.id === id) return b;
  }
  return undefined;
}

function FieldResult({ data, field }: { data: SubmittedPage; field: FieldGrade }) {
  const status = verdictOf(field);
  const provenance = field.provenance ? describeProvenance(field.provenance) : null;
  const right = !status.showExpected;
  const blank = blankOf(data, field.id);
  const place = placeAfterLabel(field.label, placeOf(data, field));
  return (
    <li className={styles.field} data-status={status.tone} data-blank={field.id} data-testid="field-result">
      <div className={styles.fieldHead}>
        <span className={styles.status} data-status={status.tone} data-testid="field-verdict">
          <span aria-hidden="true">{status.icon} </span>
          {status.text}
        </span>
        <span className={styles.fieldName}>
          <strong>{field.label}</strong>
          {place !== null && <> · {place}</>}
        </span>
        <span className={styles.points}>
          {points(field.score * field.weight)}/{points(field.weight)}
        </span>
      </div>
      <dl className={styles.values}>
        <div>
          <dt>You wrote</dt>
          <dd className={styles.mono} data-testid="given-value">{answerText(field.given, blank, data.choiceTexts[field.id]) ?? (field.status === "format-error" ? "(could not be read)" : "(nothing)")}</dd>
        </div>
        {!right && (
          <div>
            <dt>Expected</dt>
            <dd className={styles.mono} data-testid="expected-value">
              {answerText(field.expected, blank, data.choiceTexts[field.id])}
            </dd>
          </div>
        )}
      </dl>
      {(field.status !== "correct" || field.carriedForward) && field.status !== "unanswered" && <p className={styles.feedback}>{feedbackOf(field)}</p>}
      {field.misconception && (
        <aside className={styles.misconception} aria-label="Misconception" data-testid="misconception">
          <p className={styles.misconceptionName}>
            <span aria-hidden="true">⚠ </span>Misconception: {field.misconception.name}
          </p>
          <p className={styles.truth}>
            <strong>In fact: </strong>
            {field.misconception.truth}
          </p>
        </aside>
      )}
      <details className={styles.why} open={!right}>
        <summary>Why</summary>
        <p>{field.reason}</p>
        {provenance && (
          <p className={styles.provenance}>
            <span className={styles.provenanceKind}>{provenance.kind}:</span> <code>{provenance.text}</code>
          </p>
        )}
        <p>
          <Link href={journeyHref(field)} scroll={false} className={styles.journeyLink}>
            Show this in the packet journey
          </Link>
        </p>
      </details>
    </li>
  );
}

export function ResultsView({ data, focus }: { data: SubmittedPage; focus: { flow?: string | undefined; at?: string | undefined } }) {
  const r = data.result;
  const concepts = Object.entries(r.byConcept).filter(([, t]) => t && t.possible > 0) as [string, { earned: number; possible: number }][];
  const first = r.firstDivergence;
  const flows = data.sheet.flows.map((f) => ({ flow: f, fields: r.fields.filter((x) => x.flow === f.id) })).filter((g) => g.fields.length > 0);
  const firstField = first ? r.fields.find((f) => f.flow === first.flow && f.at === first.at) : undefined;
  const firstPlace = first ? placeOf(data, { flow: first.flow, at: first.at, id: firstField?.id }) : null;
  return (
    <article className={styles.page} data-testid="results" data-label={data.label}>
      <header>
        <p className={styles.kicker}>Results · {difficultyLabel(data.difficulty)} · attempt {data.label}</p>
        <ResultsHeading attemptId={data.attemptId}>{data.title}</ResultsHeading>
      </header>

      <section className={styles.summary} aria-labelledby="score-heading">
        <h2 id="score-heading" className="visually-hidden">
          Your score
        </h2>
        <p className={styles.score} data-testid="score">
          <span className={styles.scoreBig}>{Math.round(r.percent)}%</span>
          <span>
            {points(r.score)} of {points(r.maxScore)} points
            {r.formatErrors > 0 && ` · ${r.formatErrors} answer${r.formatErrors === 1 ? "" : "s"} could not be read`}
          </span>
        </p>
        <ul className={styles.concepts} aria-label="Score by concept">
          {concepts.map(([concept, t]) => {
            const pct = Math.round((t.earned / t.possible) * 100);
            return (
              <li key={concept} className={styles.concept}>
                <span className={styles.conceptName}>{conceptLabel(concept)}</span>
                <span className={styles.bar} aria-hidden="true">
                  <span className={styles.barFill} style={{ width: `${pct}%` }} />
                </span>
                <span className={styles.conceptScore}>
                  {points(t.earned)}/{points(t.possible)} ({pct}%)
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      {first && (
        <section className={styles.divergence} aria-labelledby="divergence-heading" data-testid="first-divergence">
          <h2 id="divergence-heading">Where your picture first differed</h2>
          <p>
            <strong>{first.label}</strong> at <strong>{firstPlace}</strong>. {beforeDivergence(r.fields, firstField?.id)}
          </p>
          <p>
            <Link href={journeyHref(first)} scroll={false} className="button secondary">
              Open the journey at this hop
            </Link>
          </p>
        </section>
      )}

      <section aria-labelledby="fields-heading">
        <h2 id="fields-heading">Every field</h2>
        {flows.map(({ flow, fields }) => (
          <div key={flow.id} className={styles.flow}>
            <h3>{flow.title}</h3>
            <ol className={styles.fields}>
              {fields.map((f) => (
                <FieldResult key={f.id} data={data} field={f} />
              ))}
            </ol>
          </div>
        ))}
      </section>

      <section id="journey" className={styles.journey} aria-label="Packet journey" tabIndex={-1}>
        <JourneyPanel attemptId={data.attemptId} flow={focus.flow} at={focus.at} />
      </section>

      <section className={styles.again} aria-labelledby="again-heading">
        <h2 id="again-heading">Again, with other numbers</h2>
        <p>The same network with fresh addresses and ports: the reasoning stays, the answers change.</p>
        <form action={startPracticeAction}>
          <input type="hidden" name="scenarioId" value={data.scenarioId} />
          <input type="hidden" name="difficulty" value={data.difficulty} />
          <button type="submit" className="button" data-testid="another-variant">
            Try another variant
          </button>
        </form>
      </section>
    </article>
  );
}
