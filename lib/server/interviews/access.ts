/**
 * Who is who in a session, and what each may do. Until the authorization module lands these are
 * small functions; they move to lib/server/auth/policies/interviews.ts unchanged. The rule: the
 * interviewer and the candidate see their own projection; anyone else gets the same 404 as for a
 * session that does not exist.
 */
import "server-only";
import type { Command } from "@/lib/interview/commands";
import type { Owner } from "../owner";
import type { SessionRow } from "./store";

export type InterviewRole = "interviewer" | "candidate";

/** The role of `owner` in the session, or null for a stranger. */
export function roleIn(session: Pick<SessionRow, "interviewerId" | "candidateId" | "candidateGuestId">, owner: Owner | null): InterviewRole | null {
  if (!owner) return null;
  if ("userId" in owner) {
    if (session.interviewerId === owner.userId) return "interviewer";
    if (session.candidateId === owner.userId) return "candidate";
    return null;
  }
  return session.candidateGuestId === owner.guestId ? "candidate" : null;
}

const INTERVIEWER_ONLY = new Set<Command["type"]>(["note-added", "rubric-scored", "scorecard-submitted"]);
const CANDIDATE_ONLY = new Set<Command["type"]>(["candidate-joined", "answers-saved", "stage-submitted"]);

/**
 * Whether a role may send a command at all (the state machine then decides whether it fits the
 * moment). The controller's commands (stages, hints, pause, follow-ups, end) belong to the
 * interviewer in a live session and to the learner in a solo one.
 */
export function mayCommand(role: InterviewRole, mode: string, type: Command["type"]): boolean {
  if (INTERVIEWER_ONLY.has(type)) return role === "interviewer";
  if (CANDIDATE_ONLY.has(type)) return role === "candidate";
  return role === (mode === "live" ? "interviewer" : "candidate");
}

/** Whether a role may see what only the interviewer sees (the console, what-if previews, notes). */
export function maySeeConsole(role: InterviewRole): boolean {
  return role === "interviewer";
}

/** A signed-in user may interview; a live session's candidate may be a guest, but not its interviewer. */
export function mayJoinAsCandidate(session: Pick<SessionRow, "mode" | "interviewerId" | "candidateId" | "candidateGuestId" | "status">, owner: Owner): "ok" | "own-session" | "taken" | "solo" | "ended" {
  if (session.mode !== "live") return "solo";
  if (session.status === "ended") return "ended";
  if ("userId" in owner && owner.userId === session.interviewerId) return "own-session";
  if (roleIn(session, owner) === "candidate") return "ok";
  return session.candidateId || session.candidateGuestId ? "taken" : "ok";
}
