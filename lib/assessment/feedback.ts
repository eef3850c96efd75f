/**
 * Which parts of an attempt's feedback may leave the server now. Each part (score, per-field
 * correctness, expected values with reasons, misconceptions, packet journey) has its own moment,
 * like Moodle's review options and PrairieLearn's per-part visibility dates. Nothing is visible on
 * an attempt that is not submitted. The server strips every part not listed before it serialises.
 */
import { GRACE_MS } from "./deadline";
import type { AssessmentOverride } from "./rules";
import { FEEDBACK_PARTS, instantMs, type AssessmentDefinition, type FeedbackPart, type Moment } from "./schema";

export interface FeedbackAttempt {
  readonly submittedAt: number | null;
  /**
   * When "after close" begins for this attempt: the last instant any work on the assessment may
   * still be accepted (see `feedbackCloseMs`), so no answer reaches a student who is still working.
   */
  readonly closesAt: number | null;
}

export interface PartVisibility {
  readonly part: FeedbackPart;
  readonly visible: boolean;
  /** From when it is (or will be) visible; null when never, or not yet known (not submitted). */
  readonly from: number | null;
  readonly moment: Moment;
}

export interface VisibleFeedback {
  /** The parts that may be sent now. */
  readonly parts: readonly FeedbackPart[];
  readonly detail: readonly PartVisibility[];
}

function visibleFrom(moment: Moment, attempt: FeedbackAttempt): number | null {
  if (attempt.submittedAt === null) return null;
  if (moment === "never") return null;
  if (moment === "after-submit") return attempt.submittedAt;
  // One ms after the last submit the grace could still accept: no answer while anyone may hand in.
  if (moment === "after-close") return attempt.closesAt === null ? null : attempt.closesAt + GRACE_MS + 1;
  return instantMs(moment.date);
}

/** The feedback parts of `attempt` that may leave the server at `now`, and when the others will. */
export function visibleFeedback(definition: AssessmentDefinition, attempt: FeedbackAttempt, now: number): VisibleFeedback {
  const detail = FEEDBACK_PARTS.map((part): PartVisibility => {
    const moment = definition.feedback[part];
    const from = visibleFrom(moment, attempt);
    return { part, moment, from, visible: from !== null && now >= from };
  });
  return { parts: detail.filter((d) => d.visible).map((d) => d.part), detail };
}

/**
 * The instant "after close" starts for an assessment: the latest close or late date over the
 * assessment and all its overrides (an extended student must not read answers released to others).
 * Null when the assessment never closes.
 */
export function feedbackCloseMs(definition: AssessmentDefinition, overrides: readonly AssessmentOverride[]): number | null {
  const { close, late } = definition.access;
  // Students without an override never stop working on an assessment with no close date.
  if (close === undefined) return null;
  const candidates: (string | undefined)[] = [close, late?.until];
  for (const o of overrides) candidates.push(o.close, o.lateUntil);
  return Math.max(...candidates.filter((c): c is string => c !== undefined).map(instantMs));
}
