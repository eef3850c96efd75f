/**
 * Grading a drill in two phases, parse then grade: each answer is first read with the lib/net
 * parsers (unreadable input is a format error, which costs nothing), then compared with the
 * answer regenerated from the seed. Nothing a browser sends can make it throw.
 */
import { maskOf } from "../net/cidr";
import { fail, ok, type Parsed } from "../net/result";
import { describeAnswer, formatAnswer, parseAnswer, sameAnswer } from "./answers";
import { generateDrill, isDrillKind, isDrillSeed } from "./generate";
import type { AnswerValue, BlankGrade, DrillBlank, DrillGrade, DrillKind } from "./types";

const WEIGHT = 1;

/**
 * Reads one answer without trusting the container: only own properties (so "__proto__" or
 * "constructor" in the input mean nothing), and a throwing getter or proxy counts as no answer.
 */
function readAnswer(answers: unknown, id: string): unknown {
  try {
    if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return undefined;
    return Object.prototype.hasOwnProperty.call(answers, id) ? (answers as Record<string, unknown>)[id] : undefined;
  } catch {
    return undefined; // a revoked proxy, or a getter that throws
  }
}

/** Feedback for a wrong answer that is not one of the blank's known mistakes. */
function genericFeedback(blank: DrillBlank, given: AnswerValue): string {
  const expected = blank.expected;
  if (given.type === "cidr" && expected.type === "cidr") {
    const network = (given.address & maskOf(given.prefix)) >>> 0;
    if (network !== given.address) {
      return `${formatAnswer(given)} has host bits set: a block is written with every bit after the first ${given.prefix} cleared.`;
    }
    if (given.prefix !== expected.prefix) return `The question asks for a /${expected.prefix} block.`;
  }
  if (given.type === "ipv4" && expected.type === "ipv4" && expected.address !== null && given.address === null) {
    return "There is an address here: \"none\" is only right for a /31 or /32 broadcast.";
  }
  return "Not quite: the explanation shows the working.";
}

function gradeBlank(blank: DrillBlank, raw: unknown): BlankGrade {
  const parsed = parseAnswer(blank.format, raw);
  if (!parsed.ok) {
    return { blankId: blank.id, status: "format-error", correct: false, score: 0, weight: WEIGHT, expected: null, feedback: parsed.error, explanation: null };
  }
  const correct = sameAnswer(parsed.value, blank.expected);
  const known = correct ? undefined : blank.mistakes.find((m) => sameAnswer(m.answer, parsed.value));
  return {
    blankId: blank.id,
    status: correct ? "correct" : "incorrect",
    correct,
    score: correct ? WEIGHT : 0,
    weight: WEIGHT,
    expected: describeAnswer(blank.expected, blank.format),
    feedback: correct ? "Correct." : known?.feedback ?? genericFeedback(blank, parsed.value),
    explanation: blank.explanation,
  };
}

/**
 * Grades a learner's answers ({ blankId: answer }) to the drill of (seed, kind). Unknown blank
 * ids are ignored; a missing or unreadable answer is a format error for that blank. Fails (without
 * throwing) only when the seed or kind is not one the bank could have produced.
 */
export function gradeDrill(seed: unknown, kind: unknown, answers: unknown): Parsed<DrillGrade> {
  if (!isDrillSeed(seed)) return fail("unknown drill: the seed must be a whole number 0-4294967295");
  if (!isDrillKind(kind)) return fail("unknown drill kind");
  const drill = generateDrill(seed, kind);
  const blanks = drill.blanks.map((b) => gradeBlank(b, readAnswer(answers, b.id)));
  return ok({
    drillId: drill.id,
    blanks,
    score: blanks.reduce((sum, b) => sum + b.score, 0),
    maxScore: blanks.reduce((sum, b) => sum + b.weight, 0),
    formatErrors: blanks.filter((b) => b.status === "format-error").length,
  });
}

/** The answers that score full marks, as a learner would type them; for tests and authors. */
export function answerKey(seed: number, kind?: DrillKind): Record<string, string> {
  const drill = generateDrill(seed, kind);
  return Object.fromEntries(drill.blanks.map((b) => [b.id, formatAnswer(b.expected)]));
}
