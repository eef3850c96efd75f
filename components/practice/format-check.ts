/**
 * Format checks as the learner types, with the grader's own parsers (phase 1 of grading: they read
 * an answer's shape and know nothing of the expected values, so they give nothing away).
 */
import { isBlank, parseAnswer, parseSocket, type FieldKind } from "@/lib/grader/kinds";
import type { AnswerValue, NatEntryValue } from "./answer-types";

type Options = readonly { readonly id: string; readonly text: string }[] | undefined;

const DOTTED_QUAD = /^\s*\d+\.\d+\.\d+\.\d+\s*$/;

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Why a text answer cannot be read, or null when it can (or is empty: empty is not an error). */
export function formatProblem(kind: FieldKind, value: AnswerValue | undefined, options: Options): string | null {
  if (value === undefined || isBlank(value)) return null;
  // A header's expected value decides whether it is read as an address; the browser does not know
  // it, so only text that is plainly meant as an address (four dotted numbers) is checked as one.
  const headerHint = kind === "header" && typeof value === "string" && DOTTED_QUAD.test(value) ? "0.0.0.0" : "";
  const parsed = parseAnswer(kind, value, options ?? null, headerHint);
  return parsed.ok ? null : sentence(parsed.error);
}

/** One part of a NAT entry (an address:port). */
export function socketProblem(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  const parsed = parseSocket(value);
  return parsed.ok ? null : sentence(parsed.error);
}

/** A NAT entry with some parts filled and some empty cannot be graded. */
export function natEntryIncomplete(value: NatEntryValue | undefined): boolean {
  if (!value) return false;
  const filled = [value.inside, value.translated, value.outside].map((p) => (p ?? "").trim() !== "");
  return filled.some(Boolean) && !filled.every(Boolean);
}

/** True when the learner has entered nothing for this blank. */
export function isEmptyAnswer(value: AnswerValue | undefined): boolean {
  return value === undefined || isBlank(value);
}

/** A short example of the expected format (never a value from the scenario). */
export function placeholderFor(kind: FieldKind): string | undefined {
  switch (kind) {
    case "ipv4": return "a.b.c.d";
    case "socket": return "a.b.c.d:port";
    case "mac": return "xx:xx:xx:xx:xx:xx";
    case "port": return "port";
    case "ttl": return "0-255";
    case "u32": return "number";
    case "integer": return "number";
    case "number": return "number";
    case "tcp-flags": return "flag names";
    case "hostname": return "host.name";
    case "cidr": return "a.b.c.d/len";
    default: return undefined;
  }
}
