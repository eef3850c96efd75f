/**
 * May this student start, save or submit now? Each refusal is a named reason from a closed list
 * with a sentence the server can show as is, so a refusal is never a bare 403 or a stack trace.
 * The caller supplies what only it knows: the time (the server's clock), the student's attempts
 * so far, and whether a password they typed matched the stored hash.
 */
import { fixDeadline, withinDeadline } from "./deadline";
import type { EffectiveRules } from "./rules";

export type Refusal =
  | "not_released"
  | "closed"
  | "attempt_in_progress"
  | "no_attempts_left"
  | "password_required"
  | "already_submitted"
  | "deadline_passed";

export type AccessDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: Refusal; readonly message: string };

/** The student's attempts at this assessment so far. */
export interface AttemptHistory {
  readonly started: number;
  readonly inProgress: boolean;
}

/** One attempt as stored: its deadline was fixed at start. */
export interface AttemptState {
  readonly deadline: number | null;
  readonly submittedAt: number | null;
}

const OK: AccessDecision = { ok: true };
const refuse = (reason: Refusal, message: string): AccessDecision => ({ ok: false, reason, message });
const UTC = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const UTC_MINUTES = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "8 Mar 2027, 09:00:00 UTC": an instant for messages and the audit trail. */
export function formatUtc(t: number, withSeconds = true): string {
  return `${(withSeconds ? UTC : UTC_MINUTES).format(t)} UTC`;
}
const iso = (t: number) => formatUtc(t, false);

/** Whether a new attempt may start at `now`. `passwordOk` says the student typed the right password. */
export function canStart(rules: EffectiveRules, history: AttemptHistory, now: number, passwordOk = false): AccessDecision {
  const release = rules.release.value;
  if (release !== null && now < release) return refuse("not_released", `This assessment opens on ${iso(release)}.`);
  const { deadline } = fixDeadline(rules, now);
  if (deadline !== null && deadline <= now) return refuse("closed", "This assessment is closed.");
  if (history.inProgress) return refuse("attempt_in_progress", "You already have an attempt in progress: continue it instead.");
  if (history.started >= rules.attempts.value) {
    return refuse("no_attempts_left", `You have used all ${rules.attempts.value} attempt(s) allowed.`);
  }
  if (rules.passwordRequired.value && !passwordOk) return refuse("password_required", "This assessment needs the password your instructor gave.");
  return OK;
}

function canChange(attempt: AttemptState, now: number): AccessDecision {
  if (attempt.submittedAt !== null) return refuse("already_submitted", "This attempt was already submitted; it cannot change.");
  if (!withinDeadline(attempt.deadline, now)) {
    return refuse("deadline_passed", "The time for this attempt is over; the answers saved before the deadline are graded.");
  }
  return OK;
}

/** Whether answers arriving at `now` may be saved into the attempt. */
export function canSave(attempt: AttemptState, now: number): AccessDecision {
  return canChange(attempt, now);
}

/** Whether a submit arriving at `now` is accepted (a replayed submit gets `already_submitted`). */
export function canSubmit(attempt: AttemptState, now: number): AccessDecision {
  return canChange(attempt, now);
}
