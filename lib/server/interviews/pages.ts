/**
 * What the interview pages render, loaded in one place: the caller's role and projection, the
 * diagram, the report and the replay frames. Each starts with the policy; a stranger gets null
 * (the page answers 404). Whatever shows a trace's expected values (the console, the report, the
 * replay) is closed while the caller has an exam in progress: the loader returns the lock instead.
 */
import "server-only";
import { replaySteps } from "@/lib/interview/machine";
import { candidateView, interviewerView } from "@/lib/interview/views";
import type { Diagram } from "@/lib/diagram/layout";
import type { InterviewReport } from "@/lib/interview/report";
import { examLockForPage, type ExamLock } from "../assessments/exam-lock";
import { getActor } from "../auth/actor";
import { authorizeInterview } from "../auth/policy";
import type { InterviewRole } from "../auth/policies/interviews";
import { diagramFor, getScenario } from "../catalogue";
import { gradingSourceOf, keysOf } from "./keys";
import { currentProjection, reportFor, type Projection } from "./sessions";
import { getSessionRow, readLog, type SessionRow } from "./store";

async function authorized(id: string): Promise<{ session: SessionRow; role: InterviewRole } | null> {
  const decision = await authorizeInterview(await getActor(), "interview.view", id);
  if (!decision.ok) return null;
  const session = await getSessionRow(id);
  return session ? { session, role: decision.role } : null;
}

/** What a page shows instead while the caller's account is under an exam lock. */
export interface LockedPage {
  readonly locked: ExamLock;
}

export interface InterviewPage {
  readonly locked?: undefined;
  readonly id: string;
  readonly projection: Projection;
  readonly diagram: Diagram;
}

/** The console or the candidate's room; the console (it holds the true trace) is locked during an exam. */
export async function loadInterviewPage(id: string): Promise<InterviewPage | LockedPage | null> {
  const found = await authorized(id);
  const scenario = found ? getScenario(found.session.scenarioId) : null;
  if (!found || !scenario) return null;
  if (found.role === "interviewer") {
    const locked = await examLockForPage("interviews");
    if (locked) return { locked };
  }
  return { id, projection: await currentProjection(found.session, found.role), diagram: diagramFor(scenario.scenario, found.session.seed) };
}

export type ReportPage =
  | { readonly locked?: undefined; readonly ready: false; readonly id: string }
  | { readonly locked?: undefined; readonly ready: true; readonly id: string; readonly role: InterviewRole; readonly report: InterviewReport };

/** The report; for the candidate only once the session has ended (it shows the true values); locked during an exam. */
export async function loadReportPage(id: string): Promise<ReportPage | LockedPage | null> {
  const found = await authorized(id);
  if (!found) return null;
  const locked = await examLockForPage("interviews");
  if (locked) return { locked };
  if (found.role === "candidate" && found.session.status !== "ended") return { ready: false, id };
  return { ready: true, id, role: found.role, report: await reportFor(found.session) };
}

export interface ReplayFrame {
  readonly seq: number;
  readonly at: number;
  readonly what: string;
  readonly stages: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: string;
    readonly hints: number;
    readonly answers: readonly { readonly label: string; readonly given: string; readonly verdict: string | null; readonly expected: string | null }[];
  }[];
}

/** Private to the interviewer: the candidate's replay skips these events. */
const INTERVIEWER_ONLY_EVENTS = new Set(["note-added", "rubric-scored", "scorecard-submitted"]);

function show(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.join(" → ");
  if (v && typeof v === "object") return Object.values(v as Record<string, string>).join(" / ");
  return "";
}

/**
 * The session step by step from its log, as the caller may see it at each moment: the candidate
 * sees their own answers and revealed hints (the true values only once the session ended, as in
 * the report); the interviewer also sees each answer's verdict and true value.
 */
export async function loadReplay(id: string): Promise<{ locked?: undefined; role: InterviewRole; title: string; frames: ReplayFrame[] } | LockedPage | null> {
  const found = await authorized(id);
  const keys = found ? keysOf(found.session) : null;
  if (!found || !keys) return null;
  // The interviewer's frames, and the candidate's once the session ended, carry the true values.
  const locked = await examLockForPage("interviews");
  if (locked) return { locked };
  const log = await readLog(id);
  const steps = replaySteps(log.map((l) => l.event));
  const withKey = found.role === "interviewer" || found.session.status === "ended";
  const frames: ReplayFrame[] = [];
  steps.forEach((step, i) => {
    if (found.role === "candidate" && INTERVIEWER_ONLY_EVENTS.has(step.event.type)) return;
    const at = step.event.at;
    const graded = withKey ? interviewerView(step.state, gradingSourceOf(keys, found.session, step.state), at).stages : null;
    const cv = candidateView(step.state, at);
    const seen = [...cv.done, ...(cv.current ? [cv.current] : [])].sort((a, b) => a.number - b.number);
    frames.push({
      seq: log[i]!.seq, at, what: `${step.event.actor}: ${step.event.type}`,
      stages: seen.map((s) => {
        const g = graded?.find((x) => x.id === s.id);
        const fields = g?.fields ?? [];
        return {
          id: s.id, title: s.title, status: s.status, hints: s.hints.length,
          answers: g
            ? fields.map((f) => ({ label: f.label, given: f.given ?? "", verdict: f.status, expected: f.expected }))
            : Object.entries(s.answers).map(([k, v]) => ({ label: k, given: show(v), verdict: null, expected: null })),
        };
      }),
    });
  });
  return { role: found.role, title: log[0]?.event.type === "created" ? log[0].event.plan.title : "", frames };
}
