/**
 * How a graded field reads on the results page: its verdict (a carried-forward answer is not a plain
 * "Right"), answers to choices and orderings in the words the learner picked from (not internal ids),
 * a heading that does not repeat a question's prompt, and an honest first-divergence sentence.
 */
import type { FieldGrade, FieldStatus } from "@/lib/grader/types";
import type { PublicBlank } from "@/lib/grader/types";

export interface Verdict {
  readonly text: string;
  readonly icon: string;
  /** The tone the page colours it with: the status, or "carried" for a credited carried-forward answer. */
  readonly tone: FieldStatus | "carried";
  /** Whether the simulator's value is worth showing next to the answer. */
  readonly showExpected: boolean;
}

const STATUS: Readonly<Record<FieldStatus, { text: string; icon: string }>> = {
  correct: { text: "Right", icon: "✓" },
  "accepted-alternative": { text: "Accepted alternative", icon: "✓" },
  partial: { text: "Partly right", icon: "◐" },
  wrong: { text: "Wrong", icon: "✗" },
  "format-error": { text: "Format error", icon: "⚠" },
  unanswered: { text: "Not answered", icon: "–" },
};

export function verdictOf(f: Pick<FieldGrade, "status" | "carriedForward">): Verdict {
  if (f.status === "correct" && f.carriedForward) return { text: "Consistent with your earlier answer", icon: "↪", tone: "carried", showExpected: true };
  return { ...STATUS[f.status], tone: f.status, showExpected: f.status !== "correct" };
}

/** An answer or expected value in the words on the sheet: a choice's text, an ordering's steps. */
export function answerText(
  value: string | null,
  blank: Pick<PublicBlank, "kind" | "options"> | undefined,
  textByValue?: Readonly<Record<string, string>>,
): string | null {
  // A choice is graded by its value (option ids are random per attempt), so results name it by value.
  if (value !== null && textByValue && Object.prototype.hasOwnProperty.call(textByValue, value)) return textByValue[value]!;
  if (value === null || !blank?.options) return value;
  const text = new Map(blank.options.map((o) => [o.id.toLowerCase(), o.text]));
  if (blank.kind === "order") return value.split(" ").map((id) => text.get(id.toLowerCase()) ?? id).join(" → ");
  return text.get(value.toLowerCase()) ?? value;
}

/** The place shown after a field's label, or null when it would only repeat the label (a question's prompt). */
export function placeAfterLabel(label: string, place: string): string | null {
  const norm = (s: string) => s.trim().replace(/[\s?.:]+$/, "").toLowerCase();
  return norm(label) === norm(place) ? null : place;
}

/**
 * What can honestly be said about the fields before the first divergence: that they all matched
 * only when every one was right (not unreadable, not left blank, not carried from a mistake).
 */
export function beforeDivergence(fields: readonly Pick<FieldGrade, "id" | "status" | "carriedForward">[], firstId: string | undefined): string {
  const at = firstId === undefined ? -1 : fields.findIndex((f) => f.id === firstId);
  const before = at < 0 ? [] : fields.slice(0, at);
  const unread = before.filter((f) => f.status === "format-error").length;
  const blank = before.filter((f) => f.status === "unanswered").length;
  if (unread === 0 && blank === 0) return "Everything before this point matched the simulator.";
  const parts = [unread > 0 ? `${unread} could not be read` : null, blank > 0 ? `${blank} ${blank === 1 ? "was" : "were"} left blank` : null].filter(Boolean);
  return `Of the answers before this point, ${parts.join(" and ")}; the others matched the simulator.`;
}
