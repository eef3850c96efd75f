/**
 * Phase 2 of grading: each blank gets {score, weight, feedback}. Free values are accepted when
 * valid and consistent; an early slip is carried forward instead of zeroing what follows; a
 * documented simplification earns its credit; a wrong answer that matches a misconceived world
 * is named. The result records everything needed to regrade it identically.
 */
import { ENGINE_VERSION } from "../engine/version";
import type { RuleId } from "../engine/rules";
import type { Concept, ScenarioFile } from "../scenario/schema";
import { Consistency } from "./consistency";
import { isBlank, parseAnswer, sameText, type ParsedAnswer } from "./kinds";
import { alternativeValue, findMisconception } from "./misconceptions";
import type { AnswerKey, FieldGrade, FieldStatus, GradeResult, KeyBlank, Misconception } from "./types";
import { buildAnswerKey } from "./sheet";

export const GRADER_VERSION = "1.0.0";

export interface GradeContext {
  readonly scenario: ScenarioFile;
  readonly contentHash: string;
}

const MAX_IGNORED = 20;

function own(answers: object, id: string): unknown {
  return Object.prototype.hasOwnProperty.call(answers, id) ? (answers as Record<string, unknown>)[id] : undefined;
}

function canonical(p: ParsedAnswer): string {
  if (p.kind === "single") return p.text;
  if (p.kind === "order") return p.ids.join(" ");
  const s = p.parts;
  if (s.length === 2) return `${s[0]}:${s[1]}`;
  return `${s[0]}:${s[1]} -> ${s[2]}:${s[3]} -> ${s[4]}:${s[5]}`;
}

function partsOf(p: ParsedAnswer): readonly string[] {
  return p.kind === "parts" ? p.parts : p.kind === "single" ? [p.text] : p.ids;
}

/** Longest common subsequence length, for partial credit on orderings. */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = x === b[j - 1] ? prev + 1 : Math.max(row[j]!, row[j - 1]!);
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function withinTolerance(given: string, expected: string): boolean {
  const g = Number(given);
  const e = Number(expected);
  return Number.isFinite(g) && Math.abs(g - e) <= Math.max(1, Math.abs(e) * 0.02);
}

/** Grades a learner's answers against a key. Never throws on any input. */
export function gradeAnswers(key: AnswerKey, answers: unknown, ctx: GradeContext): GradeResult {
  const input: object = answers !== null && typeof answers === "object" && !Array.isArray(answers) ? answers : {};
  const ids = new Set(key.blanks.map((b) => b.id));
  const ignored = Object.keys(input).filter((k) => !ids.has(k)).slice(0, MAX_IGNORED).map((k) => k.slice(0, 100));
  const parsed = new Map<string, { ok: true; value: ParsedAnswer } | { ok: false; error: string } | null>();
  const consistency = new Consistency(key.trace.symbols);
  for (const blank of key.blanks) {
    const raw = own(input, blank.id);
    if (isBlank(raw)) {
      parsed.set(blank.id, null);
      continue;
    }
    const p = blank.optionValues ? parseChoice(blank, blank.optionValues, raw) : parseAnswer(blank.kind, raw, blank.options, blank.expected);
    parsed.set(blank.id, p);
    if (!p.ok || blank.kind === "order") continue;
    partsOf(p.value).forEach((given, i) => {
      const part = blank.parts[i];
      if (part?.ref) consistency.observe(blank.id, i, { blank: blank.id, label: `${blank.at} (${blank.label})`, order: blank.order, ref: part.ref, given, expected: part.expected });
    });
  }
  const fields = key.blanks.map((blank) => gradeBlank(key, ctx, blank, parsed.get(blank.id) ?? null, consistency));
  return summarise(key, ctx, fields, ignored);
}

/** A choice answered by option id (as the practice page sends it) or by the value itself (as an API caller may). */
function parseChoice(blank: KeyBlank, values: Readonly<Record<string, string>>, raw: unknown) {
  const value = typeof raw === "string" && Object.prototype.hasOwnProperty.call(values, raw) ? values[raw] : raw;
  return parseAnswer(blank.kind, value, Object.values(values).map((v) => ({ id: v, text: v })), blank.expected);
}

type Base = Pick<KeyBlank, "id" | "label" | "flow" | "at" | "field" | "concept" | "weight" | "expected" | "reason" | "provenance">;

/** A field's grade, written out in full (one object shape; spreading a base object was the grader's hot spot). */
function fieldGrade(b: Base, status: FieldStatus, score: number, given: string | null, feedback: string, misconception: Misconception | null): FieldGrade {
  return {
    id: b.id, label: b.label, flow: b.flow, at: b.at, field: b.field, concept: b.concept, status, score, weight: b.weight,
    given, expected: b.expected, feedback, reason: b.reason, provenance: b.provenance, misconception,
  };
}

function gradeBlank(key: AnswerKey, ctx: GradeContext, blank: KeyBlank, p: { ok: true; value: ParsedAnswer } | { ok: false; error: string } | null, consistency: Consistency): FieldGrade {
  if (p === null) return fieldGrade(blank, "unanswered", 0, null, `Not answered. Expected ${blank.expected}.`, null);
  if (!p.ok) return fieldGrade(blank, "format-error", 0, null, `Could not read this answer: ${p.error}.`, null);
  const given = canonical(p.value);
  if (blank.kind === "order") {
    const expected = blank.parts.map((x) => x.expected);
    const score = lcs(partsOf(p.value), expected) / expected.length;
    const status: FieldStatus = score === 1 ? "correct" : score > 0 ? "partial" : "wrong";
    return fieldGrade(blank, status, score, given, score === 1 ? "Correct order." : `${Math.round(score * expected.length)} of ${expected.length} steps are in the right relative order.`, null);
  }
  const notes: string[] = [];
  const parts = partsOf(p.value);
  let right = 0;
  let carried = false;
  for (let i = 0; i < parts.length; i++) {
    const g = parts[i]!;
    const part = blank.parts[i]!;
    if (part.ref) {
      const v = consistency.verdict(blank.id, i);
      if (v.correct) right++;
      if (v.carried) carried = true;
      if (v.note) notes.push(v.note);
    } else if (blank.kind === "number" ? withinTolerance(g, part.expected) : sameText(blank.kind, g, part.expected)) {
      right++;
    }
  }
  const score = right / blank.parts.length;
  if (score === 1 && carried) {
    return { ...fieldGrade(blank, "correct", 1, given, [`Not the simulator's value (${blank.expected}), but`, ...notes].join(" ") + (notes.at(-1)?.endsWith(".") ? "" : "."), null), carriedForward: true };
  }
  if (score === 1) return fieldGrade(blank, "correct", 1, given, notes.length === 0 ? "Correct." : ["Correct.", ...notes.map(capitalise)].join(" "), null);
  const same = (a: string, b: string) => sameText(blank.kind, a, b);
  for (const alt of ctx.scenario.alternatives) {
    const v = alternativeValue(ctx.scenario, key.trace, blank, alt.rule as RuleId);
    if (v !== null && same(v, given)) return fieldGrade(blank, "accepted-alternative", alt.credit, given, alt.feedback, null);
  }
  const misconception: Misconception | null = findMisconception(ctx.scenario, key.trace, blank, given, same);
  const lines = [`Expected ${blank.expected}; you wrote ${given}.`];
  if (misconception) lines.push(`Your answer matches a common misconception: ${misconception.name}. ${misconception.truth}`);
  lines.push(...notes.map(capitalise));
  return fieldGrade(blank, score > 0 ? "partial" : "wrong", score, given, lines.join(" "), misconception);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1) + (s.endsWith(".") ? "" : ".");
}

function summarise(key: AnswerKey, ctx: GradeContext, fields: FieldGrade[], ignored: string[]): GradeResult {
  const byConcept: Partial<Record<Concept, { earned: number; possible: number }>> = {};
  let score = 0;
  let maxScore = 0;
  for (const f of fields) {
    const earned = f.score * f.weight;
    score += earned;
    maxScore += f.weight;
    const c = byConcept[f.concept] ?? { earned: 0, possible: 0 };
    byConcept[f.concept] = { earned: round(c.earned + earned), possible: c.possible + f.weight };
  }
  const first = fields.find((f) => f.status === "wrong" || f.status === "partial");
  const blank = first ? key.blanks.find((b) => b.id === first.id) : undefined;
  return {
    scenarioId: key.sheet.scenarioId, contentHash: ctx.contentHash, engineVersion: ENGINE_VERSION, graderVersion: GRADER_VERSION,
    seed: key.sheet.seed, difficulty: key.sheet.difficulty, score: round(score), maxScore, percent: maxScore === 0 ? 0 : round((score / maxScore) * 100),
    byConcept, fields, formatErrors: fields.filter((f) => f.status === "format-error").length,
    firstDivergence: first && blank ? { flow: first.flow, at: first.at, node: blank.node, label: first.label } : null, ignored,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A stored submission: enough to grade it again, identically or against a changed scenario. */
export interface Submission {
  readonly seed: number;
  readonly difficulty: import("../scenario/schema").Difficulty;
  readonly answers: unknown;
}

/** Builds the key for the submission's variant and grades it: the same inputs always give the same result. */
export function gradeSubmission(ctx: GradeContext, submission: Submission): GradeResult {
  return gradeAnswers(buildAnswerKey(ctx.scenario, submission.seed, submission.difficulty), submission.answers, ctx);
}
