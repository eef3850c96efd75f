/**
 * The interview session as an event-sourced state machine, in the manner of xstate's pure
 * `transition()`: given a state and an event (with its time), return the next state and the
 * effects the server should run (schedule a timeout, notify, grade), or refuse the event with a
 * named reason. Nothing here runs an effect, reads a clock or stores anything; the server appends
 * accepted events to its log, and `replay(log)` rebuilds the same state anywhere.
 */
import { deadlineOf, runningStage } from "./timer";
import { INTERVIEWER_DIMENSIONS } from "./rubric";
import { resolveEvidenceRefs } from "./evidence";
import type { Actor, AnswerValue, Effect, Refusal, RefusalReason, SessionEvent, SessionState, StageState, TransitionResult } from "./types";

const MINUTE = 60_000;
const MAX_ANSWER_TEXT = 300;
const MAX_NOTE = 4_000;

/** The state before the `created` event. */
export const EMPTY_SESSION: SessionState = {
  status: "new", mode: "solo", grading: "at-end", plan: null, createdAt: null, joinedAt: null, stages: [], pausedSince: null,
  notes: [], answerSaves: [], rubric: {}, scorecardAt: null, followUpsAsked: [], lastAt: 0, seq: 0, endedAt: null,
};

type Step = { ok: true; state: SessionState; effects: Effect[] } | { ok: false; refusal: Refusal };

const refuse = (reason: RefusalReason, message: string): Step => ({ ok: false, refusal: { reason, message } });
const accept = (state: SessionState, effects: Effect[] = []): Step => ({ ok: true, state, effects });

/** Who may send what: the controller runs the session (the interviewer live, the learner solo). */
function actorProblem(state: SessionState, e: SessionEvent): Step | null {
  const live = state.mode === "live";
  const controller: Actor = live ? "interviewer" : "candidate";
  switch (e.type) {
    case "created": return null;
    case "candidate-joined": case "answers-saved": case "stage-submitted":
      return e.actor === "candidate" ? null : refuse("NOT_CANDIDATE", `${e.type} is the candidate's action; the ${e.actor} sent it`);
    case "stage-timed-out": case "stage-graded":
      return e.actor === "system" ? null : refuse("NOT_SYSTEM", `${e.type} comes from the server's clock or grader, not the ${e.actor}`);
    case "note-added": case "rubric-scored": case "scorecard-submitted":
      if (!live) return refuse("NO_INTERVIEWER_IN_SOLO", `${e.type} needs an interviewer; this is a solo session`);
      return e.actor === "interviewer" ? null : refuse("NOT_INTERVIEWER", `${e.type} is the interviewer's action; the ${e.actor} sent it`);
    default:
      return e.actor === controller || e.actor === "system" ? null : refuse("NOT_CONTROLLER", `${e.type} is for the ${controller} in a ${state.mode} session; the ${e.actor} sent it`);
  }
}

function replaceStage(state: SessionState, index: number, next: Partial<StageState>): SessionState {
  return { ...state, stages: state.stages.map((s, i) => (i === index ? { ...s, ...next } : s)) };
}

function stageIndex(state: SessionState, id: string): number {
  return state.stages.findIndex((s) => s.def.id === id);
}

function validAnswer(v: unknown): v is AnswerValue {
  const text = (x: unknown) => typeof x === "string" && x.length <= MAX_ANSWER_TEXT;
  if (text(v)) return true;
  if (Array.isArray(v)) return v.length <= 50 && v.every(text);
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    const o = v as Record<string, unknown>;
    return keys.length === 3 && text(o.inside) && text(o.translated) && text(o.outside);
  }
  return false;
}

/** Ends the running stage at `at` with `status`, closing an open pause; grades it now or at the end. */
function endStage(state: SessionState, index: number, status: "submitted" | "timed-out" | "stopped", at: number, effects: Effect[]): SessionState {
  const s = state.stages[index]!;
  const pausedMs = s.pausedMs + (state.pausedSince !== null ? at - state.pausedSince : 0);
  effects.push({ type: "cancel-timeout", stageId: s.def.id });
  if (state.grading === "as-you-go" && s.def.blanks.length > 0) effects.push({ type: "grade", stageId: s.def.id, whatIf: s.def.whatIf });
  return { ...replaceStage(state, index, { status, endedAt: at, pausedMs }), pausedSince: null };
}

function created(state: SessionState, e: Extract<SessionEvent, { type: "created" }>): Step {
  if (state.status !== "new") return refuse("ALREADY_CREATED", "the session already exists");
  if (e.plan.stages.length === 0) return refuse("UNKNOWN_STAGE", "a session needs at least one stage");
  const stages: StageState[] = e.plan.stages.map((def) => ({
    def, status: "pending", startedAt: null, endedAt: null, extraMs: 0, pausedMs: 0, answers: {}, hintsRevealed: 0, verdicts: null,
  }));
  return accept({
    ...EMPTY_SESSION, status: "open", mode: e.mode, grading: e.grading, plan: e.plan, createdAt: e.at, lastAt: e.at, stages,
    joinedAt: e.mode === "solo" ? e.at : null,
  }, [{ type: "notify", to: "both", what: "created" }]);
}

function startStage(state: SessionState, e: Extract<SessionEvent, { type: "stage-started" }>): Step {
  const i = stageIndex(state, e.stageId);
  if (i < 0) return refuse("UNKNOWN_STAGE", `no stage "${e.stageId}"`);
  if (runningStage(state)) return refuse("STAGE_STILL_RUNNING", `stage "${runningStage(state)!.def.id}" is still running; submit it or let it time out first`);
  const next = state.stages.findIndex((s) => s.status === "pending");
  if (i !== next) return refuse("STAGE_OUT_OF_ORDER", next < 0 ? "every stage has been run" : `the next stage is "${state.stages[next]!.def.id}", not "${e.stageId}"`);
  const s = replaceStage(state, i, { status: "running", startedAt: e.at });
  return accept(s, [{ type: "schedule-timeout", stageId: e.stageId, at: deadlineOf(s, s.stages[i]!)! }, { type: "notify", to: "both", what: e.type }]);
}

/** The running stage named by an event, or the reason it cannot be acted on. */
function running(state: SessionState, stageId: string, at: number): { index: number } | Step {
  const i = stageIndex(state, stageId);
  if (i < 0) return refuse("UNKNOWN_STAGE", `no stage "${stageId}"`);
  const s = state.stages[i]!;
  if (s.status === "pending") return refuse("STAGE_NOT_RUNNING", `stage "${stageId}" has not started`);
  if (s.status !== "running") return refuse("STAGE_ENDED", `stage "${stageId}" has ended (${s.status})`);
  const deadline = deadlineOf(state, s);
  if (deadline !== null && at >= deadline) return refuse("STAGE_TIME_UP", `stage "${stageId}" ran out of time ${Math.round((at - deadline) / 1000)} s ago`);
  return { index: i };
}

function apply(state: SessionState, e: SessionEvent): Step {
  switch (e.type) {
    case "created": return created(state, e);
    case "candidate-joined":
      if (state.mode !== "live") return refuse("NOT_LIVE", "a solo session has no one to join");
      if (state.joinedAt !== null) return refuse("ALREADY_JOINED", "the candidate has already joined (reconnecting needs no event)");
      return accept({ ...state, joinedAt: e.at }, [{ type: "notify", to: "interviewer", what: e.type }]);
    case "stage-started": return startStage(state, e);
    case "answers-saved": {
      const r = running(state, e.stageId, e.at);
      if ("ok" in r) return r;
      if (state.pausedSince !== null) return refuse("PAUSED", "the session is paused");
      const s = state.stages[r.index]!;
      const unknown = Object.keys(e.answers).filter((k) => !s.def.blanks.includes(k));
      if (unknown.length > 0) return refuse("UNKNOWN_BLANK", `stage "${s.def.id}" does not ask ${unknown.slice(0, 3).map((k) => `"${k.slice(0, 80)}"`).join(", ")}`);
      const bad = Object.entries(e.answers).find(([, v]) => !validAnswer(v));
      if (bad) return refuse("ANSWER_INVALID", `the answer to "${bad[0]}" is not text, a list of texts or a NAT entry (or is too long)`);
      const save = { seq: state.seq + 1, at: e.at, stageId: s.def.id, answers: e.answers };
      return accept({ ...replaceStage(state, r.index, { answers: { ...s.answers, ...e.answers } }), answerSaves: [...state.answerSaves, save] }, [{ type: "notify", to: "interviewer", what: e.type }]);
    }
    case "stage-submitted": {
      const r = running(state, e.stageId, e.at);
      if ("ok" in r) return r;
      if (state.pausedSince !== null) return refuse("PAUSED", "the session is paused");
      const effects: Effect[] = [];
      const next = endStage(state, r.index, "submitted", e.at, effects);
      return accept(next, [...effects, { type: "notify", to: "both", what: e.type }]);
    }
    case "stage-timed-out": {
      const i = stageIndex(state, e.stageId);
      if (i < 0) return refuse("UNKNOWN_STAGE", `no stage "${e.stageId}"`);
      if (state.stages[i]!.status !== "running") return refuse("STAGE_NOT_RUNNING", `stage "${e.stageId}" is not running`);
      const deadline = deadlineOf(state, state.stages[i]!);
      if (deadline === null || e.at < deadline) return refuse("NOT_YET_DUE", deadline === null ? "the clock is paused" : `the stage has ${deadline - e.at} ms left`);
      const effects: Effect[] = [];
      const next = endStage(state, i, "timed-out", e.at, effects);
      return accept(next, [...effects, { type: "notify", to: "both", what: e.type }]);
    }
    case "paused": {
      if (!runningStage(state)) return refuse("STAGE_NOT_RUNNING", "there is no running stage to pause");
      if (state.pausedSince !== null) return refuse("PAUSED", "the session is already paused");
      const s = runningStage(state)!;
      const deadline = deadlineOf(state, s)!;
      if (e.at >= deadline) return refuse("STAGE_TIME_UP", `stage "${s.def.id}" has already run out of time`);
      return accept({ ...state, pausedSince: e.at }, [{ type: "cancel-timeout", stageId: s.def.id }, { type: "notify", to: "both", what: e.type }]);
    }
    case "resumed": {
      if (state.pausedSince === null) return refuse("NOT_PAUSED", "the session is not paused");
      const s = runningStage(state)!;
      const i = stageIndex(state, s.def.id);
      const next = { ...replaceStage(state, i, { pausedMs: s.pausedMs + (e.at - state.pausedSince) }), pausedSince: null };
      return accept(next, [{ type: "schedule-timeout", stageId: s.def.id, at: deadlineOf(next, next.stages[i]!)! }, { type: "notify", to: "both", what: e.type }]);
    }
    case "extended": {
      if (!Number.isInteger(e.minutes) || e.minutes < 1 || e.minutes > 60) return refuse("BAD_MINUTES", "extend by a whole number of minutes from 1 to 60");
      const r = running(state, e.stageId, e.at);
      if ("ok" in r) return r;
      const s = state.stages[r.index]!;
      const next = replaceStage(state, r.index, { extraMs: s.extraMs + e.minutes * MINUTE });
      const deadline = deadlineOf(next, next.stages[r.index]!);
      const effects: Effect[] = deadline === null ? [] : [{ type: "schedule-timeout", stageId: s.def.id, at: deadline }];
      return accept(next, [...effects, { type: "notify", to: "both", what: e.type }]);
    }
    case "hint-revealed": {
      const r = running(state, e.stageId, e.at);
      if ("ok" in r) return r;
      const s = state.stages[r.index]!;
      if (e.index >= s.def.hints.length || e.index < 0) return refuse("NO_SUCH_HINT", `stage "${s.def.id}" has ${s.def.hints.length} hint(s)`);
      if (e.index !== s.hintsRevealed) return refuse("HINT_OUT_OF_ORDER", `hints are revealed in ladder order: the next one is hint ${s.hintsRevealed + 1}, not ${e.index + 1}`);
      return accept(replaceStage(state, r.index, { hintsRevealed: s.hintsRevealed + 1 }), [{ type: "notify", to: "both", what: e.type }]);
    }
    case "follow-up-asked": {
      const f = state.plan!.followUps.find((x) => x.id === e.followUpId);
      if (!f) return refuse("UNKNOWN_FOLLOW_UP", `no follow-up "${e.followUpId}"`);
      if (state.followUpsAsked.includes(f.id)) return refuse("FOLLOW_UP_ALREADY_ASKED", `follow-up "${f.id}" was already asked`);
      if (f.whatIf !== null && e.stage.blanks.length === 0) return refuse("FOLLOW_UP_CHANGES_NOTHING", `the what-if of "${f.id}" changes no graded field`);
      if (stageIndex(state, e.stage.id) >= 0) return refuse("UNKNOWN_STAGE", `a stage "${e.stage.id}" already exists`);
      // The follow-up becomes the next stage to run, right after the last one started.
      let at = 0;
      state.stages.forEach((s, i) => { if (s.status !== "pending") at = i + 1; });
      const stage: StageState = { def: e.stage, status: "pending", startedAt: null, endedAt: null, extraMs: 0, pausedMs: 0, answers: {}, hintsRevealed: 0, verdicts: null };
      const stages = [...state.stages.slice(0, at), stage, ...state.stages.slice(at)];
      return accept({ ...state, stages, followUpsAsked: [...state.followUpsAsked, f.id] }, [{ type: "notify", to: "both", what: e.type }]);
    }
    case "note-added": {
      const text = e.text.trim();
      if (text.length === 0 || text.length > MAX_NOTE) return refuse("EMPTY_NOTE", `a note is 1 to ${MAX_NOTE} characters`);
      const current = runningStage(state) ?? [...state.stages].reverse().find((s) => s.status !== "pending") ?? null;
      const note = { id: `n${state.notes.length + 1}`, seq: state.seq + 1, at: e.at, stageId: current?.def.id ?? null, text };
      return accept({ ...state, notes: [...state.notes, note] });
    }
    case "rubric-scored": {
      if (state.scorecardAt !== null) return refuse("SCORECARD_LOCKED", "the scorecard was submitted; the rubric can no longer change");
      if (e.dimension === "trace-accuracy") return refuse("DIMENSION_COMPUTED", "trace accuracy is computed by the grader, not scored by hand");
      if (!INTERVIEWER_DIMENSIONS.some((d) => d.id === e.dimension)) return refuse("UNKNOWN_DIMENSION", `no rubric dimension "${e.dimension}"`);
      if (!Number.isInteger(e.level) || e.level < 1 || e.level > 4) return refuse("LEVEL_OUT_OF_RANGE", "levels are 1 to 4");
      if (!Array.isArray(e.evidence)) return refuse("UNKNOWN_EVIDENCE", "evidence is a list of log entries");
      const refs = resolveEvidenceRefs(state, e.evidence);
      if (!refs.ok) {
        const noteIds = refs.missing.filter((m) => /^n\d+$/.test(m));
        return noteIds.length === refs.missing.length
          ? refuse("UNKNOWN_NOTE", `no note ${noteIds.join(", ")}`)
          : refuse("UNKNOWN_EVIDENCE", `log entr${refs.missing.length === 1 ? "y" : "ies"} ${refs.missing.slice(0, 5).join(", ")} ${refs.missing.length === 1 ? "is" : "are"} not a note or an answer of the candidate`);
      }
      return accept({ ...state, rubric: { ...state.rubric, [e.dimension]: { level: e.level, evidence: refs.seqs, at: e.at } } });
    }
    case "scorecard-submitted": {
      if (state.scorecardAt !== null) return refuse("SCORECARD_LOCKED", "the scorecard was already submitted");
      const missing = INTERVIEWER_DIMENSIONS.filter((d) => !state.rubric[d.id]).map((d) => d.id);
      if (missing.length > 0) return refuse("RUBRIC_INCOMPLETE", `score ${missing.join(", ")} first`);
      return accept({ ...state, scorecardAt: e.at }, [{ type: "notify", to: "both", what: e.type }]);
    }
    case "stage-graded": {
      const i = stageIndex(state, e.stageId);
      if (i < 0) return refuse("UNKNOWN_STAGE", `no stage "${e.stageId}"`);
      if (["pending", "running"].includes(state.stages[i]!.status)) return refuse("STAGE_NOT_ENDED", `stage "${e.stageId}" is not over yet`);
      return accept(replaceStage(state, i, { verdicts: { score: e.score, maxScore: e.maxScore, fields: e.fields } }), [{ type: "notify", to: "both", what: e.type }]);
    }
    case "ended": {
      const effects: Effect[] = [];
      let next = state;
      const r = runningStage(state);
      if (r) next = endStage(next, stageIndex(next, r.def.id), "stopped", e.at, effects);
      next = { ...next, status: "ended", endedAt: e.at, stages: next.stages.map((s) => (s.status === "pending" ? { ...s, status: "skipped" } : s)) };
      if (state.grading === "at-end") for (const s of next.stages) if (s.startedAt !== null && s.def.blanks.length > 0) effects.push({ type: "grade", stageId: s.def.id, whatIf: s.def.whatIf });
      return accept(next, [...effects, { type: "notify", to: "both", what: e.type }]);
    }
  }
}

/** Events still allowed once the session has ended: the interviewer's write-up and late verdicts. */
const AFTER_END = new Set<SessionEvent["type"]>(["note-added", "rubric-scored", "scorecard-submitted", "stage-graded"]);

/** The next state and effects for one event, or its refusal (the state is then unchanged). */
export function transition(state: SessionState, event: SessionEvent): TransitionResult {
  const step = check(state, event) ?? apply(state, event);
  if (!step.ok) return { ok: false, state, refusal: step.refusal };
  return { ok: true, state: { ...step.state, lastAt: event.at, seq: state.seq + 1 }, effects: step.effects };
}

const EVENT_TYPES = new Set<string>(["created", "candidate-joined", "stage-started", "answers-saved", "stage-submitted", "stage-timed-out", "paused", "resumed",
  "extended", "hint-revealed", "follow-up-asked", "note-added", "rubric-scored", "scorecard-submitted", "stage-graded", "ended"] satisfies SessionEvent["type"][]);
const ACTORS = new Set<string>(["interviewer", "candidate", "system"] satisfies Actor[]);

function check(state: SessionState, e: SessionEvent): Step | null {
  // A log read back from storage is input like any other: an unknown shape is refused, not crashed on.
  if (e === null || typeof e !== "object" || !EVENT_TYPES.has(e.type) || !ACTORS.has(e.actor)) return refuse("UNKNOWN_EVENT", "not a session event (unknown type or actor)");
  if (typeof e.at !== "number" || !Number.isFinite(e.at)) return refuse("UNKNOWN_EVENT", "an event needs a time in milliseconds");
  if (state.status === "new" && e.type !== "created") return refuse("NOT_CREATED", "the session has not been created");
  if (state.status !== "new" && e.at < state.lastAt) return refuse("TIME_WENT_BACKWARDS", `the event is dated before the previous one (${e.at} < ${state.lastAt})`);
  if (state.status === "ended" && !AFTER_END.has(e.type)) return refuse("SESSION_ENDED", `the session has ended; ${e.type} is no longer possible`);
  if (state.status === "new") return null;
  const actor = actorProblem(state, e);
  if (actor) return actor;
  const candidateActs = e.type === "answers-saved" || e.type === "stage-submitted";
  if (candidateActs && state.joinedAt === null) return refuse("CANDIDATE_NOT_JOINED", "the candidate has not joined yet");
  return null;
}

export type ReplayResult = { readonly ok: true; readonly state: SessionState } | { readonly ok: false; readonly index: number; readonly refusal: Refusal; readonly state: SessionState };

/** Rebuilds the state from a log; a refused event (a corrupt log) stops the replay and says which. */
export function replay(events: readonly SessionEvent[]): ReplayResult {
  let state = EMPTY_SESSION;
  for (const [index, e] of events.entries()) {
    const r = transition(state, e);
    if (!r.ok) return { ok: false, index, refusal: r.refusal, state };
    state = r.state;
  }
  return { ok: true, state };
}

/** The events the clock makes due by `now`: a running stage whose time ran out times out at its deadline, not at `now`. */
export function tick(state: SessionState, now: number): SessionEvent[] {
  const s = runningStage(state);
  if (!s || state.status !== "open") return [];
  const deadline = deadlineOf(state, s);
  return deadline !== null && deadline <= now ? [{ type: "stage-timed-out", at: Math.max(deadline, state.lastAt), actor: "system", stageId: s.def.id }] : [];
}

/** Every state the session went through, one per accepted event: what a replay page steps through. */
export function replaySteps(events: readonly SessionEvent[]): { readonly event: SessionEvent; readonly state: SessionState }[] {
  const out: { event: SessionEvent; state: SessionState }[] = [];
  let state = EMPTY_SESSION;
  for (const e of events) {
    const r = transition(state, e);
    if (!r.ok) break;
    state = r.state;
    out.push({ event: e, state });
  }
  return out;
}
