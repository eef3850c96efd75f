/** The sessions a person took part in, for their progress page and the interviewer's list. */
import "server-only";
import type { Owner } from "../owner";
import { listSessions, type SessionRow } from "./store";
import { getScenario } from "../catalogue";

export interface SessionSummary {
  readonly id: string;
  readonly mode: string;
  readonly scenarioId: string;
  readonly title: string;
  readonly status: string;
  readonly createdAt: string;
}

function summary(s: SessionRow): SessionSummary {
  return { id: s.id, mode: s.mode, scenarioId: s.scenarioId, title: getScenario(s.scenarioId)?.scenario.title ?? s.scenarioId, status: s.status, createdAt: s.createdAt.toISOString() };
}

export async function listSessionsOf(owner: Owner): Promise<{ interviewed: SessionSummary[]; taken: SessionSummary[] }> {
  if ("guestId" in owner) return { interviewed: [], taken: (await listSessions({ candidateGuestId: owner.guestId })).map(summary) };
  const [interviewed, taken] = await Promise.all([listSessions({ interviewerId: owner.userId }), listSessions({ candidateId: owner.userId })]);
  return { interviewed: interviewed.map(summary), taken: taken.map(summary) };
}
