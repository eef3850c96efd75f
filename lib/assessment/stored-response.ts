/**
 * A question's response for the statistics from what the database keeps (the grader's compact
 * StoredResult), without re-simulating: blank ids are `<flow>/<event>/<field>`, so the hop and the
 * field can be read off the id.
 */
import type { StoredResult } from "../grader/stored";
import type { QuestionResponse } from "./statistics";

/** The hop (flow and event, e.g. "web/h2") and the field ("ip.src") a blank id names. */
export function blankLocation(id: string): { readonly at: string; readonly field: string } {
  const last = id.lastIndexOf("/");
  if (last <= 0) return { at: "", field: id };
  return { at: id.slice(0, last), field: id.slice(last + 1) };
}

/** The statistics' view of one graded question. */
export function responseFromStored(questionId: string, stored: Pick<StoredResult, "score" | "maxScore" | "fields">, seconds: number | null): QuestionResponse {
  return {
    questionId,
    earned: stored.score,
    possible: stored.maxScore,
    seconds,
    fields: stored.fields.map((f) => ({ ...blankLocation(f.id), status: f.status, misconception: f.misconception, given: f.given })),
  };
}
