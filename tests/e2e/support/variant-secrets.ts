/**
 * For the no-leak and oracle specs: the values of an attempt that must not reach the browser
 * (its variant's own expected values: those every variant shares belong to the scenario), and
 * what the learner is shown anyway (story, context cells, diagram addresses and MACs).
 */
import { findScenario } from "../../../lib/content/scenario-files";
import { layoutDiagram } from "../../../lib/diagram/layout";
import { buildAnswerKey } from "../../../lib/grader";
import type { AnswerKey, KeyBlank } from "../../../lib/grader/types";
import { variantOf } from "../../../lib/simulate";
import { contextOf, strings, variantSecrets, type Context } from "../../helpers/leaks";
import { attemptKey, attemptRow } from "./attempt-secrets";

export interface AttemptSecrets {
  readonly key: AnswerKey;
  /** The blanks with only the values no other variant shares. */
  readonly variantOnly: readonly KeyBlank[];
  readonly context: Context;
}

export function attemptSecrets(attemptId: string): AttemptSecrets {
  const row = attemptRow(attemptId);
  const found = findScenario(row.scenarioId);
  if (!found.ok) throw new Error(`cannot load ${row.scenarioId}`);
  const key = attemptKey(attemptId);
  const shared = [0, 1].flatMap((seed) => strings(buildAnswerKey(found.scenario, seed, "advanced").blanks.map((b) => [b.expected, ...b.parts.map((p) => p.expected)])));
  const instance = variantOf(found.scenario, row.seed);
  const diagram = layoutDiagram(instance.input.network, instance.file.zones, instance.file.flows[0]?.from ?? null);
  const context = contextOf({ sheet: key.sheet }, diagram);
  return { key, variantOnly: variantSecrets(key.blanks, shared, context), context };
}
