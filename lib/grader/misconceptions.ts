/**
 * Finding the misconception behind a wrong answer, with the simulator itself: re-run the variant
 * in a world with one rule flipped (no TTL decrement, no MAC rewrite, no source NAT...). If the
 * learner's answer is exactly what that world produces, the learner holds that picture of the
 * network, and the feedback can say so. Worlds are simulated lazily and memoised.
 */
import { deepFreeze } from "../engine/freeze";
import { RULES, flipped, type RuleId } from "../engine/rules";
import type { Trace } from "../engine/trace-types";
import type { ScenarioFile } from "../scenario/schema";
import { simulate } from "../simulate";
import { eventByKey, locate, type BlankSource } from "./locate";
import { packetField } from "../engine/fields";
import type { KeyBlank, Misconception } from "./types";
import { answerMisconception } from "./answer-misconceptions";

const NAT_FIELDS = ["ip.src", "ip.dst", "src", "dst", "l4.srcPort", "l4.dstPort", "nat"];

/** Which blanks a flipped rule can change, so only plausible worlds are simulated. */
const RELEVANT: Readonly<Record<RuleId, readonly string[]>> = {
  "ttl-decrement": ["ip.ttl"],
  "mac-rewrite": ["eth.src", "eth.dst"],
  // Its source MAC is the same as in the no-rewrite world; only its destination tells them apart.
  "mac-end-to-end": ["eth.dst"],
  snat: NAT_FIELDS,
  "reverse-nat": NAT_FIELDS,
  "nat-port-preservation": NAT_FIELDS,
  "kube-proxy-dnat": NAT_FIELDS,
  "conntrack-reverse": NAT_FIELDS,
  "natgw-translates-to-eip": NAT_FIELDS,
  "dns-cache": ["cache-status", "disposition", "component"],
  "cdn-cache": ["cache-status", "latency-ms", "http.header:cf-cache-status"],
  "sg-stateful": ["disposition", "component"],
  "nacl-stateless": ["disposition", "component"],
  "syn-consumes-seq": ["tcp.seq", "tcp.ack"],
  "dns-search-domains": ["dns.question", "disposition", "component"],
  "proxy-new-connection": [],
};

const WORLD_CACHE_LIMIT = 512;
const worlds = new WeakMap<ScenarioFile, Map<string, Trace>>();

/** The trace of the variant in the world where `rule` is flipped (memoised per scenario object). */
export function worldTrace(scenario: ScenarioFile, seed: number, rule: RuleId, throughFlow?: string): Trace {
  let cache = worlds.get(scenario);
  if (!cache) worlds.set(scenario, (cache = new Map()));
  const id = `${seed}|${rule}|${throughFlow ?? ""}`;
  const hit = cache.get(id);
  if (hit) return hit;
  // Only the flows up to the blank's are needed: later flows cannot change earlier ones.
  const trace = simulate(scenario, { seed, world: flipped(rule), throughFlow });
  if (cache.size >= WORLD_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  // Every grading of this variant reads the same world: frozen, so none can change it for the next.
  cache.set(id, deepFreeze(trace));
  return trace;
}

/**
 * The rules worth testing for this blank in this trace, in the order of RELEVANT: when two worlds
 * give the same wrong value, the more common misconception is the one named.
 */
export function candidateRules(trace: Trace, blank: KeyBlank): RuleId[] {
  const inPlay = new Set(trace.rulesInPlay);
  return (Object.keys(RELEVANT) as RuleId[]).filter((r) => inPlay.has(r) && RELEVANT[r].includes(blank.field) && r !== "natgw-translates-to-eip");
}

/**
 * What the blank's answer is in another world, or null when that world has no such thing. A
 * packet must be at the same stage (a hop leaving the node is not a packet dropped there).
 */
export function worldValue(world: Trace, source: BlankSource, realType?: string): string | null {
  const found = locate(world, source);
  if (!found) return null;
  if (realType !== undefined && found.event !== null && found.event.type !== realType) return null;
  return found.expected;
}

/** The misconception whose world gives exactly the learner's answer, if any. */
export function findMisconception(scenario: ScenarioFile, trace: Trace, blank: KeyBlank, given: string, same: (a: string, b: string) => boolean): Misconception | null {
  const realType = locate(trace, blank.source)?.event?.type;
  for (const rule of candidateRules(trace, blank)) {
    const v = worldValue(worldTrace(scenario, trace.seed, rule, blank.flow), blank.source, realType);
    if (v !== null && v !== blank.expected && same(v, given)) return { rule, name: RULES[rule].misconception, truth: RULES[rule].truth };
  }
  return skippedTranslation(trace, blank, given) ?? proxyMisconception(trace, blank, given) ?? answerMisconception(blank, given);
}

/** Which decision rewrites which fields, and the misconception of a learner who skips it. */
const SKIPPED: readonly { readonly decision: string; readonly fields: readonly string[]; readonly rule: (blank: KeyBlank) => RuleId | null }[] = [
  { decision: "snat", fields: ["ip.src", "src", "l4.srcPort"], rule: (b) => (b.concept === "cloud" || b.concept === "nat" ? "snat" : null) },
  { decision: "unsnat", fields: ["ip.dst", "dst", "l4.dstPort"], rule: () => "reverse-nat" },
  { decision: "dnat", fields: ["ip.dst", "dst", "l4.dstPort"], rule: (b) => (b.concept === "kubernetes" ? "kube-proxy-dnat" : null) },
  { decision: "undnat", fields: ["ip.src", "src", "l4.srcPort"], rule: (b) => (b.concept === "kubernetes" ? "conntrack-reverse" : null) },
];

/**
 * The answer is the field as it was before this node translated it: the learner left out the
 * translation. Found from the trace itself, since a world without it can end before this hop.
 */
function skippedTranslation(trace: Trace, blank: KeyBlank, given: string): Misconception | null {
  if (blank.source.source !== "packet") return null;
  const flow = trace.flows.find((f) => f.id === blank.flow);
  const hop = flow ? eventByKey(flow, blank.at) : undefined;
  if (!flow || !hop || !("decisions" in hop) || !("packet" in hop) || !hop.packet) return null;
  const label = "label" in hop ? hop.label : null;
  const before = [...flow.events].reverse().find((e) => e.index < hop.index && (e.type === "hop" || e.type === "deliver") && e.label === label);
  if (!before || !("packet" in before) || !before.packet) return null;
  const previous = packetField(before.packet, blank.field);
  if (previous === null || previous === blank.expected || previous !== given) return null;
  for (const s of SKIPPED) {
    if (!s.fields.includes(blank.field) || !hop.decisions.some((d) => d.kind === s.decision)) continue;
    const rule = s.rule(blank);
    if (rule) return { rule, name: RULES[rule].misconception, truth: RULES[rule].truth };
  }
  return null;
}

/**
 * A proxy (CDN edge, L7 load balancer, bastion) opens its own connection, so the far side sees
 * the proxy's address. Answering with the original client's address there is the classic slip.
 */
function proxyMisconception(trace: Trace, blank: KeyBlank, given: string): Misconception | null {
  if (blank.source.source !== "packet" || !["ip.src", "src"].includes(blank.field)) return null;
  const prefix = blank.at.split(".")[0];
  if (!prefix || !["origin", "backend", "target"].includes(prefix)) return null;
  const flow = trace.flows.find((f) => f.id === blank.flow);
  const hop = flow ? eventByKey(flow, blank.at) : undefined;
  if (!flow || !hop) return null;
  const proxy = flow.events.find((e) => e.type === "hop" && e.label.startsWith(`${prefix}.`))?.node;
  const inbound = flow.events.find((e) => e.type === "deliver" && e.node === proxy && !e.label.startsWith(`${prefix}.`));
  if (!inbound || inbound.type !== "deliver" || !inbound.packet.ip) return null;
  const client = inbound.packet.ip.src;
  const givenIp = given.split(":")[0];
  if (givenIp !== client) return null;
  const rule = RULES["proxy-new-connection"];
  return { rule: rule.id, name: rule.misconception, truth: rule.truth };
}

/** The value in the world of a documented simplification (an accepted alternative), if it differs. */
export function alternativeValue(scenario: ScenarioFile, trace: Trace, blank: KeyBlank, rule: RuleId): string | null {
  if (!RELEVANT[rule]?.includes(blank.field)) return null;
  const v = worldValue(worldTrace(scenario, trace.seed, rule, blank.flow), blank.source);
  return v !== null && v !== blank.expected ? v : null;
}
