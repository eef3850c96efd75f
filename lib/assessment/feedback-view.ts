/**
 * An attempt's grading cut down to the feedback parts whose moment has come (see feedback.ts):
 * the server builds this view and serialises only it, so a part that is not yet visible is not in
 * any response, page or RSC payload. Every field of the grader's result is assigned to one part:
 *
 * - score: each question's points and the total, per concept;
 * - correctness: which fields were right or wrong (and the first divergence's place), never a value;
 * - expected: the expected value, its reason, its provenance and the grader's sentence (which quotes it);
 * - misconceptions: the misconception a wrong answer matches;
 * - journey: the packet journey, served separately from the trace (the caller checks `parts`).
 *
 * What the student typed is theirs and is always shown.
 */
import type { FieldGrade, FieldStatus, GradeResult } from "../grader/types";
import type { FeedbackPart } from "./schema";

export interface FieldView {
  readonly id: string;
  readonly label: string;
  readonly flow: string;
  readonly at: string;
  readonly given: string | null;
  /** correctness */
  readonly status?: FieldStatus;
  readonly score?: number;
  readonly weight?: number;
  /** expected */
  readonly expected?: string;
  readonly reason?: string;
  readonly feedback?: string;
  readonly provenance?: FieldGrade["provenance"];
  readonly carriedForward?: boolean;
  /** misconceptions */
  readonly misconception?: FieldGrade["misconception"];
}

export interface QuestionFeedback {
  readonly slot: string;
  readonly title: string;
  readonly points: number;
  /** score: the points earned (after scaling the grader's score to the question's points). */
  readonly earned?: number;
  readonly fields: readonly FieldView[];
  readonly firstDivergence?: GradeResult["firstDivergence"];
  /** misconceptions: the distinct misconceptions found in this question. */
  readonly misconceptions?: readonly NonNullable<FieldGrade["misconception"]>[];
}

export interface QuestionGrading {
  readonly slot: string;
  readonly title: string;
  readonly points: number;
  /** The answers of this question as the student saved them (shown whatever the rules). */
  readonly answers: Readonly<Record<string, string>>;
  /** The grader's result, or null when not graded yet. */
  readonly result: GradeResult | null;
}

/** The view of one question with only `parts`. */
export function questionFeedback(q: QuestionGrading, parts: readonly FeedbackPart[]): QuestionFeedback {
  const has = (p: FeedbackPart) => parts.includes(p);
  const fields = (q.result?.fields ?? []).map((f): FieldView => ({
    id: f.id, label: f.label, flow: f.flow, at: f.at, given: f.given ?? q.answers[f.id] ?? null,
    ...(has("correctness") ? { status: f.status, score: f.score, weight: f.weight } : {}),
    ...(has("expected") ? { expected: f.expected, reason: f.reason, feedback: f.feedback, provenance: f.provenance, ...(f.carriedForward ? { carriedForward: true } : {}) } : {}),
    ...(has("misconceptions") && f.misconception ? { misconception: f.misconception } : {}),
  }));
  const found = new Map<string, NonNullable<FieldGrade["misconception"]>>();
  for (const f of q.result?.fields ?? []) if (f.misconception) found.set(f.misconception.rule, f.misconception);
  const earned = q.result && q.result.maxScore > 0 ? (q.result.score / q.result.maxScore) * q.points : 0;
  return {
    slot: q.slot, title: q.title, points: q.points, fields,
    ...(has("score") && q.result ? { earned: Math.round(earned * 100) / 100 } : {}),
    ...(has("correctness") && q.result ? { firstDivergence: q.result.firstDivergence } : {}),
    ...(has("misconceptions") && q.result ? { misconceptions: [...found.values()] } : {}),
  };
}

export interface AttemptFeedback {
  readonly parts: readonly FeedbackPart[];
  /** score: the attempt's score that counts (after late and per-try credit) and its maximum. */
  readonly score?: { readonly earned: number; readonly possible: number };
  readonly questions: readonly QuestionFeedback[];
}

/** The feedback of a whole attempt with only `parts`; `score` is the stored attempt score. */
export function attemptFeedback(
  questions: readonly QuestionGrading[],
  score: { readonly earned: number | null; readonly possible: number | null },
  parts: readonly FeedbackPart[],
): AttemptFeedback {
  const showScore = parts.includes("score") && score.earned !== null && score.possible !== null;
  return {
    parts,
    ...(showScore ? { score: { earned: score.earned!, possible: score.possible! } } : {}),
    questions: questions.map((q) => questionFeedback(q, parts)),
  };
}
