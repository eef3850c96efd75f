/**
 * The stage plan of an interview, from the scenario's `interview` part and the grader's answer key:
 * which stages, in what order, for how long, which answer-sheet blanks each asks, its hint ladder
 * and the points the interviewer listens for. What the scenario does not say gets a sensible
 * default: blanks no stage asks form extra "predict" stages per flow, and a scenario without an
 * interview part gets one stage per asked flow.
 */
import type { AnswerKey, KeyBlank, SheetFlow } from "../grader/types";
import type { Concept, ScenarioFile } from "../scenario/schema";
import { variantOf } from "../simulate";
import { hintCost } from "./rubric";
import type { Plan, PlanFollowUp, PlanStage } from "./types";
import { genericWhatIfs, whatIfId } from "./what-if";

/** Words in a stage's title, prompt and rubric that say which concept it is about. */
const CONCEPT_WORDS: Readonly<Record<Concept, RegExp>> = {
  dns: /\b(dns|resolv\w*|name|nameserver|lookup|cache[sd]?|ttl of the record)\b/i,
  l2: /\b(mac|arp|frame|ethernet)\b/i,
  routing: /\b(route|routes|routing|router|gateway|ttl|hop)\b/i,
  nat: /\b(nat|translat\w*|mapping|masquerad\w*|public ip)\b/i,
  tcp: /\b(tcp|syn|syn-ack|handshake|seq|ack)\b/i,
  tls: /\b(tls|certificate|sni|clienthello|encrypt\w*)\b/i,
  http: /\b(http|header|request|response)\b/i,
  security: /\b(security group|acl|firewall|sg)\b/i,
  cloud: /\b(vpc|nat gateway|internet gateway|subnet|aws)\b/i,
  kubernetes: /\b(clusterip|kube-proxy|pod|service|conntrack|endpoint|dnat)\b/i,
  cdn: /\b(cdn|edge|pop|hit|miss|origin)\b/i,
  addressing: /\b(address|subnet|private|cidr)\b/i,
};

/** Hints for stages the scenario does not script, by the concept asked first: nudges, never values. */
const DEFAULT_HINTS: Readonly<Record<Concept, string>> = {
  dns: "Before any query leaves, which caches are checked, in which order?",
  l2: "Ethernet only reaches the local link: who is the next hop on this link?",
  routing: "Which route matches the destination, and what does each router do to the TTL?",
  nat: "Which device rewrites an address here, and what does it remember to undo it?",
  tcp: "Each side picks its own initial sequence number; what does a SYN consume?",
  tls: "What travels in the clear in the first TLS flight, and what is encrypted?",
  http: "Which connection carries the request, and who adds headers on the way?",
  security: "Is the rule set stateful or stateless, and which direction does it check?",
  cloud: "Follow the subnet's route table to the gateway it names.",
  kubernetes: "A ClusterIP belongs to no machine: where is the destination rewritten?",
  cdn: "Is the answer already in the edge's cache, and what does a miss cost?",
  addressing: "Is the address private or public, and who can route to it?",
};

const DEFAULT_POINT = "Explains each predicted field by the table, rule or protocol step that decides it";

/** How often a stage's text speaks of a concept. */
function mentions(text: string, c: Concept): number {
  return text.match(new RegExp(CONCEPT_WORDS[c].source, "gi"))?.length ?? 0;
}

/** The public sheet cut down to some blanks (rows and questions that ask none of them are left out). */
export function sheetFor(key: AnswerKey, blanks: ReadonlySet<string>): SheetFlow[] {
  const out: SheetFlow[] = [];
  for (const f of key.sheet.flows) {
    const rows = f.rows.map((r) => ({ ...r, blanks: r.blanks.filter((b) => blanks.has(b.id)) })).filter((r) => r.blanks.length > 0);
    const questions = f.questions.map((q) => ({ ...q, blanks: q.blanks.filter((b) => blanks.has(b.id)) })).filter((q) => q.blanks.length > 0);
    if (rows.length + questions.length > 0) out.push({ ...f, rows, questions });
  }
  return out;
}

function defaultMinutes(blankCount: number): number {
  return Math.min(15, Math.max(3, Math.ceil(blankCount * 0.75)));
}

function stageOf(key: AnswerKey, base: Omit<PlanStage, "sheet" | "concepts" | "blanks">, blanks: readonly KeyBlank[]): PlanStage {
  const ids = blanks.map((b) => b.id);
  return { ...base, blanks: ids, sheet: sheetFor(key, new Set(ids)), concepts: [...new Set(blanks.map((b) => b.concept))] };
}

/** A blank about DNS, or about where a DNS message is addressed, belongs to a DNS stage (its NAT or MAC to the stage about those). */
function aboutDns(b: KeyBlank): boolean {
  return b.concept === "dns" || b.at === "order/dns-steps" || (b.at.startsWith("dns.") && b.concept === "routing");
}

/**
 * Which blanks each scripted stage asks: a stage with a `flow` asks that flow's blanks; when
 * several stages share a flow, a blank about DNS goes to the first of them that speaks of DNS,
 * any other to the one whose text speaks most of the blank's concept (the first on a tie).
 */
export function assignBlanks(stages: readonly { id: string; flow?: string; text: string }[], blanks: readonly KeyBlank[]): Map<string, KeyBlank[]> {
  const out = new Map<string, KeyBlank[]>(stages.map((s) => [s.id, []]));
  for (const b of blanks) {
    const sharing = stages.filter((s) => s.flow === b.flow);
    if (sharing.length === 0) continue;
    const dnsStage = aboutDns(b) ? sharing.find((s) => mentions(s.text, "dns") > 0) : undefined;
    let target = dnsStage ?? sharing[0]!;
    if (!dnsStage) for (const s of sharing) if (mentions(s.text, b.concept) > mentions(target.text, b.concept)) target = s;
    out.get(target.id)!.push(b);
  }
  return out;
}

/** The session plan for one variant: scripted stages, then default stages for whatever no stage asks. */
export function planOf(scenario: ScenarioFile, key: AnswerKey): Plan {
  const file = variantOf(scenario, key.sheet.seed).file;
  const scripted = file.interview?.stages ?? [];
  const assigned = assignBlanks(scripted.map((s) => ({ id: s.id, flow: s.flow, text: `${s.title} ${s.prompt} ${s.rubric.map((r) => r.point).join(" ")}` })), key.blanks);
  const stages: PlanStage[] = scripted.map((s) => stageOf(key, {
    id: s.id, title: s.title, prompt: s.prompt, minutes: s.minutes, origin: "scripted",
    hints: s.hints.map((text, i) => ({ text, cost: hintCost(i) })), points: s.rubric.map((r) => ({ point: r.point, weight: r.weight })),
    whatIf: null, followUpId: null,
  }, assigned.get(s.id)!));
  const asked = new Set(stages.flatMap((s) => s.blanks));
  const flowTitle = new Map(file.flows.map((f) => [f.id, f]));
  for (const flow of key.sheet.flows) {
    const rest = key.blanks.filter((b) => b.flow === flow.id && !asked.has(b.id));
    if (rest.length === 0) continue;
    const spec = flowTitle.get(flow.id);
    const first = rest[0]!.concept;
    stages.push(stageOf(key, {
      id: `predict-${flow.id}`, title: `Predict: ${flow.title}`, prompt: spec?.question ?? `${flow.title}. Fill in what the simulator will show at each point.`,
      minutes: defaultMinutes(rest.length), origin: "default", hints: [{ text: DEFAULT_HINTS[first], cost: hintCost(0) }],
      points: [{ point: DEFAULT_POINT, weight: 1 }], whatIf: null, followUpId: null,
    }, rest));
  }
  const declared: PlanFollowUp[] = (file.interview?.followUps ?? []).map((f, i) => ({ id: `declared-${i + 1}`, question: f.question, modelAnswer: f.answer, whatIf: f.whatIf ?? null }));
  const generic: PlanFollowUp[] = genericWhatIfs(scenario, file).map((g) => ({ id: whatIfId(g.whatIf), question: g.question, modelAnswer: null, whatIf: g.whatIf }));
  // A what-if the scenario declares, in its author's words, replaces the generic one of its kind.
  const declaredKinds = new Set(declared.flatMap((d) => (d.whatIf ? [d.whatIf.kind] : [])));
  return {
    scenarioId: scenario.id, title: file.title, story: file.story, seed: key.sheet.seed, difficulty: key.sheet.difficulty, stages,
    followUps: [...declared, ...generic.filter((g) => !declaredKinds.has(g.whatIf!.kind))],
  };
}
