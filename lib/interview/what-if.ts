/**
 * What-ifs: pure transformations of a scenario document (the validated file, before a seed is
 * applied), each one change an interviewer might ask about: the NAT removed, a carrier-grade NAT
 * added, a security-group rule deleted, a warm DNS cache, the Service endpoint on the caller's node,
 * a probe with a TTL of 2. Variable expressions (`${lan+1}`) are kept, so the changed scenario
 * still has every seed's variant. A what-if that cannot apply says why, by name.
 */
import { ScenarioSchema, type ScenarioFile } from "../scenario/schema";
import type { WhatIf } from "../scenario/schema-what-if";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type Doc = Mutable<ScenarioFile>;
type NodeDoc = Doc["nodes"][number];

export type WhatIfResult =
  | { readonly ok: true; readonly scenario: ScenarioFile }
  | { readonly ok: false; readonly reason: "NOT_APPLICABLE" | "INVALID_RESULT"; readonly message: string };

const CGNAT_SEGMENT = "cgnat-access";
const CGNAT_NODE = "cgnat";

/** A stable id for a what-if, used as the follow-up id of a generic one. */
export function whatIfId(w: WhatIf): string {
  switch (w.kind) {
    case "remove-nat": return w.node ? `remove-nat:${w.node}` : "remove-nat";
    case "add-cgnat": return w.router ? `add-cgnat:${w.router}` : "add-cgnat";
    case "delete-sg-rule": return `delete-sg-rule:${w.group}:${w.rule}`;
    case "warm-dns-cache": return w.node ? `warm-dns-cache:${w.node}` : "warm-dns-cache";
    case "same-node-endpoint": return w.service ? `same-node-endpoint:${w.service}` : "same-node-endpoint";
    case "ttl": return w.flow ? `ttl-${w.value}:${w.flow}` : `ttl-${w.value}`;
  }
}

const na = (message: string): WhatIfResult => ({ ok: false, reason: "NOT_APPLICABLE", message });

/** The scenario with the what-if applied, validated again by the strict schema. */
export function applyWhatIf(scenario: ScenarioFile, w: WhatIf): WhatIfResult {
  const doc = structuredClone(scenario) as Doc;
  const problem = TRANSFORMS[w.kind](doc, w as never);
  if (problem !== null) return na(problem);
  const parsed = ScenarioSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, reason: "INVALID_RESULT", message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { ok: true, scenario: parsed.data };
}

type Transform<K extends WhatIf["kind"]> = (doc: Doc, w: Extract<WhatIf, { kind: K }>) => string | null;

const TRANSFORMS: { [K in WhatIf["kind"]]: Transform<K> } = {
  "remove-nat": (doc, w) => {
    let changed = false;
    for (const n of doc.nodes) if (n.nat.length > 0 && (!w.node || n.id === w.node)) { n.nat = []; changed = true; }
    for (const v of doc.vpcs) {
      const gone = v.natGateways.filter((g) => !w.node || g.id === w.node).map((g) => g.id);
      if (gone.length === 0) continue;
      v.natGateways = v.natGateways.filter((g) => !gone.includes(g.id));
      for (const t of v.routeTables) t.routes = t.routes.filter((r) => !gone.includes(r.target));
      changed = true;
    }
    return changed ? null : w.node ? `"${w.node}" does no NAT` : "the scenario has no NAT";
  },
  "add-cgnat": (doc, w) => {
    const found = cgnatSite(doc, w.router);
    if (typeof found === "string") return found;
    const { router, wan, gateway } = found;
    if (doc.segments.some((s) => s.id === CGNAT_SEGMENT) || doc.nodes.some((n) => n.id === CGNAT_NODE)) return "the scenario already has a carrier-grade NAT";
    const internet = doc.nodes.find((n) => n.kind === "internet" && n.interfaces.some((i) => i.segment === wan.segment))!;
    const publicIp = router.nat.find((x) => x.out === wan.name)!.to;
    doc.segments.push({ id: CGNAT_SEGMENT, label: "ISP shared address space 100.64.0.0/24", latencyMs: 1 });
    doc.nodes.push({
      id: CGNAT_NODE, kind: "router", label: "ISP carrier-grade NAT", zone: internet.zone, os: "linux", arp: "warm",
      interfaces: [{ name: "inside", segment: CGNAT_SEGMENT, address: "100.64.0.1/24" }, { name: "outside", segment: wan.segment, address: wan.address }],
      routes: [{ to: "0.0.0.0/0", via: gateway }],
      nat: [{ id: "cgn", out: "outside", to: publicIp, sources: ["100.64.0.0/10"], ports: { policy: "sequential", first: 40001, last: 65535 } }],
      balance: [], services: [],
    } as NodeDoc);
    wan.segment = CGNAT_SEGMENT;
    wan.address = "100.64.0.2/24";
    delete wan.mac;
    for (const r of router.routes) if (r.via === gateway) r.via = "100.64.0.1";
    if (router.gateway === gateway) router.gateway = "100.64.0.1";
    for (const x of router.nat) if (x.out === wan.name) x.to = "100.64.0.2";
    return null;
  },
  "delete-sg-rule": (doc, w) => {
    const group = doc.vpcs.flatMap((v) => v.securityGroups).find((g) => g.id === w.group);
    if (!group) return `no security group "${w.group}"`;
    if (w.rule >= group.inbound.length) return `security group "${w.group}" has ${group.inbound.length} inbound rule(s)`;
    group.inbound.splice(w.rule, 1);
    return null;
  },
  "warm-dns-cache": (doc, w) => {
    let changed = false;
    for (const f of doc.flows) {
      const node = doc.nodes.find((n) => n.id === f.from && (!w.node || n.id === w.node));
      if (!node) continue;
      for (const name of namesLookedUp(f)) {
        const address = answerFor(doc, name);
        if (address === null) continue;
        const caches = node.caches ?? (node.caches = { browser: [], os: [] });
        if (caches.os.some((c) => c.name === name)) continue;
        caches.os.push({ name, address, ttl: 300 });
        changed = true;
      }
    }
    return changed ? null : "no client that looks a name up has an OS cache to warm (pods and clients without DNS do not)";
  },
  "same-node-endpoint": (doc, w) => {
    for (const c of doc.clusters) {
      const callers = doc.flows.map((f) => c.pods.find((p) => p.id === f.from)).filter((p) => p !== undefined);
      const caller = callers[0];
      if (!caller) continue;
      const service = c.services.find((s) => (w.service ? s.name === w.service : s.name !== c.dnsService && c.pods.some((p) => selects(s.selector, p.labels))));
      if (!service) continue;
      const node = c.nodes.find((n) => n.id === caller.node)!;
      const far = c.pods.filter((p) => selects(service.selector, p.labels) && p.node !== caller.node);
      if (far.length === 0) return `every endpoint of "${service.name}" already runs on ${caller.node}`;
      far.forEach((p, k) => { p.node = caller.node; p.address = offsetAddress(node.podCidr, 200 + k); });
      return null;
    }
    return "no Kubernetes Service is called from a pod";
  },
  ttl: (doc, w) => {
    let changed = false;
    for (const f of doc.flows) {
      if (w.flow && f.id !== w.flow) continue;
      for (const s of f.steps) if ("probe" in s && s.probe.ttl !== w.value) { s.probe.ttl = w.value; changed = true; }
    }
    return changed ? null : "no probe to send with another TTL";
  },
};

function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The n-th address of a pod CIDR, keeping a `${...}` expression an expression. */
function offsetAddress(cidr: string, n: number): string {
  const base = cidr.split("/")[0]!;
  const expr = /^\$\{([^}]+)\}$/.exec(base);
  if (expr) return `\${${expr[1]}+${n}}`;
  const parts = base.split(".").map(Number);
  const value = (((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0) + n;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/** The NAT router a carrier-grade NAT goes in front of: its WAN link must reach the internet cloud. */
function cgnatSite(doc: Doc, routerId: string | undefined): { router: NodeDoc; wan: NodeDoc["interfaces"][number]; gateway: string } | string {
  for (const router of doc.nodes) {
    if (router.kind !== "router" || router.nat.length === 0 || (routerId && router.id !== routerId)) continue;
    const wan = router.interfaces.find((i) => i.name === router.nat[0]!.out);
    if (!wan?.segment || !wan.address) continue;
    const internet = doc.nodes.find((n) => n.kind === "internet" && n.interfaces.some((i) => i.segment === wan.segment));
    const gateway = router.routes.find((r) => r.to === "0.0.0.0/0" && r.via)?.via ?? router.gateway;
    if (internet && gateway) return { router, wan, gateway };
  }
  return routerId ? `"${routerId}" is not a NAT router on a link to the internet` : "no NAT router sits on a link to the internet";
}

/** Host names a flow resolves: browse URLs and resolve steps. */
function namesLookedUp(f: Doc["flows"][number]): string[] {
  const out: string[] = [];
  for (const s of f.steps) {
    if ("browse" in s) {
      const host = /^[a-z]+:\/\/([^/:]+)/i.exec(s.browse)?.[1];
      if (host && !/^\d+\.\d+\.\d+\.\d+$/.test(host) && host.includes(".")) out.push(host.toLowerCase());
    } else if ("resolve" in s && s.resolve.includes(".")) out.push(s.resolve.toLowerCase());
  }
  return out;
}

/** The A record (or a resolver's cached answer) for a name, as written in the file. */
function answerFor(doc: Doc, name: string): string | null {
  const services = [...doc.nodes.flatMap((n) => n.services), ...doc.clusters.flatMap((c) => c.pods.flatMap((p) => p.services))];
  for (const s of services) {
    if (s.kind === "dns-authoritative") {
      const r = s.records.find((x) => x.type === "A" && x.name.toLowerCase().replace(/\.$/, "") === name);
      if (r) return r.data;
    }
    if (s.kind === "dns-recursive") {
      const c = s.cache.find((x) => x.name.toLowerCase().replace(/\.$/, "") === name);
      if (c) return c.address;
    }
  }
  return null;
}

export interface GenericWhatIf {
  readonly whatIf: WhatIf;
  readonly question: string;
}

/**
 * The generic what-ifs that apply to a scenario (each applies cleanly; whether it changes a graded
 * field is followUpDiff's call). `shown` is the variant's file, whose values the questions quote.
 */
export function genericWhatIfs(scenario: ScenarioFile, shown: ScenarioFile = scenario): GenericWhatIf[] {
  const candidates: GenericWhatIf[] = [
    { whatIf: { kind: "remove-nat" }, question: "What if no device did NAT?" },
    { whatIf: { kind: "add-cgnat" }, question: "What if the ISP put the home router behind a carrier-grade NAT (100.64.0.0/10)?" },
    { whatIf: { kind: "warm-dns-cache" }, question: "What if the client's DNS cache already held the answer?" },
    { whatIf: { kind: "same-node-endpoint" }, question: "What if the Service's endpoint ran on the caller's own node?" },
    { whatIf: { kind: "ttl", value: 2 }, question: "What if the probe were sent with a TTL of 2?" },
  ];
  for (const v of shown.vpcs) for (const g of v.securityGroups) g.inbound.forEach((r, i) => {
    candidates.push({ whatIf: { kind: "delete-sg-rule", group: g.id, rule: i }, question: `What if security group ${g.id} lost its inbound rule ${r.protocol}${r.ports !== undefined ? ` ${String(r.ports)}` : ""} from ${r.source}?` });
  });
  return candidates.filter((c) => applyWhatIf(scenario, c.whatIf).ok);
}
