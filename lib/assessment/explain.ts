/**
 * The rules that apply to one student, in sentences: what a student reads before starting and
 * what the instructor's "effective rules" view shows, each line with the layers it came from.
 * Times are written in the zone the caller passes (the student's), UTC by default.
 */
import type { EffectiveRules } from "./rules";
import { describeSource } from "./rules";
import { FEEDBACK_PARTS, type AssessmentDefinition, type FeedbackPart, type Moment } from "./schema";

export interface RuleLine {
  readonly rule: "release" | "close" | "late" | "time" | "attempts" | "password" | FeedbackPart;
  readonly text: string;
  /** "assessment default", "override o-1 (medical note)", "course time factor 1.5". */
  readonly because: readonly string[];
}

const PART_NAMES: Record<FeedbackPart, string> = {
  score: "Your score",
  correctness: "Which answers were right",
  expected: "The expected answers and why",
  misconceptions: "The misconceptions found in your answers",
  journey: "The packet journey",
};

/** "1 h 30 min", "45 min", "2 h", "49 min 30 s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return [h > 0 ? `${h} h` : "", m > 0 ? `${m} min` : "", s > 0 ? `${s} s` : ""].filter(Boolean).join(" ") || "0 min";
}

/** The rules of `rules` (from `effectiveRules`) and the feedback moments of `definition`, as sentences. */
export function explainRules(definition: AssessmentDefinition, rules: EffectiveRules, timeZone = "UTC"): readonly RuleLine[] {
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  const when = (t: number) => `${format.format(t)} ${timeZone}`;
  const because = (from: EffectiveRules["close"]["from"]) => from.map(describeSource);
  const lines: RuleLine[] = [];
  const { release, close, late, timeLimitMs, attempts, passwordRequired } = rules;
  lines.push({ rule: "release", text: release.value === null ? "Open now." : `Opens ${when(release.value)}.`, because: because(release.from) });
  lines.push({ rule: "close", text: close.value === null ? "Never closes." : `Closes ${when(close.value)}.`, because: because(close.from) });
  lines.push({
    rule: "late",
    text: late.value === null ? "No late work is accepted." : `Late work until ${when(late.value.until)} keeps ${late.value.creditPercent}% of its score.`,
    because: because(late.from),
  });
  lines.push({
    rule: "time",
    text: timeLimitMs.value === null ? "No time limit." : `${formatDuration(timeLimitMs.value)} from when you start${capText(rules)}.`,
    because: because(timeLimitMs.from),
  });
  lines.push({ rule: "attempts", text: attempts.value === 1 ? "One attempt." : `${attempts.value} attempts.`, because: because(attempts.from) });
  lines.push({ rule: "password", text: passwordRequired.value ? "A password is needed to start." : "No password.", because: because(passwordRequired.from) });
  for (const part of FEEDBACK_PARTS) {
    lines.push({ rule: part, text: `${PART_NAMES[part]}: ${momentText(definition.feedback[part], when)}.`, because: ["assessment default"] });
  }
  return lines;
}

function capText(rules: EffectiveRules): string {
  const late = rules.late.value;
  const close = rules.close.value;
  if (late !== null && (close === null || late.until > close)) return ", ending at the late date at the latest";
  return close === null ? "" : ", ending at the close date at the latest";
}

function momentText(moment: Moment, when: (t: number) => string): string {
  if (moment === "after-submit") return "right after you submit";
  if (moment === "after-close") return "after the assessment closes for everyone";
  if (moment === "never") return "not shown";
  return `from ${when(Date.parse(moment.date))}`;
}
