/**
 * A scenario's teaching-point checks, evaluated against a trace: the flow ends as the story says,
 * and the facts it turns on (NAT translated, caches hit, two sources differ) hold in every variant.
 */
import { eventField } from "../engine/fields";
import type { FlowTrace, Trace, TraceEvent } from "../engine/trace-types";
import type { ScenarioFile } from "./schema";

export interface CheckFailure {
  readonly flow: string;
  readonly check: string;
  readonly message: string;
}

function locate(trace: Trace, flow: FlowTrace, ref: string): { event: TraceEvent | undefined; field: string; text: string } {
  const [where, field] = ref.split(" ") as [string, string];
  const slash = where.indexOf("/");
  const target = slash >= 0 ? trace.flows.find((f) => f.id === where.slice(0, slash)) : flow;
  const key = slash >= 0 ? where.slice(slash + 1) : where;
  const event = target?.events.find((e) => "key" in e && e.key === key);
  return { event, field, text: ref };
}

function read(trace: Trace, flow: FlowTrace, ref: string): { value: string | null; problem: string | null } {
  const { event, field } = locate(trace, flow, ref);
  if (!event) return { value: null, problem: `no event "${ref.split(" ")[0]}"` };
  const value = eventField(event, field);
  return value === null ? { value, problem: `"${ref}" has no value` } : { value, problem: null };
}

/** Every way the trace departs from what the (substituted) scenario says its flows show. */
export function checkTrace(file: ScenarioFile, trace: Trace): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const spec of file.flows) {
    const flow = trace.flows.find((f) => f.id === spec.id);
    const fail = (check: string, message: string) => failures.push({ flow: spec.id, check, message });
    if (!flow) {
      fail("flow", "missing from the trace");
      continue;
    }
    const o = flow.outcome;
    if (o.disposition !== spec.expect.outcome) fail("outcome", `expected ${spec.expect.outcome}, got ${o.disposition} at ${o.node}: ${o.reason}`);
    if (spec.expect.at !== undefined && o.node !== spec.expect.at) fail("at", `expected to end at ${spec.expect.at}, ended at ${o.node}`);
    if (spec.expect.component !== undefined && o.component !== spec.expect.component) fail("component", `expected ${spec.expect.component} to be blamed, got ${o.component}`);
    for (const c of spec.expect.checks) {
      if ("event" in c) {
        const matching = flow.events.filter((e) => e.type === c.event.type && (c.event.node === undefined || e.node === c.event.node)
          && (c.event.status === undefined || ("status" in e && e.status === c.event.status) || ("result" in e && String(e.result).startsWith(c.event.status)))
          && (c.event.step === undefined || ("step" in e && e.step === c.event.step))
          && (c.event.action === undefined || ("action" in e && e.action === c.event.action) || ("op" in e && e.op === c.event.action)));
        const ok = c.count === undefined ? matching.length > 0 : matching.length === c.count;
        if (!ok) fail(JSON.stringify(c.event), `expected ${c.count ?? "at least one"} such event, found ${matching.length}`);
        continue;
      }
      const a = read(trace, flow, c.field);
      if (a.problem) {
        fail(c.field, a.problem);
        continue;
      }
      if ("equals" in c && a.value !== c.equals) fail(c.field, `expected ${c.equals}, got ${a.value}`);
      if ("sameAs" in c || "differsFrom" in c) {
        const other = "sameAs" in c ? c.sameAs : c.differsFrom;
        const b = read(trace, flow, other);
        if (b.problem) fail(other, b.problem);
        else if ("sameAs" in c && a.value !== b.value) fail(c.field, `expected the same value as ${other} (${b.value}), got ${a.value}`);
        else if ("differsFrom" in c && a.value === b.value) fail(c.field, `expected a different value from ${other}, both are ${a.value}`);
      }
    }
  }
  return failures;
}
