"use client";

/**
 * A stage's answer sheet, with the practice page's blank inputs (text, choice, order, NAT entry).
 * Answers save to the session as the candidate commits each field (Enter, leaving it, a pick), so
 * the interviewer sees them arrive; a reload restores them from the server's log.
 */
import { useRef, useState } from "react";
import type { PublicBlank, SheetFlow } from "@/lib/grader/types";
import { type AnswerValue, type Answers, answersFrom, type NatEntryValue } from "@/components/practice/answer-types";
import { ChoiceBlank } from "@/components/practice/choice-blank";
import { NatEntryBlank } from "@/components/practice/nat-entry-blank";
import { OrderBlank } from "@/components/practice/order-blank";
import { TextBlank } from "@/components/practice/text-blank";
import formStyles from "@/components/practice/answer-form.module.css";

interface Props {
  readonly stageId: string;
  readonly sheet: readonly SheetFlow[];
  readonly saved: Readonly<Record<string, unknown>>;
  readonly disabled: boolean;
  /** Saves some answers; resolves to an error message or null. */
  readonly save: (answers: Record<string, unknown>) => Promise<string | null>;
}

/** The command's shape: a NAT entry needs all three parts (empty when not typed yet). */
function wire(v: AnswerValue): unknown {
  if (typeof v === "string" || Array.isArray(v)) return v;
  const n = v as NatEntryValue;
  return { inside: n.inside ?? "", translated: n.translated ?? "", outside: n.outside ?? "" };
}

export function InterviewSheet({ stageId, sheet, saved, disabled, save }: Props) {
  const [answers, setAnswers] = useState<Answers>(() => answersFrom(saved));
  const [status, setStatus] = useState<string>("");
  const dirty = useRef(new Set<string>());
  // The answers as of the latest change, for a save that runs before React re-renders.
  const current = useRef(answers);

  async function flush() {
    if (dirty.current.size === 0) return;
    const ids = [...dirty.current];
    dirty.current.clear();
    const body = Object.fromEntries(ids.map((id) => [id, wire(current.current[id]!)]));
    setStatus("Saving…");
    const problem = await save(body);
    if (problem) ids.forEach((id) => dirty.current.add(id));
    setStatus(problem ?? "Saved");
  }
  function set(id: string, v: AnswerValue, commit = false) {
    setAnswers((a) => ({ ...a, [id]: v }));
    current.current = { ...current.current, [id]: v };
    dirty.current.add(id);
    if (commit) void flush();
  }

  let n = 0;
  function blankInput(b: PublicBlank, where: string) {
    const domId = `${stageId}-b${n++}`;
    const value = answers[b.id];
    const common = { domId, blank: b, disabled };
    if (b.kind === "nat-entry") return <NatEntryBlank key={b.id} {...common} where={where} value={value as NatEntryValue | undefined} onChange={(v) => set(b.id, v)} onCommit={() => void flush()} />;
    if (b.kind === "order") return <OrderBlank key={b.id} {...common} value={Array.isArray(value) ? value : undefined} onChange={(v) => set(b.id, v, true)} />;
    if ((b.kind === "choice" || b.kind === "protocol") && b.options?.length) {
      return <ChoiceBlank key={b.id} {...common} where={where} value={typeof value === "string" ? value : ""} onChange={(v) => set(b.id, v, true)} />;
    }
    return <TextBlank key={b.id} {...common} where={where} value={typeof value === "string" ? value : ""} onChange={(v) => set(b.id, v)} onCommit={() => void flush()} />;
  }

  return (
    <form className={formStyles.form} aria-label="Your answers" noValidate onSubmit={(e) => { e.preventDefault(); void flush(); }} onBlur={() => void flush()} data-testid="interview-sheet">
      {sheet.map((flow) => (
        <section key={flow.id} className={formStyles.flow} aria-label={flow.title}>
          <h3 className={formStyles.flowTitle}>{flow.title}</h3>
          {flow.rows.map((row) => (
            <div key={row.id} className={formStyles.question} data-row={row.id}>
              <h4 className={formStyles.questionPrompt}>{row.title}</h4>
              {row.context.length > 0 && (
                <dl className={formStyles.context}>
                  {row.context.map((c) => (
                    <div key={c.field} className={formStyles.contextItem}><dt>{c.label}</dt><dd><output className={formStyles.contextValue}>{c.value}</output></dd></div>
                  ))}
                </dl>
              )}
              <div className={formStyles.predict}>{row.blanks.map((b) => blankInput(b, row.title))}</div>
            </div>
          ))}
          {flow.questions.map((q) => (
            <section key={q.id} className={formStyles.question} aria-label={q.prompt} data-question={q.id}>
              <h4 className={formStyles.questionPrompt}>{q.prompt}</h4>
              {q.blanks.map((b) => blankInput(b, q.prompt))}
            </section>
          ))}
        </section>
      ))}
      <p role="status" className={formStyles.muted} data-testid="sheet-status">{status}</p>
    </form>
  );
}
