/** What each drill generator returns, and the helper that keeps its list of known mistakes honest. */
import { sameAnswer } from "./answers";
import type { AnswerValue, DrillBlank, DrillGiven, KnownMistake } from "./types";

/** A generated drill before the id, seed and kind are stamped on. */
export interface DrillParts {
  readonly given: DrillGiven;
  readonly prompt: string;
  readonly blanks: readonly DrillBlank[];
}

/**
 * Known mistakes without the expected answer itself and without repeats: at edge cases (a /31,
 * the first address of a block) a "typical mistake" can coincide with the right answer, and it
 * must never be graded as wrong.
 */
export function mistakes(expected: AnswerValue, candidates: ReadonlyArray<readonly [AnswerValue, string]>): KnownMistake[] {
  const out: KnownMistake[] = [];
  for (const [value, feedback] of candidates) {
    if (sameAnswer(value, expected) || out.some((m) => sameAnswer(m.answer, value))) continue;
    out.push({ answer: value, feedback });
  }
  return out;
}
