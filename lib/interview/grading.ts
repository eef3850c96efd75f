/**
 * Grading a stage with the existing grader: the stage's answers against the answer key cut down to
 * the blanks it asks, the original key for planned stages and the what-if's changed key for a
 * follow-up. The server hands in the keys (it caches them); nothing here simulates.
 */
import { gradeAnswers, type GradeContext } from "../grader/grade";
import type { AnswerKey, GradeResult } from "../grader/types";
import type { StageState } from "./types";

export interface KeyAndContext {
  readonly key: AnswerKey;
  readonly context: GradeContext;
}

export interface GradingSource extends KeyAndContext {
  /** Keys of the follow-ups asked so far, by follow-up id (see followUpDiff: its key and changed scenario). */
  readonly followUps?: Readonly<Record<string, KeyAndContext>>;
}

/** The grader's result for one stage, or null when the stage asks no blank (or its follow-up key is missing). */
export function gradeStage(source: GradingSource, stage: StageState): GradeResult | null {
  if (stage.def.blanks.length === 0) return null;
  const k = stage.def.followUpId !== null ? source.followUps?.[stage.def.followUpId] : source;
  if (!k) return null;
  const wanted = new Set(stage.def.blanks);
  const key: AnswerKey = { ...k.key, blanks: k.key.blanks.filter((b) => wanted.has(b.id)) };
  return gradeAnswers(key, stage.answers, k.context);
}

/** Sums stage results into one percentage (what the trace-accuracy dimension starts from); null when nothing was graded. */
export function overallPercent(results: readonly (GradeResult | null)[]): number | null {
  const graded = results.filter((r): r is GradeResult => r !== null && r.maxScore > 0);
  if (graded.length === 0) return null;
  const score = graded.reduce((a, r) => a + r.score, 0);
  const max = graded.reduce((a, r) => a + r.maxScore, 0);
  return Math.round((score / max) * 1000) / 10;
}
