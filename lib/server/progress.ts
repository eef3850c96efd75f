/**
 * A learner's progress in one value: their practice attempts (newest first), mastery per concept,
 * what to practise next (the weakest concepts and scenarios that teach them), and drill totals.
 * The progress page and GET /api/v1/me/progress both serve it.
 */
import "server-only";
import { CONCEPTS, type Difficulty } from "@/lib/scenario/schema";
import { type AttemptRecord, listAttemptsForOwner } from "./attempts";
import { labelOf } from "./practice/secrets";
import { listScenarios, type ScenarioSummary } from "./catalogue";
import { getDb } from "./db";
import { type ConceptMastery, getMasteryForUser } from "./mastery";
import { type Owner, ownedBy } from "./owner";

export interface ProgressAttempt {
  readonly id: string;
  readonly scenarioId: string;
  /** The scenario's title, or its id when the scenario is no longer in the catalogue. */
  readonly scenarioTitle: string;
  /** The attempt's opaque label (the seed stays on the server). */
  readonly label: string;
  readonly difficulty: string;
  readonly mode: string;
  readonly status: string;
  readonly score: number | null;
  readonly maxScore: number | null;
  /** Whole percent of the possible score, once graded. */
  readonly percent: number | null;
  readonly createdAt: string;
  readonly submittedAt: string | null;
  readonly href: string;
}

export interface ConceptProgress {
  readonly concept: string;
  readonly earned: number;
  readonly possible: number;
  readonly ratio: number;
  readonly attempts: number;
}

export interface PractiseNext {
  readonly concept: string;
  /** null for a concept not practised yet. */
  readonly ratio: number | null;
  readonly scenarios: readonly { readonly id: string; readonly title: string; readonly difficulty: Difficulty }[];
}

export interface DrillKindStats {
  readonly kind: string;
  readonly drills: number;
  /** Blanks answered right, out of `total` blanks. */
  readonly correct: number;
  readonly total: number;
}

export interface DrillStats {
  readonly drills: number;
  readonly correct: number;
  readonly total: number;
  readonly byKind: readonly DrillKindStats[];
}

export interface Progress {
  readonly attempts: readonly ProgressAttempt[];
  readonly mastery: readonly ConceptProgress[];
  readonly practiseNext: readonly PractiseNext[];
  readonly drills: DrillStats;
}

const DIFFICULTY_ORDER: Readonly<Record<string, number>> = { beginner: 0, intermediate: 1, advanced: 2 };
/** A concept at or above this share of its points is not suggested again. */
const MASTERED = 0.85;
const SUGGESTIONS = 3;
const SCENARIOS_PER_SUGGESTION = 3;

/** An attempt as the progress page lists it. */
export function toProgressAttempt(a: AttemptRecord, titles: ReadonlyMap<string, string>): ProgressAttempt {
  const graded = a.score !== null && a.maxScore !== null;
  return {
    id: a.id,
    scenarioId: a.scenarioId,
    scenarioTitle: titles.get(a.scenarioId) ?? a.scenarioId,
    label: labelOf(a),
    difficulty: a.difficulty,
    mode: a.mode,
    status: a.status,
    score: a.score,
    maxScore: a.maxScore,
    percent: graded && a.maxScore! > 0 ? Math.round((a.score! / a.maxScore!) * 100) : null,
    createdAt: a.createdAt.toISOString(),
    submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
    href: `/practice/${a.id}`,
  };
}

/**
 * What to practise next: the weakest practised concepts below the mastery line, then concepts
 * the catalogue teaches that were never practised (fundamentals first); each with up to three
 * scenarios teaching it, easiest first.
 */
export function suggestPractice(mastery: readonly ConceptProgress[], scenarios: readonly ScenarioSummary[]): PractiseNext[] {
  const teaching = (concept: string) =>
    scenarios
      .filter((s) => (s.concepts as readonly string[]).includes(concept))
      .sort((a, b) => (DIFFICULTY_ORDER[a.difficulty] ?? 9) - (DIFFICULTY_ORDER[b.difficulty] ?? 9) || a.title.localeCompare(b.title))
      .slice(0, SCENARIOS_PER_SUGGESTION)
      .map((s) => ({ id: s.id, title: s.title, difficulty: s.difficulty }));
  const weak = [...mastery]
    .filter((m) => m.possible > 0 && m.ratio < MASTERED)
    .sort((a, b) => a.ratio - b.ratio || a.concept.localeCompare(b.concept))
    .map((m) => ({ concept: m.concept, ratio: m.ratio }));
  const practised = new Set(mastery.map((m) => m.concept));
  // Untouched concepts in teaching order (layer 2 and routing before TLS and Kubernetes).
  const taught = new Set(scenarios.flatMap((s) => s.concepts as readonly string[]));
  const untouched = (CONCEPTS as readonly string[])
    .filter((c) => taught.has(c) && !practised.has(c))
    .map((concept) => ({ concept, ratio: null }));
  return [...weak, ...untouched]
    .map((s) => ({ ...s, scenarios: teaching(s.concept) }))
    .filter((s) => s.scenarios.length > 0)
    .slice(0, SUGGESTIONS);
}

/** Drill totals from per-kind sums, kinds in a stable order. */
export function summariseDrills(rows: readonly DrillKindStats[]): DrillStats {
  const byKind = [...rows].sort((a, b) => a.kind.localeCompare(b.kind));
  return {
    drills: byKind.reduce((n, r) => n + r.drills, 0),
    correct: byKind.reduce((n, r) => n + r.correct, 0),
    total: byKind.reduce((n, r) => n + r.total, 0),
    byKind,
  };
}

function toConceptProgress(m: ConceptMastery): ConceptProgress {
  return { concept: m.concept, earned: m.earned, possible: m.possible, ratio: m.ratio, attempts: m.attempts };
}

async function drillStatsFor(owner: Owner): Promise<DrillStats> {
  const groups = await getDb().drillAttempt.groupBy({
    by: ["kind"],
    where: ownedBy(owner),
    _count: { _all: true },
    _sum: { correct: true, total: true },
  });
  return summariseDrills(groups.map((g) => ({ kind: g.kind, drills: g._count._all, correct: g._sum.correct ?? 0, total: g._sum.total ?? 0 })));
}

/** Everything the progress page shows for an owner (guests have attempts and drills, no mastery). */
export async function getProgress(owner: Owner): Promise<Progress> {
  const scenarios = listScenarios();
  const titles = new Map(scenarios.map((s) => [s.id, s.title]));
  const [attempts, mastery, drills] = await Promise.all([
    listAttemptsForOwner(owner, { limit: 100 }),
    "userId" in owner ? getMasteryForUser(owner.userId) : Promise.resolve([]),
    drillStatsFor(owner),
  ]);
  const concepts = mastery.map(toConceptProgress);
  return {
    attempts: attempts.map((a) => toProgressAttempt(a, titles)),
    mastery: concepts,
    practiseNext: "userId" in owner ? suggestPractice(concepts, scenarios) : [],
    drills,
  };
}
