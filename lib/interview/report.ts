/**
 * The report after an interview: score per stage and per rubric dimension with its evidence, time
 * per stage against its budget, hints and what they cost, each answer next to the simulator's
 * value, the misconceptions the grader recognised, and practice scenarios for the weak concepts.
 * Plain data for a printable page; the catalogue's concept index comes in as an argument.
 */
import type { Concept } from "../scenario/schema";
import type { FieldStatus, GradeResult, Misconception } from "../grader/types";
import { gradeStage, overallPercent, type GradingSource } from "./grading";
import { scoreRubric, type RubricScore } from "./rubric";
import { elapsedMs, budgetMs } from "./timer";
import type { SessionState, StageStatus } from "./types";

/** A scenario in the catalogue and the concepts it practises (the catalogue's summaries fit). */
export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  readonly concepts: readonly Concept[];
}

/** Below this share of a concept's points, the concept counts as weak. */
export const WEAK_BELOW = 0.7;
const SUGGESTIONS_PER_CONCEPT = 3;

export interface ReportAnswer {
  readonly id: string;
  readonly label: string;
  readonly at: string;
  readonly given: string | null;
  readonly expected: string;
  readonly status: FieldStatus;
  readonly feedback: string;
}

export interface ReportStage {
  readonly id: string;
  readonly title: string;
  /** What the stage asked (a follow-up's question). */
  readonly prompt: string;
  readonly origin: string;
  readonly status: StageStatus;
  readonly usedMs: number;
  readonly budgetMs: number;
  readonly overMs: number;
  readonly hints: readonly { readonly text: string; readonly cost: number }[];
  readonly score: number | null;
  readonly maxScore: number | null;
  readonly answers: readonly ReportAnswer[];
  /** What the interviewer listened for (model answers of follow-ups included). */
  readonly points: readonly string[];
}

export interface ReportMisconception extends Misconception {
  readonly fields: readonly string[];
}

export interface InterviewReport {
  readonly scenarioId: string;
  readonly title: string;
  readonly seed: number;
  readonly difficulty: string;
  readonly mode: string;
  /** When the session was created (ms): evidence is dated from it. */
  readonly startedAt: number;
  readonly stages: readonly ReportStage[];
  readonly rubric: RubricScore;
  readonly hintsUsed: number;
  readonly misconceptions: readonly ReportMisconception[];
  readonly concepts: readonly { readonly concept: Concept; readonly earned: number; readonly possible: number; readonly weak: boolean }[];
  readonly practice: readonly { readonly concept: Concept; readonly scenarios: readonly { readonly id: string; readonly title: string }[] }[];
  /** True once the session has ended and, live, the scorecard is submitted. */
  readonly final: boolean;
}

function conceptTotals(results: readonly (GradeResult | null)[]): Map<Concept, { earned: number; possible: number }> {
  const out = new Map<Concept, { earned: number; possible: number }>();
  for (const r of results) for (const [c, v] of Object.entries(r?.byConcept ?? {}) as [Concept, { earned: number; possible: number }][]) {
    const t = out.get(c) ?? { earned: 0, possible: 0 };
    out.set(c, { earned: t.earned + v.earned, possible: t.possible + v.possible });
  }
  return out;
}

/** The candidate's report for a session (call it at any time; `final` says whether it can still change). */
export function reportOf(state: SessionState, source: GradingSource, catalogue: readonly CatalogueEntry[], now: number): InterviewReport {
  const ran = state.stages.filter((s) => s.startedAt !== null);
  const results = ran.map((s) => gradeStage(source, s));
  const stages = ran.map((s, i): ReportStage => {
    const r = results[i] ?? null;
    const used = elapsedMs(state, s, now);
    return {
      id: s.def.id, title: s.def.title, prompt: s.def.prompt, origin: s.def.origin, status: s.status, usedMs: used, budgetMs: budgetMs(s), overMs: Math.max(0, used - budgetMs(s)),
      hints: s.def.hints.slice(0, s.hintsRevealed).map((h) => ({ text: h.text, cost: h.cost })),
      score: r?.score ?? null, maxScore: r?.maxScore ?? null,
      answers: (r?.fields ?? []).map((f) => ({ id: f.id, label: f.label, at: f.at, given: f.given, expected: f.expected, status: f.status, feedback: f.feedback })),
      points: s.def.points.map((p) => p.point),
    };
  });
  const misconceptions = new Map<string, ReportMisconception>();
  for (const r of results) for (const f of r?.fields ?? []) {
    if (!f.misconception) continue;
    const m = misconceptions.get(f.misconception.rule);
    misconceptions.set(f.misconception.rule, { ...f.misconception, fields: [...(m?.fields ?? []), f.label] });
  }
  const concepts = [...conceptTotals(results)].map(([concept, t]) => ({ concept, earned: t.earned, possible: t.possible, weak: t.possible > 0 && t.earned / t.possible < WEAK_BELOW }))
    .sort((a, b) => a.earned / a.possible - b.earned / b.possible || a.concept.localeCompare(b.concept));
  const scenarioId = state.plan?.scenarioId ?? "";
  const practice = concepts.filter((c) => c.weak).map((c) => ({
    concept: c.concept,
    scenarios: catalogue.filter((e) => e.id !== scenarioId && e.concepts.includes(c.concept)).slice(0, SUGGESTIONS_PER_CONCEPT).map((e) => ({ id: e.id, title: e.title })),
  }));
  return {
    scenarioId, title: state.plan?.title ?? "", seed: state.plan?.seed ?? 0, difficulty: state.plan?.difficulty ?? "", mode: state.mode, startedAt: state.createdAt ?? 0, stages,
    rubric: scoreRubric(state, overallPercent(results), "submitted"), hintsUsed: ran.reduce((a, s) => a + s.hintsRevealed, 0),
    misconceptions: [...misconceptions.values()], concepts, practice,
    final: state.status === "ended" && (state.mode === "solo" || state.scorecardAt !== null),
  };
}
