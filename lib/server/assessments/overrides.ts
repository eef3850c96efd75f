/**
 * Per-student overrides of one assessment's rules (lib/assessment/rules.ts OverrideSchema), one
 * per student, each change written to the course's audit trail with who, when and why; and the
 * "effective rules" of any one student: every value with the layers it came from (assessment,
 * override, course time factor). Callers have asked the policy first.
 */
import "server-only";
import { checkOverride, describeSource, effectiveRules, OverrideSchema, type AssessmentOverride, type EffectiveRules, type Sourced } from "@/lib/assessment";
import { flatten, formatPath } from "@/lib/scenario/load";
import type { ApiIssue } from "../api";
import { getDb } from "../db";
import type { StoredAssessment } from "./definitions";
import { courseStudents } from "./students";

/** What an instructor sends: an override without its id (the row's id becomes it). */
export const OverrideInputSchema = OverrideSchema.omit({ id: true });

export interface StoredOverride extends AssessmentOverride {
  readonly studentLabel: string;
  readonly updatedAt: string;
}

const RULE_KEYS = ["release", "close", "lateUntil", "timeLimitMinutes", "attempts", "passwordWaived"] as const;

function rulesOf(o: Partial<AssessmentOverride>): Record<string, unknown> {
  return Object.fromEntries(RULE_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

function toOverride(row: { id: string; userId: string; reason: string; rules: unknown }): AssessmentOverride {
  return OverrideSchema.parse({ ...(row.rules as object), id: row.id, studentId: row.userId, reason: row.reason });
}

/** The overrides of an assessment, as the rules read them. */
export async function loadOverrides(assessmentId: string): Promise<AssessmentOverride[]> {
  const rows = await getDb().assessmentOverride.findMany({ where: { assessmentId }, orderBy: { createdAt: "asc" } });
  return rows.map(toOverride);
}

/** The overrides with the student's name, for the overrides page. */
export async function listOverrides(assessment: StoredAssessment): Promise<StoredOverride[]> {
  const rows = await getDb().assessmentOverride.findMany({ where: { assessmentId: assessment.id }, orderBy: { createdAt: "asc" }, include: { user: { select: { email: true, name: true } } } });
  return rows.map((r) => ({ ...toOverride(r), studentLabel: r.user.name ? `${r.user.name} <${r.user.email}>` : r.user.email, updatedAt: r.updatedAt.toISOString() }));
}

export type SaveOverrideResult =
  | { readonly ok: true; readonly override: AssessmentOverride; readonly warnings: readonly ApiIssue[]; readonly created: boolean }
  | { readonly ok: false; readonly reason: "invalid"; readonly issues: readonly ApiIssue[]; readonly warnings: readonly ApiIssue[] };

const issue = (path: string, message: string): ApiIssue => ({ path, line: null, message });

/** Create or replace the override of one student (one per student and assessment), audited. */
export async function saveOverride(assessment: StoredAssessment, input: unknown, actorId: string): Promise<SaveOverrideResult> {
  const parsed = OverrideInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(flatten).map((i) => issue(formatPath(i.path.filter((p): p is string | number => typeof p !== "symbol")), i.message));
    return { ok: false, reason: "invalid", issues, warnings: [] };
  }
  const data = parsed.data;
  const students = await courseStudents(assessment.courseId);
  if (!students.some((s) => s.userId === data.studentId)) {
    return { ok: false, reason: "invalid", issues: [issue("studentId", "not a student of this course")], warnings: [] };
  }
  const rules = rulesOf(data);
  if (Object.keys(rules).length === 0) {
    return { ok: false, reason: "invalid", issues: [issue("(top level)", "an override changes at least one rule (dates, attempts, time limit or password)")], warnings: [] };
  }
  const found = checkOverride(assessment.definition, { ...data, id: "new" });
  const errors = found.filter((i) => i.severity === "error").map((i) => issue(formatPath(i.path), i.message));
  const warnings = found.filter((i) => i.severity === "warning").map((i) => issue(formatPath(i.path), i.message));
  if (errors.length > 0) return { ok: false, reason: "invalid", issues: errors, warnings };

  const { row, created } = await getDb().$transaction(async (tx) => {
    const where = { assessmentId_userId: { assessmentId: assessment.id, userId: data.studentId } };
    const before = await tx.assessmentOverride.findUnique({ where });
    const saved = await tx.assessmentOverride.upsert({
      where,
      create: { assessmentId: assessment.id, userId: data.studentId, rules: rules as object, reason: data.reason, createdById: actorId },
      update: { rules: rules as object, reason: data.reason },
    });
    await tx.auditEntry.create({
      data: {
        courseId: assessment.courseId, assessmentId: assessment.id, actorId,
        action: before ? "override.update" : "override.create",
        detail: `override for ${data.studentId}: ${JSON.stringify(rules)}${before ? ` (was ${JSON.stringify(before.rules)})` : ""}`,
        reason: data.reason,
      },
    });
    return { row: saved, created: before === null };
  });
  return { ok: true, override: toOverride(row), warnings, created };
}

/** Remove one override (audited with the reason given); false when there is no such override on this assessment. */
export async function deleteOverride(assessment: StoredAssessment, overrideId: string, actorId: string, reason: string): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const row = await tx.assessmentOverride.findUnique({ where: { id: overrideId } });
    if (!row || row.assessmentId !== assessment.id) return false;
    await tx.assessmentOverride.delete({ where: { id: overrideId } });
    await tx.auditEntry.create({
      data: { courseId: assessment.courseId, assessmentId: assessment.id, actorId, action: "override.delete", detail: `override for ${row.userId} removed: ${JSON.stringify(row.rules)}`, reason },
    });
    return true;
  });
}

/** One line of the effective-rules view: the value as words and why it is so. */
export interface RuleLine {
  readonly rule: string;
  readonly value: string;
  readonly why: readonly string[];
}

export interface EffectiveRulesView {
  readonly studentId: string;
  readonly studentLabel: string;
  readonly phase: EffectiveRules["phase"];
  readonly lines: readonly RuleLine[];
}

const when = (ms: number | null, none: string) => (ms === null ? none : new Date(ms).toISOString().replace(".000Z", "Z"));
const why = (s: Sourced<unknown>) => s.from.map(describeSource);

/** What applies to one student of the course at `now` (the server clock unless given), and why; null when they are not a student of it. */
export async function effectiveRulesView(assessment: StoredAssessment, studentId: string, now: number = Date.now()): Promise<EffectiveRulesView | null> {
  const student = (await courseStudents(assessment.courseId)).find((s) => s.userId === studentId);
  if (!student) return null;
  const rules = effectiveRules(assessment.definition, await loadOverrides(assessment.id), { id: studentId, timeFactor: student.timeFactor }, now);
  const minutes = rules.timeLimitMs.value === null ? "untimed" : `${rules.timeLimitMs.value / 60_000} minutes`;
  const late = rules.late.value;
  return {
    studentId, studentLabel: student.label, phase: rules.phase,
    lines: [
      { rule: "Opens", value: when(rules.release.value, "at once"), why: why(rules.release) },
      { rule: "Closes", value: when(rules.close.value, "never"), why: why(rules.close) },
      { rule: "Late work", value: late ? `until ${when(late.until, "")} for ${late.creditPercent}% of the credit` : "not accepted", why: why(rules.late) },
      { rule: "Time limit", value: minutes, why: why(rules.timeLimitMs) },
      { rule: "Attempts", value: String(rules.attempts.value), why: why(rules.attempts) },
      { rule: "Password", value: rules.passwordRequired.value ? "required" : "not required", why: why(rules.passwordRequired) },
    ],
  };
}
