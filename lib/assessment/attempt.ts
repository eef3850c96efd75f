/**
 * A timed attempt as an event log (STYLE.md rule 17): the server stores the events it accepted
 * and replays them through `applyAttemptEvent` to get the attempt's state. Nothing else changes an
 * attempt, so the instructor's live view, the audit trail and the grading all read the same thing.
 *
 * Every event carries `at`, the server's clock when it happened (never the browser's). Saves merge
 * answers blank by blank; a save or submit after the deadline plus the grace is refused; an attempt
 * whose deadline has passed counts as submitted at its deadline with the answers it saved
 * (`closeIfOverdue`), so no attempt is left ungraded and nothing saved is lost. Instructor actions
 * (add time, set the deadline, reopen) record who and why.
 */
import { canSave, canSubmit, formatUtc, type Refusal } from "./access";
import { GRACE_MS } from "./deadline";

/** One blank's answer as the grader reads it: text, an ordering, or a socket's parts (lib/grader/model-answers.ts). */
export type AnswerValue = string | readonly string[] | Readonly<Record<string, string>>;

/** Answers by drawn slot, then by blank id. */
export type Answers = Readonly<Record<string, Readonly<Record<string, AnswerValue>>>>;

interface Staff { readonly by: string; readonly reason: string }

export type AttemptEvent =
  | { readonly type: "started"; readonly at: number; readonly deadline: number | null }
  | { readonly type: "saved"; readonly at: number; readonly answers: Answers }
  | { readonly type: "submitted"; readonly at: number }
  | ({ readonly type: "time-added"; readonly at: number; readonly minutes: number } & Staff)
  | ({ readonly type: "deadline-set"; readonly at: number; readonly deadline: number } & Staff)
  | ({ readonly type: "reopened"; readonly at: number; readonly deadline: number | null } & Staff)
  /** The exam lock refused the student something (the simulator, a trace, practice...) meanwhile. */
  | { readonly type: "lock-refused"; readonly at: number; readonly what: string };

export interface AuditEntry {
  readonly at: number;
  readonly by: string;
  readonly action: "time-added" | "deadline-set" | "reopened";
  readonly detail: string;
  readonly reason: string;
}

export interface AttemptSnapshot {
  readonly status: "in-progress" | "submitted";
  readonly startedAt: number;
  readonly deadline: number | null;
  readonly answers: Answers;
  readonly lastSavedAt: number | null;
  readonly submittedAt: number | null;
  /** Who ended it: the student's submit, or the deadline passing. */
  readonly submittedBy: "student" | "deadline" | null;
  readonly audit: readonly AuditEntry[];
  /** What the exam lock refused during the attempt, for the instructor. */
  readonly lockRefusals: readonly { readonly at: number; readonly what: string }[];
  /** The time of the last event, so a later one can be checked for order. */
  readonly lastEventAt: number;
}

export type AttemptRefusal = Refusal | "not_started" | "already_started" | "out_of_order" | "not_submitted" | "untimed" | "invalid_event";

export type EventResult =
  | { readonly ok: true; readonly state: AttemptSnapshot }
  | { readonly ok: false; readonly reason: AttemptRefusal; readonly message: string };

const refuse = (reason: AttemptRefusal, message: string): EventResult => ({ ok: false, reason, message });
const accept = (state: AttemptSnapshot): EventResult => ({ ok: true, state });

function mergeAnswers(old: Answers, added: Answers): Answers {
  const out: Record<string, Readonly<Record<string, AnswerValue>>> = { ...old };
  for (const [slot, blanks] of Object.entries(added)) out[slot] = { ...(old[slot] ?? {}), ...blanks };
  return out;
}

/** The state after one more event, or why the event is refused (the state is then unchanged). */
export function applyAttemptEvent(state: AttemptSnapshot | null, event: AttemptEvent): EventResult {
  if (!Number.isFinite(event.at)) return refuse("invalid_event", "An event needs the server's time.");
  if (state === null) {
    if (event.type !== "started") return refuse("not_started", "This attempt has not started.");
    return accept({ status: "in-progress", startedAt: event.at, deadline: event.deadline, answers: {}, lastSavedAt: null, submittedAt: null, submittedBy: null, audit: [], lockRefusals: [], lastEventAt: event.at });
  }
  if (event.at < state.lastEventAt) return refuse("out_of_order", "An event cannot happen before the previous one.");
  // Saves and submits are judged on the attempt as it was, so a late one hears "deadline passed";
  // staff actions see it as it is now: past its deadline, it was submitted by the deadline.
  const attempt = { deadline: state.deadline, submittedAt: state.submittedAt };
  const current = event.type === "saved" || event.type === "submitted" ? state : closeIfOverdue(state, event.at);
  const next = { ...current, lastEventAt: event.at };
  switch (event.type) {
    case "started":
      return refuse("already_started", "This attempt has already started.");
    case "saved": {
      const d = canSave(attempt, event.at);
      return d.ok ? accept({ ...next, answers: mergeAnswers(state.answers, event.answers), lastSavedAt: event.at }) : refuse(d.reason, d.message);
    }
    case "submitted": {
      const d = canSubmit(attempt, event.at);
      return d.ok ? accept({ ...next, status: "submitted", submittedAt: event.at, submittedBy: "student" }) : refuse(d.reason, d.message);
    }
    case "time-added": {
      if (current.status === "submitted") return refuse("already_submitted", "The attempt is submitted: reopen it to give more time.");
      if (current.deadline === null) return refuse("untimed", "This attempt has no deadline to extend.");
      if (!(event.minutes > 0)) return refuse("invalid_event", "Add a positive number of minutes.");
      const deadline = current.deadline + Math.round(event.minutes * 60_000);
      return accept({ ...next, deadline, audit: [...current.audit, { at: event.at, by: event.by, action: "time-added", detail: `+${event.minutes} min`, reason: event.reason }] });
    }
    case "deadline-set": {
      if (current.status === "submitted") return refuse("already_submitted", "The attempt is submitted: reopen it instead.");
      return accept({ ...next, deadline: event.deadline, audit: [...current.audit, { at: event.at, by: event.by, action: "deadline-set", detail: `deadline ${formatUtc(event.deadline)}`, reason: event.reason }] });
    }
    case "lock-refused":
      return accept({ ...next, lockRefusals: [...current.lockRefusals, { at: event.at, what: event.what }] });
    case "reopened": {
      if (current.status !== "submitted") return refuse("not_submitted", "Only a submitted attempt can be reopened.");
      return accept({
        ...next, status: "in-progress", deadline: event.deadline, submittedAt: null, submittedBy: null,
        audit: [...current.audit, { at: event.at, by: event.by, action: "reopened", detail: event.deadline === null ? "no deadline" : `deadline ${formatUtc(event.deadline)}`, reason: event.reason }],
      });
    }
  }
}

/**
 * An attempt still in progress whose deadline and grace have passed by `now` counts as submitted at
 * its deadline, with the answers it saved. Anything else is returned unchanged.
 */
export function closeIfOverdue(state: AttemptSnapshot, now: number): AttemptSnapshot {
  if (state.status !== "in-progress" || state.deadline === null || now <= state.deadline + GRACE_MS) return state;
  return { ...state, status: "submitted", submittedAt: state.deadline, submittedBy: "deadline" };
}

/** The state of a stored log at `now`; a log the server wrote is always valid, so a bad one throws. */
export function replayAttempt(events: readonly AttemptEvent[], now: number): AttemptSnapshot | null {
  let state: AttemptSnapshot | null = null;
  events.forEach((event, i) => {
    const r = applyAttemptEvent(state, event);
    if (!r.ok) throw new Error(`attempt log event ${i} (${event.type}) is invalid: ${r.reason}`);
    state = r.state;
  });
  return state === null ? null : closeIfOverdue(state, now);
}
