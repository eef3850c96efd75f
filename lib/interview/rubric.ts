/**
 * The interview rubric: dimensions with anchored levels 1-4 and weights, as system-design
 * scorecards do. Trace accuracy is not judged by anyone: it is the grader's score for the
 * candidate's answers, minus what the revealed hints cost. The other dimensions are the
 * interviewer's, each backed by log entries (private notes, the candidate's answers) cited as evidence.
 */
import { evidenceOf, reportEvidence, type EvidenceEntry } from "./evidence";
import type { SessionState } from "./types";

export interface Dimension {
  readonly id: string;
  readonly title: string;
  readonly weight: number;
  readonly source: "grader" | "interviewer";
  /** What each level looks like, from 1 (not shown) to 4 (strong). */
  readonly anchors: readonly [string, string, string, string];
}

export const TRACE_ACCURACY: Dimension = {
  id: "trace-accuracy", title: "Trace accuracy", weight: 40, source: "grader",
  anchors: [
    "Under 40% of the predicted fields match the simulator.",
    "40-69%: the main path is right, translations or return traffic are not.",
    "70-89%: most hops right, a slip in one mechanism.",
    "90% or more: predicts the hops as the simulator does.",
  ],
};

export const INTERVIEWER_DIMENSIONS: readonly Dimension[] = [
  {
    id: "reasoning", title: "Reasoning from first principles", weight: 25, source: "interviewer",
    anchors: [
      "Recalls answers without a mechanism, or names the wrong one.",
      "Names the right mechanism when prompted, cannot say why it applies.",
      "Explains each hop by the table or rule that decides it, with small gaps.",
      "Derives every change from routes, NAT and state tables, and predicts what-ifs unprompted.",
    ],
  },
  {
    id: "troubleshooting", title: "Troubleshooting method", weight: 20, source: "interviewer",
    anchors: [
      "Guesses at causes without narrowing down.",
      "Checks some layers, in no particular order.",
      "Works hop by hop and layer by layer, names what to look at (route table, SG, NAT table).",
      "Forms hypotheses, names the command or log that would confirm each, and rules causes out in order.",
    ],
  },
  {
    id: "communication", title: "Communication", weight: 15, source: "interviewer",
    anchors: [
      "Hard to follow; no structure.",
      "Understandable but jumps around; needs many prompts.",
      "Clear and structured; checks assumptions.",
      "Clear, concise, draws the path, states assumptions and trade-offs before being asked.",
    ],
  },
];

export const DIMENSIONS: readonly Dimension[] = [TRACE_ACCURACY, ...INTERVIEWER_DIMENSIONS];

/** Percentage points a hint costs by its rung on the ladder: later hints give more away. */
export function hintCost(index: number): number {
  return index === 0 ? 5 : index === 1 ? 10 : 15;
}

/** The anchored level of a trace-accuracy percentage. */
export function traceLevel(percent: number): number {
  return percent >= 90 ? 4 : percent >= 70 ? 3 : percent >= 40 ? 2 : 1;
}

export interface DimensionScore {
  readonly id: string;
  readonly title: string;
  readonly weight: number;
  /** 1-4, or null when not scored (solo sessions have no interviewer). */
  readonly level: number | null;
  /** 0-1: the trace fraction after hint costs, or level / 4. */
  readonly fraction: number | null;
  readonly anchor: string | null;
  /** The log entries cited for the level (see evidence.ts for who sees them when). */
  readonly evidence: readonly EvidenceEntry[];
}

export interface RubricScore {
  readonly dimensions: readonly DimensionScore[];
  /** Weighted total over the scored dimensions, 0-100. */
  readonly total: number;
  readonly hintCost: number;
  /** The grader's percentage before hint costs, and after. */
  readonly tracePercent: number;
  readonly traceAfterHints: number;
  readonly locked: boolean;
}

/** Every revealed hint's cost in the session. */
export function hintCostOf(state: SessionState): number {
  return state.stages.reduce((sum, s) => sum + s.def.hints.slice(0, s.hintsRevealed).reduce((a, h) => a + h.cost, 0), 0);
}

/**
 * Scores the rubric from the grader's percentage (over all graded stages) and the interviewer's
 * marks. The interviewer sees their marks and the evidence they attached as they go; the report
 * (`evidence: "submitted"`) carries the interviewer's marks, and their evidence, only once the
 * scorecard is submitted: a level the interviewer may still change is not the candidate's yet.
 */
export function scoreRubric(state: SessionState, tracePercent: number | null, evidence: "attached" | "submitted" = "attached"): RubricScore {
  const cost = hintCostOf(state);
  const after = tracePercent === null ? 0 : Math.max(0, round(tracePercent - cost));
  const dims: DimensionScore[] = [];
  const traceScored = tracePercent !== null;
  const tl = traceScored ? traceLevel(after) : null;
  dims.push({ id: TRACE_ACCURACY.id, title: TRACE_ACCURACY.title, weight: TRACE_ACCURACY.weight, level: tl, fraction: traceScored ? after / 100 : null, anchor: tl ? TRACE_ACCURACY.anchors[tl - 1]! : null, evidence: [] });
  const marksShown = evidence === "attached" || state.scorecardAt !== null;
  for (const d of INTERVIEWER_DIMENSIONS) {
    const mark = marksShown ? state.rubric[d.id] : undefined;
    dims.push({
      id: d.id, title: d.title, weight: d.weight, level: mark?.level ?? null, fraction: mark ? mark.level / 4 : null,
      anchor: mark ? d.anchors[mark.level - 1]! : null, evidence: !mark ? [] : evidence === "attached" ? evidenceOf(state, mark.evidence) : reportEvidence(state, d.id),
    });
  }
  const scored = dims.filter((d) => d.fraction !== null);
  const weights = scored.reduce((a, d) => a + d.weight, 0);
  const total = weights === 0 ? 0 : round((scored.reduce((a, d) => a + d.weight * d.fraction!, 0) / weights) * 100);
  return { dimensions: dims, total, hintCost: cost, tracePercent: tracePercent ?? 0, traceAfterHints: after, locked: state.scorecardAt !== null };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
