/**
 * A learner's answers as the form holds them and the API stores them: text, an ordering (item
 * ids), or a NAT entry's three address:port parts.
 */
export interface NatEntryValue {
  readonly inside?: string;
  readonly translated?: string;
  readonly outside?: string;
}

export type AnswerValue = string | readonly string[] | NatEntryValue;

export type Answers = Readonly<Record<string, AnswerValue>>;

export const NAT_PARTS = [
  { part: "inside", label: "Inside address:port" },
  { part: "translated", label: "Translated address:port" },
  { part: "outside", label: "Outside address:port" },
] as const;

/** Saved answers from the server, kept only where they have one of the three shapes. */
export function answersFrom(saved: Readonly<Record<string, unknown>>): Answers {
  const out: Record<string, AnswerValue> = {};
  for (const [id, v] of Object.entries(saved)) {
    if (typeof v === "string") out[id] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) out[id] = v as string[];
    else if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const entry: Record<string, string> = {};
      for (const { part } of NAT_PARTS) if (typeof o[part] === "string") entry[part] = o[part];
      out[id] = entry;
    }
  }
  return out;
}
