/**
 * Which access rules apply to one student, and why. Three layers, later ones winning per value:
 * the assessment's own rules, the student's overrides for this assessment (other dates, more
 * attempts, a password waived; like Moodle's quiz_overrides), and the course-wide time factor that
 * follows the student across every timed assessment of the course (PrairieLearn issue #2379).
 * Every value carries the layers that produced it, so an "effective rules" view can explain itself.
 */
import { z } from "zod";
import type { DefinitionIssue } from "./check";
import { InstantSchema, instantMs, type AssessmentDefinition } from "./schema";

/** A per-student exception to one assessment's rules, set by an instructor with a reason. */
export const OverrideSchema = z.object({
  id: z.string().min(1).describe("stable id, shown as the source of the values it changes"),
  studentId: z.string().min(1),
  reason: z.string().trim().min(1).max(500).describe("why (kept for the audit trail and shown in the effective-rules view)"),
  release: InstantSchema.optional(),
  close: InstantSchema.optional(),
  lateUntil: InstantSchema.optional().describe("a later late date; keeps the assessment's late credit (100 if it has no late policy)"),
  timeLimitMinutes: z.number().positive().max(24 * 60).optional().describe("replaces the assessment's limit; the time factor still applies"),
  attempts: z.number().int().min(1).max(100).optional().describe("total attempts allowed, replacing the assessment's"),
  passwordWaived: z.boolean().optional(),
}).strict();
export type AssessmentOverride = z.infer<typeof OverrideSchema>;

/** The student as the rules see them: the time factor is course-wide (1 when none was set). */
export const StudentContextSchema = z.object({
  id: z.string().min(1),
  timeFactor: z.number().min(1).max(10).default(1).describe("multiplies every time limit of the course, e.g. 1.5"),
}).strict();
export type StudentContext = z.input<typeof StudentContextSchema>;

export type RuleSource =
  | { readonly kind: "assessment" }
  | { readonly kind: "override"; readonly overrideId: string; readonly reason: string }
  | { readonly kind: "course-time-factor"; readonly factor: number };

/** One effective value and the layers it came from, in the order they were applied. */
export interface Sourced<T> {
  readonly value: T;
  readonly from: readonly RuleSource[];
}

export type Phase = "upcoming" | "open" | "late" | "closed";

/** All times in milliseconds since the epoch; null means "no such limit". */
export interface EffectiveRules {
  readonly assessmentId: string;
  readonly studentId: string;
  readonly kind: AssessmentDefinition["kind"];
  readonly release: Sourced<number | null>;
  readonly close: Sourced<number | null>;
  readonly late: Sourced<{ readonly until: number; readonly creditPercent: number } | null>;
  /** The time limit after the factor, rounded up to a whole second (in the student's favour). */
  readonly timeLimitMs: Sourced<number | null>;
  readonly timeFactor: number;
  readonly attempts: Sourced<number>;
  readonly passwordRequired: Sourced<boolean>;
  /** Where the student stands at `now`. */
  readonly phase: Phase;
}

const ASSESSMENT: RuleSource = { kind: "assessment" };
const ms = (text: string | undefined) => (text === undefined ? null : instantMs(text));

/** minutes x factor in ms, rounded up to the second; rounding to the ms first drops float dust (45 x 1.1). */
export function scaledLimitMs(minutes: number, factor: number): number {
  return Math.ceil(Math.round(minutes * 60_000 * factor) / 1000) * 1000;
}

/** The rules that apply to `student` on `definition` at `now`, each with its sources. */
export function effectiveRules(
  definition: AssessmentDefinition,
  overrides: readonly AssessmentOverride[],
  student: StudentContext,
  now: number,
): EffectiveRules {
  const access = definition.access;
  let release: Sourced<number | null> = { value: ms(access.release), from: [ASSESSMENT] };
  let close: Sourced<number | null> = { value: ms(access.close), from: [ASSESSMENT] };
  let late: EffectiveRules["late"] = { value: access.late ? { until: instantMs(access.late.until), creditPercent: access.late.creditPercent } : null, from: [ASSESSMENT] };
  let limitMinutes: Sourced<number | null> = { value: access.timeLimitMinutes ?? null, from: [ASSESSMENT] };
  let attempts: Sourced<number> = { value: access.attempts, from: [ASSESSMENT] };
  let password: Sourced<boolean> = { value: access.passwordHash !== undefined, from: [ASSESSMENT] };

  for (const o of overrides) {
    if (o.studentId !== student.id) continue;
    const src: RuleSource[] = [{ kind: "override", overrideId: o.id, reason: o.reason }];
    if (o.release !== undefined) release = { value: instantMs(o.release), from: src };
    if (o.close !== undefined) close = { value: instantMs(o.close), from: src };
    if (o.lateUntil !== undefined) late = { value: { until: instantMs(o.lateUntil), creditPercent: late.value?.creditPercent ?? 100 }, from: src };
    if (o.timeLimitMinutes !== undefined) limitMinutes = { value: o.timeLimitMinutes, from: src };
    if (o.attempts !== undefined) attempts = { value: o.attempts, from: src };
    if (o.passwordWaived === true) password = { value: false, from: src };
  }

  const factor = student.timeFactor ?? 1;
  if (!Number.isFinite(factor) || factor < 1 || factor > 10) throw new RangeError(`a time factor is from 1 to 10, got ${factor}`);
  const timeLimitMs: Sourced<number | null> = limitMinutes.value === null
    ? { value: null, from: limitMinutes.from }
    : {
      value: scaledLimitMs(limitMinutes.value, factor),
      from: factor === 1 ? limitMinutes.from : [...limitMinutes.from, { kind: "course-time-factor", factor }],
    };

  return {
    assessmentId: definition.id,
    studentId: student.id,
    kind: definition.kind,
    release, close, late, timeLimitMs,
    timeFactor: factor,
    attempts,
    passwordRequired: password,
    phase: phaseAt(release.value, close.value, late.value?.until ?? null, now),
  };
}

/**
 * What is wrong with an override before it is saved, against the rules it changes: dates out of
 * order once applied, a time limit on an untimed assessment, fewer attempts than the assessment's.
 */
export function checkOverride(definition: AssessmentDefinition, override: AssessmentOverride): readonly DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const rules = effectiveRules(definition, [override], { id: override.studentId }, 0);
  const { release, close, late } = { release: rules.release.value, close: rules.close.value, late: rules.late.value };
  if (release !== null && close !== null && close <= release) issues.push({ severity: "error", path: [override.close !== undefined ? "close" : "release"], message: "with this override the assessment closes before it opens for the student" });
  if (override.lateUntil !== undefined && close !== null && late !== null && late.until <= close) issues.push({ severity: "error", path: ["lateUntil"], message: "the late date is not after the close date" });
  if (override.timeLimitMinutes !== undefined && definition.access.timeLimitMinutes === undefined) issues.push({ severity: "warning", path: ["timeLimitMinutes"], message: "the assessment is untimed: this override makes it timed for the student" });
  if (override.attempts !== undefined && override.attempts < definition.access.attempts) issues.push({ severity: "warning", path: ["attempts"], message: `fewer attempts (${override.attempts}) than everyone else (${definition.access.attempts})` });
  return issues;
}

function phaseAt(release: number | null, close: number | null, lateUntil: number | null, now: number): Phase {
  if (release !== null && now < release) return "upcoming";
  if (close === null || now <= close) return "open";
  if (lateUntil !== null && now <= lateUntil) return "late";
  return "closed";
}

/** "override o-7 (medical note)", "course time factor 1.5": for the effective-rules view. */
export function describeSource(source: RuleSource): string {
  switch (source.kind) {
    case "assessment": return "assessment default";
    case "override": return `override ${source.overrideId} (${source.reason})`;
    case "course-time-factor": return `course time factor ${source.factor}`;
  }
}
