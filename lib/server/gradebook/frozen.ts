/**
 * The scenario a drawn question was taken on: its frozen content by hash, so a staff view shows
 * the question exactly as the student saw it even after the catalogue changed.
 */
import "server-only";
import type { ScenarioFile } from "@/lib/scenario/schema";
import { getScenario } from "../catalogue";

/** The scenario file of content hash `contentHash`, or null when it is not kept. */
export async function scenarioForQuestion(q: { readonly scenarioId: string; readonly contentHash: string }): Promise<{ scenario: ScenarioFile; contentHash: string } | null> {
  // TODO(merge): read ScenarioContent through the storage core's frozenScenario(hash).
  const current = getScenario(q.scenarioId);
  return current && current.contentHash === q.contentHash ? current : null;
}
