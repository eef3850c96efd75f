/**
 * Follow-ups made by changing the scenario: apply a what-if, re-simulate the same variant, and
 * compare with the original, hop by hop and graded field by graded field (through the grader's
 * answer keys). The fields whose true value changed are what the candidate is asked next; a
 * what-if that changes none of them is refused, since it would test nothing.
 */
import { packetField } from "../engine/fields";
import type { DeliverEvent, DropEvent, FlowTrace, HopEvent, Trace, TraceEvent } from "../engine/trace-types";
import { buildAnswerKey, SheetError } from "../grader/sheet";
import { eventByKey, locate } from "../grader/locate";
import type { AnswerKey } from "../grader/types";
import type { Difficulty, ScenarioFile } from "../scenario/schema";
import type { WhatIf } from "../scenario/schema-what-if";
import { ScenarioVariantError, simulate } from "../simulate";
import { sheetFor } from "./plan";
import type { PlanFollowUp, PlanStage } from "./types";
import { applyWhatIf, whatIfId } from "./what-if";

const HEADER_FIELDS = ["eth.src", "eth.dst", "ip.src", "ip.dst", "ip.ttl", "l4.srcPort", "l4.dstPort", "tcp.flags", "tcp.seq", "tcp.ack"] as const;

export interface HopChange {
  readonly flow: string;
  readonly key: string;
  readonly node: string;
  readonly change: "added" | "removed" | "changed";
  /** For a changed hop: the header fields whose value differs, before -> after. */
  readonly fields: readonly { readonly field: string; readonly before: string | null; readonly after: string | null }[];
}

export interface FieldChange {
  readonly id: string;
  readonly label: string;
  readonly flow: string;
  readonly at: string;
  readonly before: string;
  /** null: the what-if removes the point this blank asks about (the hop no longer happens). */
  readonly after: string | null;
}

export type FollowUpRefusal = "NOT_APPLICABLE" | "VARIANT_FAILS" | "NO_GRADED_CHANGE";

export type FollowUpDiff =
  | {
    readonly ok: true;
    readonly whatIf: WhatIf;
    /** The changed scenario (questions about vanished hops left out), to grade the follow-up against. */
    readonly scenario: ScenarioFile;
    readonly key: AnswerKey;
    readonly hops: readonly HopChange[];
    readonly outcomes: readonly { readonly flow: string; readonly before: string; readonly after: string }[];
    readonly fields: readonly FieldChange[];
    /** Blanks of the changed key whose true value differs: what the follow-up asks. */
    readonly askable: readonly string[];
  }
  | { readonly ok: false; readonly reason: FollowUpRefusal; readonly message: string };

/** The changed scenario's questions, without those about hops, entries or values its trace no longer has. */
export function pruneQuestions(scenario: ScenarioFile, trace: Trace): ScenarioFile {
  const flows = new Map(trace.flows.map((f) => [f.id, f]));
  const has = (flow: FlowTrace | undefined, at: string) => flow !== undefined && eventByKey(flow, at) !== undefined;
  const questions = scenario.questions.filter((q) => flows.has(q.flow)).map((q) => {
    const flow = flows.get(q.flow);
    const dnsSteps = flow?.events.filter((e) => e.type === "dns").length ?? 0;
    return {
      ...q,
      hops: q.hops.filter((h) => { const e = flow && eventByKey(flow, h.at); return e !== undefined && isPacketEvent(e); }).map((h) => {
        // A hop can stay while a field it was asked about goes (no route matched, so no route.match).
        const kept = (fields: readonly string[]) => fields.filter((field) => locate(trace, { source: "packet", flow: q.flow, at: h.at, field }) !== null);
        return { ...h, beginner: kept(h.beginner), intermediate: kept(h.intermediate), advanced: kept(h.advanced) };
      }),
      nat: q.nat.filter((n) => flow !== undefined && eventByKey(flow, n.at)?.type === "nat" && locate(trace, { source: "nat", flow: q.flow, at: n.at }) !== null),
      order: dnsSteps >= 2 ? q.order : [],
      values: q.values.filter((v) => has(flow, v.at) && locate(trace, { source: "value", flow: q.flow, at: v.at, value: v.kind }) !== null),
    };
  });
  return { ...scenario, questions };
}

const outcomeText = (o: FlowTrace["outcome"]) => `${o.disposition} at ${o.component}`;

/** A flow that now ends differently is worth asking about even if the sheet did not ask its outcome. */
function askChangedOutcomes(scenario: ScenarioFile, before: Trace, after: Trace): ScenarioFile {
  const changed = after.flows.filter((f) => {
    const b = before.flows.find((x) => x.id === f.id);
    return b !== undefined && outcomeText(b.outcome) !== outcomeText(f.outcome);
  }).map((f) => f.id);
  if (changed.length === 0) return scenario;
  const outcome = { from: "beginner" as const, prompt: "After the change: how does this flow end, and which component decides it?" };
  const questions = scenario.questions.map((q) => (changed.includes(q.flow) ? { ...q, outcome } : q));
  for (const flow of changed) if (!questions.some((q) => q.flow === flow)) questions.push({ flow, hops: [], nat: [], order: [], values: [], outcome });
  return { ...scenario, questions };
}

function isPacketEvent(e: TraceEvent): e is HopEvent | DeliverEvent | DropEvent {
  return e.type === "hop" || e.type === "deliver" || e.type === "drop";
}

function hops(f: FlowTrace | undefined): (HopEvent | DeliverEvent | DropEvent)[] {
  return (f?.events ?? []).filter(isPacketEvent);
}

function hopChanges(before: Trace, after: Trace): HopChange[] {
  const out: HopChange[] = [];
  for (const fb of before.flows) {
    const fa = after.flows.find((f) => f.id === fb.id);
    const afterKeys = new Set(hops(fa).map((e) => e.key));
    const beforeKeys = new Set(hops(fb).map((e) => e.key));
    for (const e of hops(fb)) {
      const key = e.key;
      if (!afterKeys.has(key)) { out.push({ flow: fb.id, key, node: e.node, change: "removed", fields: [] }); continue; }
      const other = eventByKey(fa!, key)!;
      const read = (x: TraceEvent, field: string) => ("packet" in x && x.packet ? packetField(x.packet, field) : null);
      const fields = HEADER_FIELDS.map((field) => ({ field, before: read(e, field), after: read(other, field) }))
        .filter((x) => x.before !== x.after);
      if (fields.length > 0 || other.type !== e.type) out.push({ flow: fb.id, key, node: e.node, change: "changed", fields });
    }
    for (const e of hops(fa)) if (!beforeKeys.has(e.key)) out.push({ flow: fb.id, key: e.key, node: e.node, change: "added", fields: [] });
  }
  return out;
}

/** Re-simulates the variant with the what-if and says which hops and graded fields change. */
export function followUpDiff(scenario: ScenarioFile, seed: number, difficulty: Difficulty, whatIf: WhatIf, original?: AnswerKey): FollowUpDiff {
  const applied = applyWhatIf(scenario, whatIf);
  if (!applied.ok) return { ok: false, reason: "NOT_APPLICABLE", message: applied.message };
  const before = original ?? buildAnswerKey(scenario, seed, difficulty);
  let key: AnswerKey;
  let changed: ScenarioFile;
  try {
    const trace = simulate(applied.scenario, { seed });
    changed = askChangedOutcomes(pruneQuestions(applied.scenario, trace), before.trace, trace);
    key = buildAnswerKey(changed, seed, difficulty);
  } catch (e) {
    if (e instanceof ScenarioVariantError || e instanceof SheetError) return { ok: false, reason: "VARIANT_FAILS", message: `${whatIfId(whatIf)}: ${e.message}` };
    throw e;
  }
  const now = new Map(key.blanks.map((b) => [b.id, b]));
  const was = new Set(before.blanks.map((b) => b.id));
  const fields: FieldChange[] = [];
  for (const b of before.blanks) {
    const a = now.get(b.id);
    if (a === undefined || a.expected !== b.expected) fields.push({ id: b.id, label: b.label, flow: b.flow, at: b.at, before: b.expected, after: a?.expected ?? null });
  }
  // Outcome questions the follow-up added: compared with the original trace's own outcome.
  for (const b of key.blanks) {
    if (was.has(b.id)) continue;
    const old = locate(before.trace, b.source)?.expected ?? "";
    if (old !== b.expected) fields.push({ id: b.id, label: b.label, flow: b.flow, at: b.at, before: old, after: b.expected });
  }
  const askable = fields.filter((f) => f.after !== null).map((f) => f.id);
  if (askable.length === 0) {
    return { ok: false, reason: "NO_GRADED_CHANGE", message: `${whatIfId(whatIf)} changes no field the ${difficulty} sheet grades${fields.length > 0 ? ` (it only removes ${fields.length} asked point(s))` : ""}` };
  }
  const outcomes = before.trace.flows.flatMap((f) => {
    const a = key.trace.flows.find((x) => x.id === f.id);
    return a && outcomeText(a.outcome) !== outcomeText(f.outcome) ? [{ flow: f.id, before: outcomeText(f.outcome), after: outcomeText(a.outcome) }] : [];
  });
  return { ok: true, whatIf, scenario: changed, key, hops: hopChanges(before.trace, key.trace), outcomes, fields, askable };
}

/**
 * The stage a follow-up adds to the session: its question, the changed fields to predict, the
 * changed trace's sheet for them. Context cells that show any of the original key's expected
 * values are left out, so the follow-up cannot give away a stage that is still to come.
 */
export function followUpStage(followUp: PlanFollowUp, diff: Extract<FollowUpDiff, { ok: true }>, original: AnswerKey, minutes = 5): PlanStage {
  const secrets = new Set(original.blanks.flatMap((b) => [b.expected, ...b.parts.map((p) => p.expected)]));
  const sheet = sheetFor(diff.key, new Set(diff.askable)).map((f) => ({ ...f, rows: f.rows.map((r) => ({ ...r, context: r.context.filter((c) => !secrets.has(c.value)) })) }));
  const concepts = [...new Set(diff.key.blanks.filter((b) => diff.askable.includes(b.id)).map((b) => b.concept))];
  return {
    id: `follow-up-${followUp.id}`, title: "Follow-up", prompt: followUp.question, minutes, origin: "follow-up", blanks: diff.askable, sheet, concepts,
    hints: [], points: followUp.modelAnswer ? [{ point: followUp.modelAnswer, weight: 1 }] : [], whatIf: diff.whatIf, followUpId: followUp.id,
  };
}
