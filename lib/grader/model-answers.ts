/**
 * The simulator's own answers for a key, in the shape a learner submits them. Used by the
 * grader's self-tests (these must score full marks) and to show a model answer after submission.
 */
import type { AnswerKey, KeyBlank } from "./types";

export type Answers = Record<string, string | string[] | { inside: string; translated: string; outside: string }>;

export function modelAnswer(blank: KeyBlank): Answers[string] {
  if (blank.kind === "order") return blank.parts.map((p) => p.expected);
  if (blank.optionValues) {
    // A choice is answered with the option's id, as the practice page sends it.
    const id = Object.keys(blank.optionValues).find((k) => blank.optionValues![k] === blank.expected);
    if (id !== undefined) return id;
  }
  if (blank.kind === "nat-entry") {
    const [inside, translated, outside] = blank.expected.split(" -> ") as [string, string, string];
    return { inside, translated, outside };
  }
  return blank.expected;
}

export function modelAnswers(key: AnswerKey): Answers {
  const out: Answers = {};
  for (const b of key.blanks) out[b.id] = modelAnswer(b);
  return out;
}
