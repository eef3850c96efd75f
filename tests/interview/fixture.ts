/**
 * A small hand-made plan and event builders for the state-machine tests (no simulation): two
 * planned stages and two follow-ups, with known hint texts and rubric points so projections can
 * be searched for them.
 */
import type { Actor, GradingMode, Mode, Plan, PlanStage, SessionEvent, SessionState } from "@/lib/interview/types";
import { EMPTY_SESSION, replay } from "@/lib/interview/machine";

export const T0 = Date.UTC(2026, 11, 1, 20, 0, 0);
export const MIN = 60_000;

function stage(id: string, minutes: number, blanks: string[], hints: string[]): PlanStage {
  return {
    id, title: `Stage ${id}`, prompt: `Prompt of ${id}`, minutes, origin: "scripted", blanks, sheet: [], concepts: ["nat"],
    hints: hints.map((text, i) => ({ text, cost: 5 * (i + 1) })), points: [{ point: `SECRET-POINT-${id}`, weight: 1 }], whatIf: null, followUpId: null,
  };
}

export const PLAN: Plan = {
  scenarioId: "test", title: "Test interview", story: "A story", seed: 0, difficulty: "beginner",
  stages: [stage("one", 5, ["f/a", "f/b"], ["SECRET-HINT-1", "SECRET-HINT-2", "SECRET-HINT-3"]), stage("two", 3, ["f/c"], ["SECRET-HINT-4"])],
  followUps: [
    { id: "what-if", question: "What if?", modelAnswer: "SECRET-MODEL", whatIf: { kind: "remove-nat" } },
    { id: "verbal", question: "Why?", modelAnswer: "SECRET-MODEL-2", whatIf: null },
  ],
};

export const followUpStage = (blanks: string[], id = "follow-up-what-if"): PlanStage => ({ ...stage(id, 4, blanks, []), origin: "follow-up", followUpId: "what-if", whatIf: { kind: "remove-nat" } });

type Payload<T extends SessionEvent["type"]> = Omit<Extract<SessionEvent, { type: T }>, "type" | "at" | "actor">;

/** ev("stage-started", 10, "interviewer", { stageId: "one" }): an event `minutes` after T0. */
export function ev<T extends SessionEvent["type"]>(type: T, minutes: number, actor: Actor, payload?: Payload<T>): SessionEvent {
  return { type, at: T0 + minutes * MIN, actor, ...(payload ?? {}) } as SessionEvent;
}

export function created(mode: Mode = "live", grading: GradingMode = "as-you-go", plan: Plan = PLAN): SessionEvent {
  return { type: "created", at: T0, actor: mode === "live" ? "interviewer" : "candidate", mode, grading, plan };
}

/** A live session, the candidate joined, stage one started at minute 1. */
export function liveStarted(grading: GradingMode = "as-you-go"): SessionEvent[] {
  return [created("live", grading), ev("candidate-joined", 0.5, "candidate"), ev("stage-started", 1, "interviewer", { stageId: "one" })];
}

export function stateOf(events: readonly SessionEvent[]): SessionState {
  const r = replay(events);
  if (!r.ok) throw new Error(`event ${r.index} refused: ${r.refusal.reason} ${r.refusal.message}`);
  return r.state;
}

export { EMPTY_SESSION };
