/**
 * Projections of a session: what the candidate may see and what the interviewer's console shows.
 * The candidate view is built by picking fields, never by deleting them, so a field added to the
 * state later cannot leak by default: it holds the prompt, the stage, the timer, the candidate's
 * own answers and the hints revealed to them, and nothing of the key, the rubric or the notes.
 */
import type { FieldGrade } from "../grader/types";
import type { SheetFlow } from "../grader/types";
import type { Trace } from "../engine/trace-types";
import { evidenceOptions, type EvidenceEntry } from "./evidence";
import { gradeStage, overallPercent, type GradingSource } from "./grading";
import { DIMENSIONS, scoreRubric, type RubricScore } from "./rubric";
import { runningStage, stageTimer, type StageTimer } from "./timer";
import type { Answers, Mode, Note, PlanFollowUp, PlanHint, PlanPoint, SessionState, StageState, StageStatus } from "./types";

export interface CandidateStage {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly prompt: string;
  readonly status: StageStatus;
  readonly sheet: readonly SheetFlow[];
  readonly answers: Answers;
  readonly hints: readonly string[];
  readonly hintsLeft: number;
  /** What the next hint would cost, so the candidate can decide; null when none is left. */
  readonly nextHintCost: number | null;
  readonly timer: StageTimer;
  /** As-you-go grading, once the stage is over: per-field verdicts (never the expected values). */
  readonly verdicts: { readonly score: number; readonly maxScore: number; readonly fields: readonly { readonly id: string; readonly status: string }[] } | null;
}

export interface CandidateView {
  readonly title: string;
  readonly story: string;
  readonly mode: Mode;
  readonly status: SessionState["status"];
  readonly paused: boolean;
  readonly progress: { readonly stage: number; readonly of: number };
  /** The running stage, or the last one that ran. */
  readonly current: CandidateStage | null;
  readonly done: readonly CandidateStage[];
}

function candidateStage(state: SessionState, s: StageState, number: number, now: number): CandidateStage {
  const hints = s.def.hints.slice(0, s.hintsRevealed).map((h) => h.text);
  const next = s.def.hints[s.hintsRevealed];
  return {
    id: s.def.id, number, title: s.def.title, prompt: s.def.prompt, status: s.status, sheet: s.def.sheet, answers: s.answers,
    hints, hintsLeft: s.def.hints.length - s.hintsRevealed, nextHintCost: next ? next.cost : null, timer: stageTimer(state, s, now),
    verdicts: state.grading === "as-you-go" && s.verdicts ? { score: s.verdicts.score, maxScore: s.verdicts.maxScore, fields: s.verdicts.fields.map((f) => ({ id: f.id, status: f.status })) } : null,
  };
}

/** What the candidate's browser receives: safe to stream as it is. */
export function candidateView(state: SessionState, now: number): CandidateView {
  const started = state.stages.map((s, i) => ({ s, i })).filter(({ s }) => s.startedAt !== null);
  const current = runningStage(state) ?? started.at(-1)?.s ?? null;
  const currentIndex = current ? state.stages.indexOf(current) : -1;
  return {
    title: state.plan?.title ?? "", story: state.plan?.story ?? "", mode: state.mode, status: state.status, paused: state.pausedSince !== null,
    progress: { stage: currentIndex + 1, of: state.stages.length },
    current: current ? candidateStage(state, current, currentIndex + 1, now) : null,
    done: started.filter(({ s }) => s !== current).map(({ s, i }) => candidateStage(state, s, i + 1, now)),
  };
}

export interface InterviewerField extends FieldGrade {
  /** A question to probe the misconception the answer matches, if any. */
  readonly probe: string | null;
}

export interface InterviewerStage {
  readonly id: string;
  readonly title: string;
  readonly prompt: string;
  readonly origin: string;
  readonly status: StageStatus;
  readonly timer: StageTimer;
  readonly answers: Answers;
  readonly hints: readonly (PlanHint & { readonly revealed: boolean })[];
  readonly points: readonly PlanPoint[];
  readonly fields: readonly InterviewerField[];
  readonly score: { readonly score: number; readonly maxScore: number } | null;
}

export interface InterviewerView {
  readonly scenarioId: string;
  readonly title: string;
  readonly seed: number;
  readonly difficulty: string;
  readonly mode: Mode;
  readonly status: SessionState["status"];
  readonly candidateJoined: boolean;
  readonly paused: boolean;
  readonly trace: Trace;
  readonly stages: readonly InterviewerStage[];
  readonly notes: readonly Note[];
  /** What a rubric mark may cite: the notes and the candidate's answer saves, by log entry. */
  readonly evidence: readonly EvidenceEntry[];
  readonly followUps: readonly (PlanFollowUp & { readonly asked: boolean })[];
  readonly rubric: RubricScore;
  readonly dimensions: typeof DIMENSIONS;
}

/** A probing question for a wrong answer that matches a misconception. */
export function probeFor(f: FieldGrade): string | null {
  if (!f.misconception) return null;
  return `You wrote ${f.given ?? "nothing"} for ${f.label.toLowerCase()} at ${f.at}. Walk me through what the device there does to the packet: does "${f.misconception.name}" hold?`;
}

/** The interviewer's console: the true trace, live verdicts on the answers so far, hints, notes, rubric. */
export function interviewerView(state: SessionState, source: GradingSource, now: number): InterviewerView {
  const results = state.stages.map((s) => (s.startedAt !== null ? gradeStage(source, s) : null));
  const stages = state.stages.map((s, i): InterviewerStage => {
    const r = results[i] ?? null;
    return {
      id: s.def.id, title: s.def.title, prompt: s.def.prompt, origin: s.def.origin, status: s.status, timer: stageTimer(state, s, now), answers: s.answers,
      hints: s.def.hints.map((h, k) => ({ ...h, revealed: k < s.hintsRevealed })), points: s.def.points,
      fields: (r?.fields ?? []).map((f) => ({ ...f, probe: probeFor(f) })), score: r ? { score: r.score, maxScore: r.maxScore } : null,
    };
  });
  const plan = state.plan;
  return {
    scenarioId: plan?.scenarioId ?? "", title: plan?.title ?? "", seed: plan?.seed ?? 0, difficulty: plan?.difficulty ?? "", mode: state.mode, status: state.status,
    candidateJoined: state.joinedAt !== null, paused: state.pausedSince !== null, trace: source.key.trace, stages, notes: state.notes, evidence: evidenceOptions(state),
    followUps: (plan?.followUps ?? []).map((f) => ({ ...f, asked: state.followUpsAsked.includes(f.id) })),
    rubric: scoreRubric(state, overallPercent(results)), dimensions: DIMENSIONS,
  };
}
