/**
 * The answer keys of a session, which never leave the server: the variant's key (keyed with the
 * session's option salt) and, for each what-if follow-up, the re-simulated key and the changed
 * scenario. Follow-up diffs are cached like answer keys: they depend only on the variant.
 */
import "server-only";
import { followUpDiff, type FollowUpDiff } from "@/lib/interview/follow-up";
import type { GradingSource, KeyAndContext } from "@/lib/interview/grading";
import type { SessionState } from "@/lib/interview/types";
import { whatIfId } from "@/lib/interview/what-if";
import type { AnswerKey } from "@/lib/grader/types";
import type { Difficulty, ScenarioFile } from "@/lib/scenario/schema";
import type { WhatIf } from "@/lib/scenario/schema-what-if";
import { answerKeyFor, getScenario } from "../catalogue";
import type { SessionRow } from "./store";

export interface SessionKeys {
  readonly scenario: ScenarioFile;
  readonly contentHash: string;
  readonly key: AnswerKey;
}

/**
 * The scenario and key of a session's variant; null when the scenario left the catalogue. Option
 * ids are keyed by the variant (its secret seed), as followUpDiff keys the re-simulated trace:
 * keyed by the session's salt instead, every ordering would differ from its follow-up's by its ids
 * alone and show as "changed" by any what-if. (The salt column is kept for when followUpDiff takes
 * a keying.)
 */
export function keysOf(row: Pick<SessionRow, "scenarioId" | "seed" | "difficulty">): SessionKeys | null {
  const found = getScenario(row.scenarioId);
  if (!found) return null;
  return { ...found, key: answerKeyFor(found.scenario, found.contentHash, row.seed, row.difficulty as Difficulty) };
}

const DIFF_CACHE_SIZE = 128;
const diffs = new Map<string, FollowUpDiff>();

/** A what-if's diff against the session's variant (cached). */
export function diffOf(keys: SessionKeys, row: Pick<SessionRow, "seed" | "difficulty" | "optionSalt">, whatIf: WhatIf): FollowUpDiff {
  const id = `${keys.scenario.id}|${keys.contentHash}|${row.seed}|${row.difficulty}|${row.optionSalt}|${whatIfId(whatIf)}`;
  const hit = diffs.get(id);
  if (hit) return hit;
  const diff = followUpDiff(keys.scenario, row.seed, row.difficulty as Difficulty, whatIf, keys.key);
  if (diffs.size >= DIFF_CACHE_SIZE) diffs.delete(diffs.keys().next().value!);
  diffs.set(id, diff);
  return diff;
}

/** What gradeStage, interviewerView and reportOf need: the variant's key and one per what-if follow-up asked. */
export function gradingSourceOf(keys: SessionKeys, row: Pick<SessionRow, "seed" | "difficulty" | "optionSalt">, state: SessionState): GradingSource {
  const followUps: Record<string, KeyAndContext> = {};
  for (const s of state.stages) {
    if (!s.def.followUpId || !s.def.whatIf) continue;
    const d = diffOf(keys, row, s.def.whatIf);
    if (d.ok) followUps[s.def.followUpId] = { key: d.key, context: { scenario: d.scenario, contentHash: keys.contentHash } };
  }
  return { key: keys.key, context: { scenario: keys.scenario, contentHash: keys.contentHash }, followUps };
}
