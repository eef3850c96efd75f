/**
 * What to ask before submitting: blanks left empty, and answers that cannot be read (a visible
 * format error scores nothing, so the learner should get the chance to fix it first).
 */
import type { SheetFlow } from "@/lib/grader/types";
import type { Answers } from "./answer-types";
import { formatProblem, isEmptyAnswer } from "./format-check";

/** The blanks of a sheet, in page order. */
function blanksOf(flows: readonly SheetFlow[]) {
  return flows.flatMap((f) => [...f.rows.flatMap((r) => r.blanks), ...f.questions.flatMap((q) => q.blanks)]);
}

/** The confirmation to show before submitting, or null when every blank is filled in and readable. */
export function submitWarning(flows: readonly SheetFlow[], answers: Answers): string | null {
  let empty = 0;
  let unreadable = 0;
  for (const b of blanksOf(flows)) {
    const value = answers[b.id];
    if (isEmptyAnswer(value)) empty++;
    else if (b.kind !== "nat-entry" && b.kind !== "order" && formatProblem(b.kind, value, b.options) !== null) unreadable++;
  }
  const parts = [
    unreadable > 0 ? `${unreadable} ${unreadable === 1 ? "answer cannot be read (marked ⚠) and will score nothing" : "answers cannot be read (marked ⚠) and will score nothing"}` : null,
    empty > 0 ? `${empty} ${empty === 1 ? "blank is" : "blanks are"} empty` : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : `${parts.join("; ")}; submit anyway?`;
}
