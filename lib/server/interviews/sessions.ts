/**
 * Interview sessions for the web layer: start one (solo or live) on a fresh secret variant, join
 * a live one by its code, run a browser's command through the log, and project the state for
 * whoever asks (the candidate's view never carries a key, a hint not yet revealed, a rubric anchor
 * or a model answer: it is built by lib/interview's candidateView, nothing else).
 */
import "server-only";
import { candidateView, interviewerView, type CandidateView, type InterviewerView } from "@/lib/interview/views";
import { followUpStage } from "@/lib/interview/follow-up";
import { EMPTY_SESSION, transition } from "@/lib/interview/machine";
import { planOf } from "@/lib/interview/plan";
import { reportOf, type InterviewReport } from "@/lib/interview/report";
import { toEvent, type Command } from "@/lib/interview/commands";
import type { GradingMode, Mode, PlanStage, Refusal, SessionEvent, SessionState } from "@/lib/interview/types";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor, getScenario, listScenarios } from "../catalogue";
import { isUniqueViolation } from "../db";
import type { Owner } from "../owner";
import { commandAllowed, interviewRoleOf, joinAllowed, type InterviewRole } from "../auth/policies/interviews";
import { drawAttemptSecrets } from "../practice/secrets";
import { diffOf, gradingSourceOf, keysOf } from "./keys";
import { appendToSession, loadState, now, tickSession, type AppendResult } from "./log";
import { claimCandidate, getSessionByCode, insertSession, type SessionRow } from "./store";

export interface StartInput {
  readonly scenarioId: string;
  readonly mode: Mode;
  readonly grading: GradingMode;
  readonly difficulty: Difficulty;
}

export type StartResult =
  | { ok: true; session: SessionRow }
  | { ok: false; reason: "unknown_scenario" | "sign_in_to_interview" };

/** Starts a session: the creator is the interviewer of a live one (an account is needed) or the learner of a solo one. */
export async function startInterview(owner: Owner, input: StartInput, seed?: number): Promise<StartResult> {
  const found = getScenario(input.scenarioId);
  if (!found) return { ok: false, reason: "unknown_scenario" };
  if (input.mode === "live" && !("userId" in owner)) return { ok: false, reason: "sign_in_to_interview" };
  for (let tries = 0; ; tries += 1) {
    const secrets = drawAttemptSecrets(found.scenario, seed);
    // Keyed like keysOf (see there): by the secret seed, as follow-up keys are.
    const key = answerKeyFor(found.scenario, found.contentHash, secrets.seed, input.difficulty);
    const plan = planOf(found.scenario, key);
    const created: SessionEvent = { type: "created", at: now(), actor: input.mode === "live" ? "interviewer" : "candidate", mode: input.mode, grading: input.grading, plan };
    const checked = transition(EMPTY_SESSION, created);
    if (!checked.ok) throw new Error(`a plan for ${input.scenarioId} was refused: ${checked.refusal.message}`);
    const people = input.mode === "live"
      ? { interviewerId: (owner as { userId: string }).userId, candidateId: null, candidateGuestId: null }
      : { interviewerId: null, candidateId: "userId" in owner ? owner.userId : null, candidateGuestId: "guestId" in owner ? owner.guestId : null };
    try {
      const session = await insertSession({
        joinCode: secrets.label, mode: input.mode, ...people, scenarioId: input.scenarioId, contentHash: found.contentHash,
        seed: secrets.seed, difficulty: input.difficulty, optionSalt: secrets.optionSalt, variantFingerprint: secrets.variantFingerprint,
      }, created);
      return { ok: true, session };
    } catch (error) {
      // A join code drawn twice (31^8 codes): draw again.
      if (!isUniqueViolation(error) || tries >= 3) throw error;
    }
  }
}

/** The participant an owner (a user, or a guest just made for this request) stands for. */
export const participantOf = (owner: Owner) => ("userId" in owner ? { kind: "user" as const, userId: owner.userId } : { kind: "guest" as const, guestId: owner.guestId });

/** "k7qm 4zx2", "K7QM4ZX2" and "K7QM-4ZX2" all name the same code. */
export function normaliseCode(code: string): string {
  const plain = code.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

export type JoinResult =
  | { ok: true; session: SessionRow }
  | { ok: false; reason: "not_found" | "own_session" | "taken" | "ended" };

/** Joins a live session as its candidate (again, after a reload: nothing new is appended then). */
export async function joinInterview(code: string, owner: Owner): Promise<JoinResult> {
  const session = await getSessionByCode(normaliseCode(code));
  // A solo session's code joins nothing: to a stranger it does not exist.
  if (!session || session.mode !== "live") return { ok: false, reason: "not_found" };
  const who = participantOf(owner);
  const may = joinAllowed(session, who);
  if (may === "own-session") return { ok: false, reason: "own_session" };
  if (may === "ended") return { ok: false, reason: "ended" };
  if (may === "taken" || may === "not-live") return { ok: false, reason: may === "taken" ? "taken" : "not_found" };
  const columns = "userId" in owner ? { candidateId: owner.userId, candidateGuestId: null } : { candidateId: null, candidateGuestId: owner.guestId };
  if (interviewRoleOf(session, who) !== "candidate" && !(await claimCandidate(session.id, columns))) return { ok: false, reason: "taken" };
  const joined = { ...session, ...columns };
  await appendToSession(joined, (state, at) => (state.joinedAt !== null ? { ok: true, events: [] } : { ok: true, events: [{ type: "candidate-joined", at, actor: "candidate" }] }));
  return { ok: true, session: joined };
}

export type CommandResult =
  | { ok: true; lastSeq: number }
  | { ok: false; status: 403 | 409 | 422; code: string; message: string };

const refused = (r: Refusal): CommandResult => ({ ok: false, status: 409, code: r.reason.toLowerCase(), message: r.message });

/** The stage a follow-up adds: the what-if's changed fields to predict, or the question alone for a spoken one. */
function followUpStageFor(session: SessionRow, state: SessionState, followUpId: string): { ok: true; stage: PlanStage } | { ok: false; refusal: Refusal } {
  const f = state.plan?.followUps.find((x) => x.id === followUpId);
  if (!f) return { ok: false, refusal: { reason: "UNKNOWN_FOLLOW_UP", message: `no follow-up "${followUpId}"` } };
  if (!f.whatIf) {
    return { ok: true, stage: { id: `follow-up-${f.id}`, title: "Follow-up", prompt: f.question, minutes: 5, origin: "follow-up", blanks: [], sheet: [], concepts: [], hints: [], points: f.modelAnswer ? [{ point: f.modelAnswer, weight: 1 }] : [], whatIf: null, followUpId: f.id } };
  }
  const keys = keysOf(session);
  if (!keys) return { ok: false, refusal: { reason: "UNKNOWN_FOLLOW_UP", message: "the scenario of this session is no longer available" } };
  const diff = diffOf(keys, session, f.whatIf);
  if (!diff.ok) return { ok: false, refusal: { reason: "FOLLOW_UP_CHANGES_NOTHING", message: diff.message } };
  return { ok: true, stage: followUpStage(f, diff, keys.key) };
}

/** Runs a browser's command as the caller's role: policy first, then the state machine. */
export async function runCommand(session: SessionRow, role: InterviewRole, command: Command): Promise<CommandResult> {
  if (!commandAllowed(role, session.mode, command.type)) {
    return { ok: false, status: 403, code: "not_your_action", message: `${command.type} is not the ${role}'s to send in a ${session.mode} session` };
  }
  const result: AppendResult = await appendToSession(session, (state, at) => {
    let stage: PlanStage | undefined;
    if (command.type === "follow-up-asked") {
      const built = followUpStageFor(session, state, command.followUpId);
      if (!built.ok) return built;
      stage = built.stage;
    }
    const event = toEvent(command, role, at, stage);
    return event.ok ? { ok: true, events: [event.event] } : { ok: false, refusal: { reason: "UNKNOWN_EVENT", message: event.message } };
  });
  return result.ok ? { ok: true, lastSeq: result.lastSeq } : refused(result.refusal);
}

export type Projection =
  | { readonly role: "candidate"; readonly seq: number; readonly now: number; readonly view: CandidateView; readonly next: { readonly id: string; readonly title: string } | null }
  | { readonly role: "interviewer"; readonly seq: number; readonly now: number; readonly joinCode: string; readonly view: InterviewerView };

/** In a solo session the learner starts the stages: the next one (its id and title only), when none runs. */
function soloNext(state: SessionState): { id: string; title: string } | null {
  if (state.mode !== "solo" || state.status !== "open" || state.stages.some((s) => s.status === "running")) return null;
  const next = state.stages.find((s) => s.status === "pending");
  return next ? { id: next.def.id, title: next.def.title } : null;
}

/** What this role may see of the state after `seq`. */
export function project(session: SessionRow, role: InterviewRole, state: SessionState, seq: number, at = now()): Projection {
  if (role === "candidate") return { role, seq, now: at, view: candidateView(state, at), next: soloNext(state) };
  const keys = keysOf(session);
  if (!keys) throw new Error(`scenario ${session.scenarioId} is no longer in the catalogue`);
  return { role, seq, now: at, joinCode: session.joinCode, view: interviewerView(state, gradingSourceOf(keys, session, state), at) };
}

/** The caller's projection now, after appending whatever the clock made due. */
export async function currentProjection(session: SessionRow, role: InterviewRole): Promise<Projection> {
  const ticked = await tickSession(session);
  return project(session, role, ticked.state, ticked.lastSeq);
}

/** The candidate's report (both roles may read it). */
export async function reportFor(session: SessionRow): Promise<InterviewReport> {
  const { state } = await loadState(session.id);
  const keys = keysOf(session);
  if (!keys) throw new Error(`scenario ${session.scenarioId} is no longer in the catalogue`);
  const catalogue = listScenarios().map((s) => ({ id: s.id, title: s.title, concepts: s.concepts }));
  return reportOf(state, gradingSourceOf(keys, session, state), catalogue, Math.max(now(), state.lastAt));
}

/** The what-if follow-ups with what each would change (interviewer only: it shows true values). */
export function followUpPreviews(session: SessionRow, state: SessionState) {
  const keys = keysOf(session);
  return (state.plan?.followUps ?? []).map((f) => {
    if (!f.whatIf || !keys) return { id: f.id, question: f.question, kind: "spoken" as const };
    const d = diffOf(keys, session, f.whatIf);
    if (!d.ok) return { id: f.id, question: f.question, kind: "refused" as const, reason: d.reason, message: d.message };
    return { id: f.id, question: f.question, kind: "what-if" as const, hops: d.hops, outcomes: d.outcomes, fields: d.fields.filter((x) => d.askable.includes(x.id)) };
  });
}
