/**
 * The interview session's data: the plan (what will be asked, fixed when the session is created),
 * the events that make up its log, the state they fold into, the effects a transition asks the
 * server to run, and the named reasons an event is refused. All plain readonly data: the log is
 * what gets stored, the state is what a projection reads, and both serialise to JSON as they are.
 */
import type { Concept, Difficulty } from "../scenario/schema";
import type { SheetFlow } from "../grader/types";
import type { WhatIf } from "../scenario/schema-what-if";

export type Mode = "solo" | "live";
export type GradingMode = "as-you-go" | "at-end";
export type Actor = "interviewer" | "candidate" | "system";

/** One rung of a stage's hint ladder: its text (never shown before it is revealed) and its price. */
export interface PlanHint {
  readonly text: string;
  /** Percentage points taken off the trace-accuracy dimension when revealed. */
  readonly cost: number;
}

/** A point the interviewer listens for in a stage (the scenario's rubric line). */
export interface PlanPoint {
  readonly point: string;
  readonly weight: number;
}

export interface PlanStage {
  readonly id: string;
  readonly title: string;
  readonly prompt: string;
  readonly minutes: number;
  /** scripted: from the scenario's interview part; default: made up for blanks no stage asks; follow-up: a what-if. */
  readonly origin: "scripted" | "default" | "follow-up";
  /** The answer-sheet blanks this stage asks (ids of the grader's key). */
  readonly blanks: readonly string[];
  /** The public sheet cut down to those blanks: rows with their context, never an expected value. */
  readonly sheet: readonly SheetFlow[];
  readonly concepts: readonly Concept[];
  readonly hints: readonly PlanHint[];
  readonly points: readonly PlanPoint[];
  /** For a follow-up stage: the what-if whose changed trace grades it. */
  readonly whatIf: WhatIf | null;
  readonly followUpId: string | null;
}

export interface PlanFollowUp {
  readonly id: string;
  readonly question: string;
  /** The scenario's model answer (interviewer only), null for generic what-ifs. */
  readonly modelAnswer: string | null;
  readonly whatIf: WhatIf | null;
}

/** Everything the session needs from the scenario, frozen into the `created` event so replay needs nothing else. */
export interface Plan {
  readonly scenarioId: string;
  readonly title: string;
  readonly story: string;
  readonly seed: number;
  readonly difficulty: Difficulty;
  readonly stages: readonly PlanStage[];
  readonly followUps: readonly PlanFollowUp[];
}

/** A rubric mark's evidence: a log entry's sequence number (1 = created), or a note id ("n2") in older logs. */
export type EvidenceRef = number | string;

export type AnswerValue = string | readonly string[] | { readonly inside: string; readonly translated: string; readonly outside: string };
export type Answers = Readonly<Record<string, AnswerValue>>;

interface Base {
  /** Milliseconds since the epoch, given by the caller (the core never reads a clock). */
  readonly at: number;
  readonly actor: Actor;
}

export type SessionEvent =
  | (Base & { readonly type: "created"; readonly mode: Mode; readonly grading: GradingMode; readonly plan: Plan })
  | (Base & { readonly type: "candidate-joined" })
  | (Base & { readonly type: "stage-started"; readonly stageId: string })
  | (Base & { readonly type: "answers-saved"; readonly stageId: string; readonly answers: Answers })
  | (Base & { readonly type: "stage-submitted"; readonly stageId: string })
  | (Base & { readonly type: "stage-timed-out"; readonly stageId: string })
  | (Base & { readonly type: "paused" })
  | (Base & { readonly type: "resumed" })
  | (Base & { readonly type: "extended"; readonly stageId: string; readonly minutes: number })
  | (Base & { readonly type: "hint-revealed"; readonly stageId: string; readonly index: number })
  /** `stage` is built by the server from the follow-up's diff (see follow-up.ts). */
  | (Base & { readonly type: "follow-up-asked"; readonly followUpId: string; readonly stage: PlanStage })
  | (Base & { readonly type: "note-added"; readonly text: string })
  /** `evidence` cites log entries (see evidence.ts): sequence numbers, or note ids as the first logs stored them. */
  | (Base & { readonly type: "rubric-scored"; readonly dimension: string; readonly level: number; readonly evidence: readonly EvidenceRef[] })
  | (Base & { readonly type: "scorecard-submitted" })
  /** The grader's verdicts for a stage (statuses only), appended by the server after a `grade` effect. */
  | (Base & { readonly type: "stage-graded"; readonly stageId: string; readonly score: number; readonly maxScore: number; readonly fields: readonly { readonly id: string; readonly status: string }[] })
  | (Base & { readonly type: "ended" });

export type EventType = SessionEvent["type"];

export type StageStatus = "pending" | "running" | "submitted" | "timed-out" | "stopped" | "skipped";

export interface StageState {
  readonly def: PlanStage;
  readonly status: StageStatus;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** Minutes added by `extended`, in milliseconds. */
  readonly extraMs: number;
  /** Time spent paused while this stage ran (closed pauses only). */
  readonly pausedMs: number;
  readonly answers: Answers;
  readonly hintsRevealed: number;
  readonly verdicts: { readonly score: number; readonly maxScore: number; readonly fields: readonly { readonly id: string; readonly status: string }[] } | null;
}

export interface Note {
  readonly id: string;
  /** The log entry of its `note-added` event. */
  readonly seq: number;
  readonly at: number;
  readonly stageId: string | null;
  readonly text: string;
}

/** A candidate's `answers-saved` event, kept so a rubric mark can cite it by its log entry. */
export interface AnswerSave {
  readonly seq: number;
  readonly at: number;
  readonly stageId: string;
  readonly answers: Answers;
}

export interface RubricMark {
  readonly level: number;
  /** Sequence numbers of the log entries cited (notes, answer saves), in log order. */
  readonly evidence: readonly number[];
  readonly at: number;
}

export interface SessionState {
  readonly status: "new" | "open" | "ended";
  readonly mode: Mode;
  readonly grading: GradingMode;
  readonly plan: Plan | null;
  readonly createdAt: number | null;
  readonly joinedAt: number | null;
  readonly stages: readonly StageState[];
  readonly pausedSince: number | null;
  readonly notes: readonly Note[];
  readonly answerSaves: readonly AnswerSave[];
  readonly rubric: Readonly<Record<string, RubricMark>>;
  readonly scorecardAt: number | null;
  readonly followUpsAsked: readonly string[];
  readonly lastAt: number;
  /** How many events were accepted: the log's sequence number of the latest one. */
  readonly seq: number;
  readonly endedAt: number | null;
}

export type Effect =
  | { readonly type: "schedule-timeout"; readonly stageId: string; readonly at: number }
  | { readonly type: "cancel-timeout"; readonly stageId: string }
  | { readonly type: "notify"; readonly to: "candidate" | "interviewer" | "both"; readonly what: EventType }
  /** Grade the stage's answers (against the what-if's trace for a follow-up) and append `stage-graded`. */
  | { readonly type: "grade"; readonly stageId: string; readonly whatIf: WhatIf | null };

export const REFUSALS = [
  "UNKNOWN_EVENT", "NOT_CREATED", "ALREADY_CREATED", "SESSION_ENDED", "TIME_WENT_BACKWARDS",
  "NOT_CANDIDATE", "NOT_CONTROLLER", "NOT_INTERVIEWER", "NOT_SYSTEM", "NO_INTERVIEWER_IN_SOLO", "NOT_LIVE",
  "CANDIDATE_NOT_JOINED", "ALREADY_JOINED",
  "UNKNOWN_STAGE", "STAGE_OUT_OF_ORDER", "STAGE_STILL_RUNNING", "STAGE_NOT_RUNNING", "STAGE_ENDED", "STAGE_TIME_UP", "NOT_YET_DUE",
  "UNKNOWN_BLANK", "ANSWER_INVALID", "PAUSED", "NOT_PAUSED", "BAD_MINUTES",
  "HINT_OUT_OF_ORDER", "NO_SUCH_HINT",
  "UNKNOWN_FOLLOW_UP", "FOLLOW_UP_ALREADY_ASKED", "FOLLOW_UP_CHANGES_NOTHING",
  "EMPTY_NOTE", "UNKNOWN_DIMENSION", "DIMENSION_COMPUTED", "LEVEL_OUT_OF_RANGE", "UNKNOWN_NOTE", "UNKNOWN_EVIDENCE", "SCORECARD_LOCKED", "RUBRIC_INCOMPLETE",
  "STAGE_NOT_ENDED",
] as const;
export type RefusalReason = (typeof REFUSALS)[number];

export interface Refusal {
  readonly reason: RefusalReason;
  readonly message: string;
}

export type TransitionResult =
  | { readonly ok: true; readonly state: SessionState; readonly effects: readonly Effect[] }
  | { readonly ok: false; readonly state: SessionState; readonly refusal: Refusal };
