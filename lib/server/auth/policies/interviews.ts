/**
 * Rights in a mock interview, from the actor's place in the session and nothing else. The
 * interviewer (a signed-in user) runs a live session and sees the console: the true trace, notes,
 * what-if previews. The candidate (a user or a guest) sees their own projection. In a solo session
 * the learner is both candidate and controller. Anyone else is a stranger: `not_found`, the same
 * as for a session that does not exist. Pure: the caller reads the session row.
 */
import type { Command } from "@/lib/interview/commands";
import type { Actor } from "../actor";

/** Who asks, as much as interview rules need (an Actor fits; so does a guest just made for this request). */
export type InterviewParticipant = Pick<Extract<Actor, { kind: "user" }>, "kind" | "userId"> | Extract<Actor, { kind: "guest" | "anonymous" }>;

export type InterviewRole = "interviewer" | "candidate";

export const INTERVIEW_ACTIONS = [
  /** Read one's own projection (view and live stream) and the report. */
  "interview.view",
  /** The interviewer's console: true trace, notes, rubric, what-if previews with their true values. */
  "interview.console",
  /** Send a command (which ones: commandAllowed). */
  "interview.command",
] as const;
export type InterviewAction = (typeof INTERVIEW_ACTIONS)[number];

export interface InterviewPeople {
  readonly mode: string;
  readonly interviewerId: string | null;
  readonly candidateId: string | null;
  readonly candidateGuestId: string | null;
}

/** The actor's role in the session, or null for a stranger. */
export function interviewRoleOf(session: InterviewPeople, actor: InterviewParticipant): InterviewRole | null {
  if (actor.kind === "user") {
    if (session.interviewerId === actor.userId) return "interviewer";
    if (session.candidateId === actor.userId) return "candidate";
    return null;
  }
  if (actor.kind === "guest") return session.candidateGuestId === actor.guestId ? "candidate" : null;
  return null;
}

const INTERVIEWER_ONLY = new Set<Command["type"]>(["note-added", "rubric-scored", "scorecard-submitted"]);
const CANDIDATE_ONLY = new Set<Command["type"]>(["candidate-joined", "answers-saved", "stage-submitted"]);

/**
 * Whether a role may send a command at all (the state machine then decides whether it fits the
 * moment). The controller's commands (stages, hints, pause, follow-ups, end) belong to the
 * interviewer in a live session and to the learner in a solo one.
 */
export function commandAllowed(role: InterviewRole, mode: string, type: Command["type"]): boolean {
  if (INTERVIEWER_ONLY.has(type)) return role === "interviewer";
  if (CANDIDATE_ONLY.has(type)) return role === "candidate";
  return role === (mode === "live" ? "interviewer" : "candidate");
}

/** May this role do `action`? (`command` is checked per type by commandAllowed.) */
export function interviewAllows(role: InterviewRole, action: InterviewAction): boolean {
  return action === "interview.console" ? role === "interviewer" : true;
}

export type JoinCheck = "ok" | "own-session" | "taken" | "not-live" | "ended";

/** Whether the actor may join as the candidate: a live session, still open, not their own, nobody else in it. */
export function joinAllowed(session: InterviewPeople & { readonly status: string }, actor: InterviewParticipant): JoinCheck {
  if (session.mode !== "live") return "not-live";
  if (session.status === "ended") return "ended";
  if (actor.kind === "user" && actor.userId === session.interviewerId) return "own-session";
  if (interviewRoleOf(session, actor) === "candidate") return "ok";
  return session.candidateId || session.candidateGuestId ? "taken" : "ok";
}
