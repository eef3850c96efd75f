/**
 * The data of the practice page, per state of the attempt. Before submission: the public sheet,
 * the saved answers, the story and the diagram (context: addresses and MACs are given facts), and
 * nothing else: no key, no trace. After submission: the grading, and the sheet for its row titles.
 */
import "server-only";
import type { Diagram } from "@/lib/diagram/layout";
import type { Difficulty } from "@/lib/scenario/schema";
import { getAttemptForOwner } from "./attempts";
import { isAttemptId } from "./api-schemas";
import { getScenario } from "./catalogue";
import { attemptView, choiceTextsOf, diagramForAttempt, type AttemptResult, type PublicSheet } from "./practice";
import type { Owner } from "./owner";

interface PageBase {
  readonly attemptId: string;
  readonly scenarioId: string;
  readonly title: string;
  readonly difficulty: Difficulty;
  /** The attempt's opaque label (never its seed). */
  readonly label: string;
  readonly sheet: PublicSheet;
}

export interface InProgressPage extends PageBase {
  readonly status: "in_progress";
  readonly diagram: Diagram;
  readonly answers: Record<string, unknown>;
}

export interface SubmittedPage extends PageBase {
  readonly status: "submitted";
  readonly result: AttemptResult;
  readonly submittedAt: string | null;
  /** Per choice blank, the words of each option by the value the grader compares (see choiceTextsOf). */
  readonly choiceTexts: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type PracticePageData = InProgressPage | SubmittedPage;

/** The practice page of an attempt for its owner; null (a 404) for anyone else or an unknown id. */
export async function loadPracticePage(attemptId: string, owner: Owner | null): Promise<PracticePageData | null> {
  if (!owner || !isAttemptId(attemptId)) return null;
  const attempt = await getAttemptForOwner(attemptId, owner);
  if (!attempt) return null;
  const view = attemptView(attempt);
  const title = getScenario(attempt.scenarioId)?.scenario.title;
  if (!view || !title) return null;
  const base = { attemptId: view.id, scenarioId: view.scenarioId, title, difficulty: view.difficulty, label: view.label, sheet: view.sheet };
  if (view.status === "submitted" && view.result) {
    return { ...base, status: "submitted", result: view.result, submittedAt: view.submittedAt, choiceTexts: choiceTextsOf(attempt) };
  }
  const diagram = diagramForAttempt(attempt);
  if (!diagram) return null;
  return { ...base, status: "in_progress", diagram, answers: view.answers };
}
