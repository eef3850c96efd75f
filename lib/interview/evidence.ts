/**
 * Evidence for the interviewer's rubric marks: references to entries of the session's event log
 * (by sequence number, 1 being `created`), never copied text. Two kinds of entry can back a mark:
 * the interviewer's private notes and the candidate's saved answers. The text is looked up in the
 * state when a page is drawn, and reaches the candidate's report only for the entries the
 * interviewer attached, once the scorecard is submitted (see `reportEvidence`).
 */
import type { AnswerValue, EvidenceRef, SessionState } from "./types";

export interface EvidenceEntry {
  /** The log entry's sequence number. */
  readonly seq: number;
  readonly at: number;
  readonly kind: "note" | "answer";
  readonly stageId: string | null;
  /** The stage's title, for a reader who does not know stage ids. */
  readonly stageTitle: string | null;
  readonly text: string;
}

function show(v: AnswerValue): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return (v as readonly string[]).join(" → ");
  const nat = v as { inside: string; translated: string; outside: string };
  return `${nat.inside} / ${nat.translated} / ${nat.outside}`;
}

/** The label a stage's sheet gives a blank (its id when the sheet has none). */
function blankLabel(state: SessionState, stageId: string, blank: string): string {
  const sheet = state.stages.find((s) => s.def.id === stageId)?.def.sheet ?? [];
  for (const flow of sheet) {
    for (const row of flow.rows) for (const b of row.blanks) if (b.id === blank) return `${b.label} at ${row.nodeLabel}`;
    for (const q of flow.questions) for (const b of q.blanks) if (b.id === blank) return b.label;
  }
  return blank;
}

/** Every log entry a mark may cite, in log order: notes and the candidate's answer saves. */
export function evidenceOptions(state: SessionState): EvidenceEntry[] {
  const titleOf = (id: string | null) => (id === null ? null : state.stages.find((s) => s.def.id === id)?.def.title ?? null);
  const notes = state.notes.map((n): EvidenceEntry => ({ seq: n.seq, at: n.at, kind: "note", stageId: n.stageId, stageTitle: titleOf(n.stageId), text: n.text }));
  const answers = state.answerSaves.map((a): EvidenceEntry => ({
    seq: a.seq, at: a.at, kind: "answer", stageId: a.stageId, stageTitle: titleOf(a.stageId),
    text: Object.entries(a.answers).map(([blank, v]) => `${blankLabel(state, a.stageId, blank)}: ${show(v) || "(blank)"}`).join("; "),
  }));
  return [...notes, ...answers].sort((x, y) => x.seq - y.seq);
}

export type ResolvedRefs = { readonly ok: true; readonly seqs: readonly number[] } | { readonly ok: false; readonly missing: readonly string[] };

/**
 * Turns a mark's references into sequence numbers of citable entries: a number is a log entry, a
 * string a note id ("n2", as the first logs stored them). Duplicates collapse; an entry that is
 * neither a note nor an answer save is missing.
 */
export function resolveEvidenceRefs(state: SessionState, refs: readonly EvidenceRef[]): ResolvedRefs {
  const citable = new Set([...state.notes.map((n) => n.seq), ...state.answerSaves.map((a) => a.seq)]);
  const seqs: number[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const seq = typeof ref === "string" ? state.notes.find((n) => n.id === ref)?.seq : ref;
    if (seq === undefined || !citable.has(seq)) missing.push(String(ref));
    else if (!seqs.includes(seq)) seqs.push(seq);
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, seqs: seqs.sort((a, b) => a - b) };
}

/** The entries a list of sequence numbers names (those that exist), in log order. */
export function evidenceOf(state: SessionState, seqs: readonly number[]): EvidenceEntry[] {
  return evidenceOptions(state).filter((e) => seqs.includes(e.seq));
}

/**
 * The evidence of one dimension as the candidate's report may show it: only what the interviewer
 * attached, and nothing before the scorecard is submitted (a mark can still change until then).
 */
export function reportEvidence(state: SessionState, dimension: string): EvidenceEntry[] {
  const mark = state.rubric[dimension];
  if (state.scorecardAt === null || !mark) return [];
  return evidenceOf(state, mark.evidence);
}
