/**
 * The grader's data: the answer sheet a learner sees (no expected values in it), the answer key
 * that stays on the server, and the grading result.
 */
import type { Concept, Difficulty } from "../scenario/schema";
import type { FieldRef, FreeSpec, Provenance, Trace } from "../engine/trace-types";
import type { FieldKind } from "./kinds";
import type { BlankSource } from "./locate";

/** A blank as the learner sees it: what to fill in, never its answer. */
export interface PublicBlank {
  readonly id: string;
  readonly kind: FieldKind;
  readonly label: string;
  /** For choices and orderings: what to choose from; ids keyed per attempt, never derived from the answer. */
  readonly options?: readonly { readonly id: string; readonly text: string }[];
  readonly hint?: string;
}

/** A row of the hop table: one packet at one point of its journey. */
export interface SheetRow {
  readonly id: string;
  readonly flow: string;
  readonly key: string;
  readonly node: string;
  readonly nodeLabel: string;
  readonly title: string;
  /** Header fields shown as given (none of them reveals an answer). */
  readonly context: readonly { readonly field: string; readonly label: string; readonly value: string }[];
  readonly blanks: readonly PublicBlank[];
}

export interface SheetQuestion {
  readonly id: string;
  readonly flow: string;
  readonly prompt: string;
  readonly blanks: readonly PublicBlank[];
}

export interface SheetFlow {
  readonly id: string;
  readonly title: string;
  readonly question: string | null;
  readonly rows: readonly SheetRow[];
  readonly questions: readonly SheetQuestion[];
}

/** What the browser gets: the story and the blanks. */
export interface AnswerSheet {
  readonly scenarioId: string;
  readonly title: string;
  readonly seed: number;
  readonly difficulty: Difficulty;
  readonly story: string;
  readonly flows: readonly SheetFlow[];
  readonly blankCount: number;
}

/** One part of a blank's expected value tied to a symbol (a composite socket has two). */
export interface KeyPart {
  readonly expected: string;
  readonly ref: FieldRef | null;
  readonly free: FreeSpec | null;
}

/** What the server knows about a blank. */
export interface KeyBlank {
  readonly id: string;
  readonly kind: FieldKind;
  readonly label: string;
  readonly flow: string;
  /** The event the blank is about (hop key, NAT entry key, or the flow's outcome). */
  readonly at: string;
  readonly node: string;
  /** Field id for packet blanks ("src", "ip.ttl", ...), or the question kind. */
  readonly field: string;
  readonly order: number;
  readonly weight: number;
  readonly concept: Concept;
  readonly expected: string;
  readonly parts: readonly KeyPart[];
  readonly options: readonly { readonly id: string; readonly text: string }[] | null;
  /** For choices: option id -> the value compared with `expected` (ids are keyed per attempt). */
  readonly optionValues: Readonly<Record<string, string>> | null;
  readonly reason: string;
  readonly provenance: Provenance | null;
  readonly source: BlankSource;
}

export interface AnswerKey {
  readonly sheet: AnswerSheet;
  readonly blanks: readonly KeyBlank[];
  readonly trace: Trace;
}

export type FieldStatus = "correct" | "accepted-alternative" | "partial" | "wrong" | "format-error" | "unanswered";

export interface Misconception {
  readonly rule: string;
  readonly name: string;
  readonly truth: string;
}

export interface FieldGrade {
  readonly id: string;
  readonly label: string;
  readonly flow: string;
  readonly at: string;
  readonly field: string;
  readonly concept: Concept;
  readonly status: FieldStatus;
  readonly score: number;
  readonly weight: number;
  readonly given: string | null;
  readonly expected: string;
  readonly feedback: string;
  readonly reason: string;
  readonly provenance: Provenance | null;
  readonly misconception: Misconception | null;
  /**
   * Credited, but not the simulator's value: it follows from an earlier wrong answer, whose
   * mistake is counted there. Shown as "consistent with your earlier answer" with the true value.
   */
  readonly carriedForward?: boolean;
}

export interface GradeResult {
  readonly scenarioId: string;
  readonly contentHash: string;
  readonly engineVersion: string;
  readonly graderVersion: string;
  readonly seed: number;
  readonly difficulty: Difficulty;
  readonly score: number;
  readonly maxScore: number;
  readonly percent: number;
  readonly byConcept: Readonly<Partial<Record<Concept, { readonly earned: number; readonly possible: number }>>>;
  readonly fields: readonly FieldGrade[];
  readonly formatErrors: number;
  /** The first point, in the order of the journey, where the learner's picture differed from the simulator's. */
  readonly firstDivergence: { readonly flow: string; readonly at: string; readonly node: string; readonly label: string } | null;
  /** Keys of the answers that named no blank (ignored). */
  readonly ignored: readonly string[];
  /**
   * Set when this is a regrade of a stored grading whose verdicts it does not reproduce (the
   * scenario changed since): the content hash the stored grading was made against.
   */
  readonly regradedFrom?: string;
}
