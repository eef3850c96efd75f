/**
 * Builds the answer sheet for a scenario, seed and difficulty: which hops and fields are asked,
 * what is shown as context (only what gives no answer away), and the server-side key.
 */
import { packetField } from "../engine/fields";
import type { Decision, DnsEvent, Provenance, Trace, TraceEvent } from "../engine/trace-types";
import { DISPOSITIONS } from "../engine/trace-types";
import type { Concept, Difficulty, ScenarioFile } from "../scenario/schema";
import { DIFFICULTIES } from "../scenario/schema";
import { simulate, variantOf } from "../simulate";
import { conceptOf, DISPOSITION_TEXT, dispositionConcept, fieldInfo, messageName, rowTitle } from "./describe";
import type { FieldKind } from "./kinds";
import { eventByKey, locate, type BlankSource } from "./locate";
import { withExplanation } from "./explain";
import { catalogueKeying, keyChoices, keyOrder, type OptionKeying } from "./option-ids";
import type { AnswerKey, AnswerSheet, KeyBlank, PublicBlank, SheetFlow, SheetQuestion, SheetRow } from "./types";

/** An error in the scenario's question list (it names a hop or field the trace does not have). */
export class SheetError extends Error {
  override readonly name = "SheetError";
}

const CONTEXT_FIELDS = ["eth.src", "eth.dst", "ip.src", "l4.srcPort", "ip.dst", "l4.dstPort", "ip.ttl", "ip.protocol", "tcp.flags", "tcp.seq", "tcp.ack"] as const;

function levelsUpTo(d: Difficulty): Difficulty[] {
  return DIFFICULTIES.slice(0, DIFFICULTIES.indexOf(d) + 1);
}

function reasonFor(field: string, e: TraceEvent): { reason: string; provenance: Provenance | null } {
  const decisions: readonly Decision[] = "decisions" in e ? e.decisions : [];
  const wanted: Decision["kind"][] = field.startsWith("eth.") ? ["l2-rewrite", "arp"]
    : field === "ip.ttl" ? ["ttl"]
    : field === "ip.src" || field === "src" || field === "l4.srcPort" ? ["snat", "undnat"]
    : field === "ip.dst" || field === "dst" || field === "l4.dstPort" ? ["dnat", "unsnat", "route"]
    : [];
  const d = decisions.find((x) => wanted.includes(x.kind));
  if (d) return { reason: d.reason, provenance: d.provenance };
  return { reason: e.reason, provenance: "provenance" in e ? e.provenance : null };
}

const DNS_STEP_TEXT: Readonly<Record<string, string>> = {
  "browser-cache": "Look in the browser's DNS cache", "os-cache": "Look in the operating system's DNS cache",
  "search-domain": "Expand the short name with the search domains", "stub-query": "Send a query to the configured nameserver",
  "resolver-cache": "The resolver looks in its own cache", answer: "The authoritative server answers with the address",
  nxdomain: "The answer comes back: no such name",
};

function dnsItemText(e: DnsEvent): string {
  if (e.step === "iterative-query") return `The resolver asks ${e.result.replace(/^asks /, "").replace(/ \(.*$/, "")}`;
  if (e.step === "referral") return `A referral for ${e.result.split(" -> ")[0]} to ${e.result.split(" -> ")[1]?.replace(/ \(.*$/, "")}`;
  if (e.step === "cache-fill") return e.reason.includes("browser") ? "Store the answer in the browser's cache" : "Store the answer in the OS cache";
  return DNS_STEP_TEXT[e.step] ?? e.step;
}

interface Builder {
  readonly trace: Trace;
  readonly blanks: KeyBlank[];
  readonly nodeKind: ReadonlyMap<string, import("../engine/model").NodeKind>;
  readonly nodeLabel: ReadonlyMap<string, string>;
}

function addBlank(b: Builder, blank: Omit<KeyBlank, "expected" | "parts"> & { readonly source: BlankSource }): KeyBlank {
  const found = locate(b.trace, blank.source);
  if (!found) throw new SheetError(`${blank.flow}: the trace has no value for "${blank.at} ${blank.field}"`);
  const parts = found.parts.map((p) => {
    const symbol = p.ref ? b.trace.symbols[p.ref.symbol] : undefined;
    return { expected: p.expected, ref: p.ref, free: symbol?.free ?? null };
  });
  const full: KeyBlank = { ...blank, expected: found.expected, parts };
  b.blanks.push(full);
  return full;
}

function publicBlank(k: KeyBlank): PublicBlank {
  return k.options ? { id: k.id, kind: k.kind, label: k.label, options: k.options } : { id: k.id, kind: k.kind, label: k.label };
}

/**
 * Builds the key (server-only) and the public sheet for one variant at one difficulty. `keying`
 * keys the option ids and the order of orderings: an attempt passes its own secret salt; the
 * default is the public keying of a catalogue variant.
 */
export function buildAnswerKey(scenario: ScenarioFile, seed: number, difficulty: Difficulty, keying: OptionKeying = catalogueKeying(scenario.id, seed)): AnswerKey {
  const { sheet, blanks, trace, label } = buildSheetParts(scenario, seed, difficulty, keying);
  return { sheet, blanks: blanks.map((k) => withExplanation(k, trace, label)), trace };
}

/**
 * Only the public sheet of a variant: the same sheet as buildAnswerKey's, without explaining each
 * blank (about half of a key's cost), for a student who needs the questions, not the answers.
 */
export function buildAnswerSheet(scenario: ScenarioFile, seed: number, difficulty: Difficulty, keying: OptionKeying = catalogueKeying(scenario.id, seed)): AnswerSheet {
  return buildSheetParts(scenario, seed, difficulty, keying).sheet;
}

function buildSheetParts(scenario: ScenarioFile, seed: number, difficulty: Difficulty, keying: OptionKeying) {
  const instance = variantOf(scenario, seed);
  const file = instance.file;
  const trace = simulate(scenario, { seed });
  const nodes = instance.input.network.nodes;
  const b: Builder = { trace, blanks: [], nodeKind: new Map(nodes.map((n) => [n.id, n.kind])), nodeLabel: new Map(nodes.map((n) => [n.id, n.label])) };
  const levels = levelsUpTo(difficulty);
  const components = [...nodes.map((n) => ({ id: n.id, text: n.label })), ...instance.input.network.securityGroups.map((g) => ({ id: g.id, text: `security group ${g.id}` })),
    ...instance.input.network.nacls.map((n) => ({ id: n.id, text: `network ACL ${n.id}` })), ...instance.input.network.routeTables.map((t) => ({ id: t.id, text: `route table ${t.id}` }))]
    .sort((x, y) => x.id.localeCompare(y.id));
  const rowsByFlow = new Map<string, { event: TraceEvent; blanks: KeyBlank[] }[]>();
  const questionsByFlow = new Map<string, SheetQuestion[]>();
  const flowIndex = new Map(trace.flows.map((f, i) => [f.id, i]));
  for (const set of file.questions) {
    const flow = trace.flows.find((f) => f.id === set.flow);
    if (!flow) throw new SheetError(`questions name flow "${set.flow}", which does not exist`);
    const fi = flowIndex.get(flow.id)! * 1_000_000;
    const rows = rowsByFlow.get(flow.id) ?? [];
    rowsByFlow.set(flow.id, rows);
    const questions = questionsByFlow.get(flow.id) ?? [];
    questionsByFlow.set(flow.id, questions);
    for (const hop of set.hops) {
      const e = eventByKey(flow, hop.at);
      if (!e || (e.type !== "hop" && e.type !== "deliver" && e.type !== "drop")) throw new SheetError(`${flow.id}: no hop "${hop.at}"`);
      const fields = levels.flatMap((l) => hop[l]);
      if (fields.length === 0) continue;
      const row = { event: e, blanks: [] as KeyBlank[] };
      fields.forEach((field, k) => {
        const info = fieldInfo(field);
        const { reason, provenance } = reasonFor(field, e);
        row.blanks.push(addBlank(b, {
          id: `${flow.id}/${hop.at}/${field}`, kind: info.kind, label: info.label, flow: flow.id, at: hop.at, node: e.node, field,
          order: fi + e.index * 100 + k, weight: 1, concept: conceptOf(field, e, b.nodeKind.get(e.node)), options: null, optionValues: null, reason, provenance,
          source: { source: "packet", flow: flow.id, at: hop.at, field },
        }));
      });
      rows.push(row);
    }
    for (const nat of set.nat) {
      if (!levels.includes(nat.from)) continue;
      const e = eventByKey(flow, nat.at);
      if (!e || e.type !== "nat") throw new SheetError(`${flow.id}: no NAT entry "${nat.at}"`);
      const isConntrack = e.entry.kind === "dnat";
      const k = addBlank(b, {
        id: `${flow.id}/${nat.at}/nat`, kind: "nat-entry", label: isConntrack ? "Conntrack entry (client, endpoint chosen, service address)" : "NAT table entry (inside, translated, outside)",
        flow: flow.id, at: nat.at, node: e.node, field: "nat", order: fi + e.index * 100, weight: 3,
        concept: b.nodeKind.get(e.node) === "k8s-node" ? "kubernetes" : b.nodeKind.get(e.node) === "nat-gateway" ? "cloud" : "nat",
        options: null, optionValues: null, reason: e.reason, provenance: e.provenance, source: { source: "nat", flow: flow.id, at: nat.at },
      });
      // Name the connection by the packet that made the entry, so two entries at one node read differently.
      const trigger = flow.events.find((x) => x.index > e.index && x.type === "hop" && x.node === e.node);
      const forWhat = trigger && trigger.type === "hop" ? ` for the ${messageName(trigger.label)}` : "";
      questions.push({ id: k.id, flow: flow.id, prompt: nat.prompt ?? `Fill in the ${isConntrack ? "conntrack" : "NAT"} entry ${b.nodeLabel.get(e.node) ?? e.node} creates${forWhat}`, blanks: [publicBlank(k)] });
    }
    for (const o of set.order) {
      if (!levels.includes(o.from)) continue;
      const dns = flow.events.filter((e): e is DnsEvent => e.type === "dns");
      if (dns.length < 2) throw new SheetError(`${flow.id}: ordering "${o.id}" needs at least two DNS steps`);
      const blankId = `${flow.id}/order/${o.id}`;
      const keyed = keyOrder(keying, blankId, o.id, flow.id, seed, dns.map((e) => ({ key: String(e.index), text: dnsItemText(e) })));
      const k: KeyBlank = {
        id: blankId, kind: "order", label: o.prompt ?? "Put the steps in order", flow: flow.id, at: `order/${o.id}`, node: flow.events[0]?.node ?? "",
        field: "order", order: fi + (dns[0]?.index ?? 0) * 100 - 1, weight: 2, concept: "dns", expected: keyed.expected.join(" "),
        parts: keyed.expected.map((id) => ({ expected: id, ref: null, free: null })), options: keyed.options, optionValues: null,
        reason: "The order follows the trace: caches first, then the query, then the resolver's walk from the root down.", provenance: null,
        source: { source: "order", flow: flow.id, question: o.id },
      };
      b.blanks.push(k);
      questions.push({ id: k.id, flow: flow.id, prompt: k.label, blanks: [publicBlank(k)] });
    }
    for (const v of set.values) {
      if (!levels.includes(v.from)) continue;
      const e = eventByKey(flow, v.at);
      if (!e) throw new SheetError(`${flow.id}: no event "${v.at}" for value "${v.id}"`);
      const kind: FieldKind = v.kind === "latency-ms" ? "number" : v.kind === "dns-answer" ? "ipv4" : "choice";
      const concept: Concept = v.kind === "cache-status" ? (e.type === "cache" ? "cdn" : "dns") : v.kind === "latency-ms" ? "cdn" : "dns";
      const blankId = `${flow.id}/value/${v.id}`;
      const keyed = v.kind === "cache-status" ? keyChoices(keying, blankId, (e.type === "cache" ? ["HIT", "MISS", "DYNAMIC"] : ["HIT", "MISS"]).map((x) => ({ value: x, text: x }))) : null;
      const k = addBlank(b, {
        id: blankId, kind, label: v.prompt, flow: flow.id, at: v.at, node: e.node, field: v.kind, order: fi + e.index * 100,
        weight: 1, concept, options: keyed?.options ?? null, optionValues: keyed?.values ?? null, reason: e.reason, provenance: "provenance" in e ? e.provenance : null,
        source: { source: "value", flow: flow.id, at: v.at, value: v.kind },
      });
      questions.push({ id: k.id, flow: flow.id, prompt: v.prompt, blanks: [publicBlank(k)] });
    }
    if (set.outcome && levels.includes(set.outcome.from)) {
      const end = fi + 999_999;
      const reason = flow.outcome.reason;
      const dispoChoices = keyChoices(keying, `${flow.id}/outcome/disposition`, DISPOSITIONS.map((d) => ({ value: d, text: DISPOSITION_TEXT[d] })));
      const compChoices = keyChoices(keying, `${flow.id}/outcome/component`, components.map((c) => ({ value: c.id, text: c.text })));
      const dispo = addBlank(b, {
        id: `${flow.id}/outcome/disposition`, kind: "choice", label: "How does the flow end?", flow: flow.id, at: "outcome", node: flow.outcome.node,
        field: "disposition", order: end - 1, weight: 1, concept: dispositionConcept(flow.outcome.disposition),
        options: dispoChoices.options, optionValues: dispoChoices.values, reason, provenance: null, source: { source: "outcome", flow: flow.id, which: "disposition" },
      });
      const comp = addBlank(b, {
        id: `${flow.id}/outcome/component`, kind: "choice", label: "Which component decides it?", flow: flow.id, at: "outcome", node: flow.outcome.node,
        field: "component", order: end, weight: 1, concept: dispositionConcept(flow.outcome.disposition), options: compChoices.options, optionValues: compChoices.values, reason, provenance: null,
        source: { source: "outcome", flow: flow.id, which: "component" },
      });
      questions.push({ id: `${flow.id}/outcome`, flow: flow.id, prompt: set.outcome.prompt ?? "Where and why does this flow end?", blanks: [publicBlank(dispo), publicBlank(comp)] });
    }
  }
  b.blanks.sort((x, y) => x.order - y.order);
  const secrets = {
    symbols: new Set(b.blanks.flatMap((k) => k.parts.map((p) => p.ref?.symbol).filter((x): x is string => x !== undefined))),
    values: new Set(b.blanks.flatMap((k) => [k.expected, ...k.parts.map((p) => p.expected)])),
  };
  const sheetFlows: SheetFlow[] = [];
  for (const spec of file.flows) {
    const rows = rowsByFlow.get(spec.id) ?? [];
    const questions = questionsByFlow.get(spec.id) ?? [];
    if (rows.length === 0 && questions.length === 0) continue;
    sheetFlows.push({
      id: spec.id, title: spec.title, question: spec.question ?? null, questions,
      rows: rows.sort((x, y) => x.event.index - y.event.index).map((r) => sheetRow(b, secrets, spec.id, r.event, r.blanks)),
    });
  }
  const sheet: AnswerSheet = {
    scenarioId: scenario.id, title: file.title, seed, difficulty, story: file.story, flows: sheetFlows, blankCount: b.blanks.length,
  };
  const label = (id: string) => b.nodeLabel.get(id) ?? id;
  return { sheet, blanks: b.blanks, trace, label };
}

/** The row's shown fields: everything that is not asked and could not hint at an asked value. */
function sheetRow(b: Builder, secrets: { symbols: ReadonlySet<string>; values: ReadonlySet<string> }, flow: string, e: TraceEvent, blanks: readonly KeyBlank[]): SheetRow {
  const packet = "packet" in e && e.packet ? e.packet : null;
  const refs = "refs" in e ? (e.refs as Readonly<Record<string, { symbol: string }>>) : {};
  const askedHere = new Set(blanks.flatMap((k) => (k.field === "src" ? ["ip.src", "l4.srcPort"] : k.field === "dst" ? ["ip.dst", "l4.dstPort"] : [k.field])));
  const secretSymbols = secrets.symbols;
  const secretValues = secrets.values;
  const context: SheetRow["context"][number][] = [];
  if (packet) {
    for (const field of CONTEXT_FIELDS) {
      if (askedHere.has(field)) continue;
      const value = packetField(packet, field);
      if (value === null) continue;
      const sym = refs[field]?.symbol;
      if ((sym && secretSymbols.has(sym)) || secretValues.has(value)) continue;
      context.push({ field, label: fieldInfo(field).label, value });
    }
  }
  const nodeLabel = b.nodeLabel.get(e.node) ?? e.node;
  return { id: `${flow}/${e.key}`, flow, key: e.key, node: e.node, nodeLabel, title: rowTitle(e, nodeLabel), context, blanks: blanks.map(publicBlank) };
}

/** The public part of a key: safe to send to a browser before the learner submits. */
export function publicSheet(key: AnswerKey): AnswerSheet {
  return key.sheet;
}
