/**
 * The oracle check for assessments: an attempt's expected values (from its questions' answer keys,
 * read as only the server can), minus what its student is shown anyway (the story, context cells,
 * the labels of blanks, the diagram), searched for in whatever a response or page carried.
 */
import type { Difficulty } from "@/lib/scenario/schema";
import type { KeyBlank } from "@/lib/grader/types";
import { answerKeyFor, diagramFor } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { frozenScenario } from "@/lib/server/assessments/content";
import { contextOf, leaks, sheetLabels, strings, type Context } from "../../../helpers/leaks";

export interface AttemptSecrets {
  readonly blanks: readonly KeyBlank[];
  readonly context: Context;
}

/** Every expected value of the attempt's questions, and what the student is given or typed themselves. */
export async function attemptSecrets(attemptId: string): Promise<AttemptSecrets> {
  const questions = await getDb().attemptQuestion.findMany({ where: { attemptId } });
  const typed = strings((await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).answers);
  const blanks: KeyBlank[] = [];
  const contexts: Context[] = [];
  for (const q of questions) {
    const frozen = await frozenScenario(q.scenarioId, q.contentHash);
    const key = answerKeyFor(frozen.scenario, frozen.contentHash, q.seed, q.difficulty as Difficulty, { salt: q.optionSalt });
    blanks.push(...key.blanks);
    const c = contextOf({ sheet: key.sheet }, diagramFor(frozen.scenario, q.seed));
    contexts.push({ ...c, cells: [...c.cells, ...sheetLabels(key.sheet)] });
  }
  return {
    blanks,
    context: { story: contexts.map((c) => c.story).join("\n"), cells: [...contexts.flatMap((c) => c.cells), ...typed], diagram: contexts.flatMap((c) => c.diagram) },
  };
}

/** The expected values found in `payload` that the student is not shown anyway. */
export function scanForLeaks(payload: unknown, secrets: AttemptSecrets): string[] {
  return leaks(payload, secrets.blanks, secrets.context);
}
