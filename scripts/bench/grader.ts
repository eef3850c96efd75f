/**
 * Grader throughput on a complete google.com answer sheet (advanced: every blank), answered with
 * three classic mistakes so the misconception search runs (TTL not decremented, MAC not rewritten,
 * reply not reverse-translated), plus one free value chosen differently.
 *
 * Two figures, because they cost very different amounts:
 * - warm: the variant's answer key and its misconception worlds are already built (as when a class
 *   sits the same variant of an assessment, or an attempt is regraded). This is the grading itself.
 * - cold: every grade is for a new variant, so each builds its key (one simulation) and simulates
 *   each misconception world it needs (one simulation per world).
 */
import { performance } from "node:perf_hooks";
import { loadScenarioFile } from "../../lib/content/scenario-files";
import { buildAnswerKey, gradeAnswers, modelAnswers } from "../../lib/grader";
import type { AnswerKey } from "../../lib/grader/types";

const SCENARIO = "content/scenarios/browser-to-google.yaml";
const MEASURE_MS = 2500;

function mistaken(key: AnswerKey): Record<string, unknown> {
  const answers: Record<string, unknown> = { ...modelAnswers(key) };
  const router = key.blanks.find((b) => b.id === "first-visit/tcp.syn@home-router/ip.ttl")!;
  answers[router.id] = String(Number(router.expected) + 1);
  answers["first-visit/tcp.syn@home-router/eth.src"] = "AA:BB:CC:DD:EE:FF";
  const back = key.blanks.find((b) => b.id === "first-visit/tcp.syn-ack@home-router/dst")!;
  const nat = key.blanks.find((b) => b.id === "first-visit/tcp.syn@home-router/src")!;
  answers[back.id] = nat.expected;
  return answers;
}

function measure(run: (i: number) => void): { perSecond: number; count: number } {
  for (let i = 0; i < 20; i++) run(i);
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < MEASURE_MS) run(count++);
  return { perSecond: Math.round(count / ((performance.now() - start) / 1000)), count };
}

export async function benchGrader(): Promise<Record<string, number>> {
  const loaded = loadScenarioFile(SCENARIO);
  if (!loaded.ok) throw new Error(`${SCENARIO} does not load`);
  const scenario = loaded.scenario;
  const ctx = { scenario, contentHash: loaded.contentHash };
  const key = buildAnswerKey(scenario, 0, "advanced");
  const answers = mistaken(key);
  const check = gradeAnswers(key, answers, ctx);
  const named = check.fields.filter((f) => f.misconception !== null).length;
  if (named < 3) throw new Error(`the benchmark's mistakes should name 3 misconceptions, named ${named}`);
  const warm = measure(() => gradeAnswers(key, answers, ctx));
  // New seeds every time: far more than the memo holds, so nothing is reused between grades.
  const cold = measure((i) => {
    const k = buildAnswerKey(scenario, 1_000 + i, "advanced");
    gradeAnswers(k, mistaken(k), ctx);
  });
  return {
    "grader.grades_per_second": warm.perSecond,
    "grader.cold_grades_per_second": cold.perSecond,
    "grader.blanks_per_sheet": key.blanks.length,
    "grader.misconceptions_named": named,
  };
}
