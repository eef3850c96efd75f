/**
 * The shapes of an addressing drill: what the server generates (with answers), what the browser
 * may see (without them), and what grading returns.
 */
import type { Cidr } from "../net/cidr";
import type { Ipv4 } from "../net/ipv4";

/** Every kind of drill, in the order a learner would usually meet them. */
export const DRILL_KINDS = [
  "subnet-facts",
  "address-category",
  "classful-class",
  "netmask-prefix",
  "cidr-contains",
] as const;

export type DrillKind = (typeof DRILL_KINDS)[number];

/** One option of a multiple-choice blank; learners answer with the id. */
export interface ChoiceOption {
  readonly id: string;
  readonly label: string;
}

/** What a blank accepts, which is all a browser needs to render its input. */
export type AnswerFormat =
  | { readonly type: "ipv4"; /** "none" is a valid answer (a /31 has no broadcast). */ readonly noneAllowed: boolean }
  | { readonly type: "integer" }
  | { readonly type: "cidr" }
  | { readonly type: "prefix" }
  | { readonly type: "choice"; readonly options: readonly ChoiceOption[] };

/** A learner's answer once parsed, or a correct answer: integers for addresses, never strings. */
export type AnswerValue =
  | { readonly type: "ipv4"; /** null means "there is none". */ readonly address: Ipv4 | null }
  | { readonly type: "integer"; readonly value: number }
  | { readonly type: "cidr"; /** As written: host bits may be set, which grading points out. */ readonly address: Ipv4; readonly prefix: number }
  | { readonly type: "prefix"; readonly prefix: number }
  | { readonly type: "choice"; readonly option: string };

/** A wrong answer learners often give, with feedback aimed at that misunderstanding. */
export interface KnownMistake {
  readonly answer: AnswerValue;
  readonly feedback: string;
}

/** A blank as the server holds it: the correct answer and how to explain it. */
export interface DrillBlank {
  readonly id: string;
  readonly label: string;
  readonly format: AnswerFormat;
  readonly expected: AnswerValue;
  /** Why the expected answer is right, in a sentence or two; shown after grading. */
  readonly explanation: string;
  readonly mistakes: readonly KnownMistake[];
}

/** The inputs a drill was built from, so tests (and authors) can check it without reading prose. */
export type DrillGiven =
  | { readonly kind: "subnet-facts"; readonly address: Ipv4; readonly prefix: number }
  | { readonly kind: "address-category"; readonly address: Ipv4 }
  | { readonly kind: "classful-class"; readonly address: Ipv4 }
  | { readonly kind: "netmask-prefix"; readonly direction: "prefix-to-mask"; readonly prefix: number }
  | { readonly kind: "netmask-prefix"; readonly direction: "mask-to-prefix"; readonly mask: Ipv4 }
  | { readonly kind: "cidr-contains"; readonly address: Ipv4; readonly block: Cidr };

/** A generated drill with its answers. Server-side only: send `publicDrill(drill)` to a browser. */
export interface Drill {
  /** Stable for a (kind, seed) pair, e.g. "subnet-facts-42". */
  readonly id: string;
  readonly seed: number;
  readonly kind: DrillKind;
  readonly prompt: string;
  readonly given: DrillGiven;
  readonly blanks: readonly DrillBlank[];
}

/** A blank as a browser sees it. */
export interface PublicBlank {
  readonly id: string;
  readonly label: string;
  readonly format: AnswerFormat;
}

/** A drill with the answers taken out. */
export interface PublicDrill {
  readonly id: string;
  readonly seed: number;
  readonly kind: DrillKind;
  readonly prompt: string;
  readonly blanks: readonly PublicBlank[];
}

/**
 * The grade of one blank. A format error (unreadable or missing answer) scores nothing but is not
 * a wrong mark, and it reveals neither the answer nor its explanation, so the learner can fix the
 * notation and resubmit without having been shown the answer.
 */
export type BlankGrade =
  | {
      readonly blankId: string;
      readonly status: "correct" | "incorrect";
      readonly correct: boolean;
      readonly score: number;
      readonly weight: number;
      /** The correct answer, written the way a learner would write it. */
      readonly expected: string;
      readonly feedback: string;
      readonly explanation: string;
    }
  | {
      readonly blankId: string;
      readonly status: "format-error";
      readonly correct: false;
      readonly score: 0;
      readonly weight: number;
      readonly expected: null;
      /** What is wrong with the notation, and how to write it. */
      readonly feedback: string;
      readonly explanation: null;
    };

/** The grade of a whole drill. */
export interface DrillGrade {
  readonly drillId: string;
  readonly blanks: readonly BlankGrade[];
  readonly score: number;
  readonly maxScore: number;
  /** How many blanks could not be read; when 0 every blank was graded. */
  readonly formatErrors: number;
}
