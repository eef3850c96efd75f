/**
 * Stage clocks, computed from the state and a `now` the caller passes in: a stage's budget is its
 * minutes plus any extensions, and time spent paused does not count. The deadline is only
 * defined while the clock runs (a paused stage has none), so timeouts derive deterministically.
 */
import type { SessionState, StageState } from "./types";

const MINUTE = 60_000;

export interface StageTimer {
  readonly budgetMs: number;
  readonly elapsedMs: number;
  readonly remainingMs: number;
  /** How far past its budget the stage ran (0 when within). */
  readonly overMs: number;
  readonly running: boolean;
  readonly paused: boolean;
  /** When the running clock reaches zero; null when the stage is not running or is paused. */
  readonly deadline: number | null;
}

export function budgetMs(stage: StageState): number {
  return stage.def.minutes * MINUTE + stage.extraMs;
}

/** Time the stage has used at `now` (frozen at its end, excluding pauses). */
export function elapsedMs(state: SessionState, stage: StageState, now: number): number {
  if (stage.startedAt === null) return 0;
  const end = stage.endedAt ?? now;
  const openPause = stage.status === "running" && state.pausedSince !== null ? Math.max(0, end - state.pausedSince) : 0;
  return Math.max(0, end - stage.startedAt - stage.pausedMs - openPause);
}

/** The clock of one stage at `now`. */
export function stageTimer(state: SessionState, stage: StageState, now: number): StageTimer {
  const budget = budgetMs(stage);
  const elapsed = elapsedMs(state, stage, now);
  const running = stage.status === "running";
  const paused = running && state.pausedSince !== null;
  const remaining = Math.max(0, budget - elapsed);
  return {
    budgetMs: budget, elapsedMs: elapsed, remainingMs: remaining, overMs: Math.max(0, elapsed - budget), running, paused,
    deadline: running && !paused ? now + (budget - elapsed) : null,
  };
}

/** The running stage's deadline, independent of `now` (null when nothing runs or the clock is paused). */
export function deadlineOf(state: SessionState, stage: StageState): number | null {
  if (stage.status !== "running" || stage.startedAt === null || state.pausedSince !== null) return null;
  return stage.startedAt + stage.pausedMs + budgetMs(stage);
}

/** The stage whose clock is running or paused, if any. */
export function runningStage(state: SessionState): StageState | null {
  return state.stages.find((s) => s.status === "running") ?? null;
}
