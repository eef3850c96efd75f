/**
 * The scenario a drawn question was taken on (its frozen content by hash), or null when that content
 * is no longer kept: a staff page then shows the stored verdicts instead of failing.
 */
import "server-only";
import { frozenScenario, MissingContentError, type FrozenScenario } from "../assessments/content";

export async function scenarioForQuestion(q: { readonly scenarioId: string; readonly contentHash: string }): Promise<FrozenScenario | null> {
  try {
    return await frozenScenario(q.scenarioId, q.contentHash);
  } catch (error) {
    if (error instanceof MissingContentError) return null;
    throw error;
  }
}
