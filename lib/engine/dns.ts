/**
 * DNS, the way a name becomes an address: the browser's cache, the OS cache, the stub resolver
 * (with search domains, as in a pod's resolv.conf), a recursive resolver walking root -> TLD ->
 * authoritative with TTL caching, and the authoritative servers' answers, referrals and NXDOMAIN.
 */
import { formatIpv4, parseIpv4 } from "../net/ipv4";
import type { CacheEntryModel, DnsRecordModel, PortSpec, ServiceModel } from "./model";
import { clientPort, servicePort, sourceOf } from "./endpoint";
import { transmit, type Transmit } from "./forward";
import { makeRefs, type Pkt, type Refs } from "./packet";
import { RULE } from "./rules";
import type { CacheRecord, Sim } from "./sim";
import type { RtNode } from "./topology";
import type { DnsMessage, DnsRecord, FieldRef } from "./trace-types";
import { deepFreeze } from "./freeze";

export type Resolution =
  | { readonly ok: true; readonly ip: number; readonly ref: FieldRef }
  | { readonly ok: false; readonly failure: Extract<Transmit, { ok: false }> };

const QUERY_BYTES = 28;

function cacheOf(sim: Sim, name: string, initial: readonly CacheEntryModel[]): Map<string, CacheRecord> {
  let cache = sim.state.dnsCaches.get(name);
  if (!cache) {
    cache = new Map();
    for (const e of initial) {
      cache.set(e.name, { ip: e.ip, ttl: e.ttl, expiresAtMs: e.ttl * 1000, symbol: answerSymbol(sim, e.name, e.ip) });
    }
    sim.state.dnsCaches.set(name, cache);
  }
  return cache;
}

/** The symbol for "the address this name resolves to", shared by every copy of the answer. */
function answerSymbol(sim: Sim, name: string, ip: number): string {
  return sim.symbol(`dns:${name}`, `address of ${name} (from DNS)`, formatIpv4(ip));
}

function fresh(sim: Sim, record: CacheRecord | undefined): record is CacheRecord {
  return record !== undefined && sim.state.clockMs < record.expiresAtMs;
}

function lookupCache(sim: Sim, client: RtNode, cacheName: string, step: "browser-cache" | "os-cache", name: string, initial: readonly CacheEntryModel[]): Resolution | null {
  const cache = cacheOf(sim, cacheName, initial);
  const record = cache.get(name);
  const hit = fresh(sim, record) && sim.rule(RULE["dns-cache"]);
  const where = step === "browser-cache" ? "the browser's host cache" : "the operating system's DNS cache";
  sim.push({
    type: "dns", key: sim.key(`dns.${step}`, client.id), node: client.id, step, name,
    result: hit ? `HIT ${formatIpv4(record!.ip)}` : "MISS",
    reason: hit
      ? `${name} is in ${where} (${Math.round((record!.expiresAtMs - sim.state.clockMs) / 1000)} s of its TTL left): no query needed.`
      : record ? `${name} was in ${where} but its TTL has run out.` : `${name} is not in ${where}.`,
    provenance: { kind: "table-entry", table: `${client.id} ${step === "browser-cache" ? "browser" : "OS"} DNS cache`, entry: hit ? `${name} A ${formatIpv4(record!.ip)}` : "no entry" },
  });
  return hit ? { ok: true, ip: record!.ip, ref: { symbol: record!.symbol, offset: 0 } } : null;
}

function fill(sim: Sim, client: RtNode, cacheName: string, label: string, name: string, ip: number, ttl: number, symbol: string): void {
  const cache = sim.state.dnsCaches.get(cacheName) ?? new Map<string, CacheRecord>();
  sim.state.dnsCaches.set(cacheName, cache);
  cache.set(name, { ip, ttl, expiresAtMs: sim.state.clockMs + ttl * 1000, symbol });
  sim.push({
    type: "dns", key: sim.key(`dns.cache-fill`, client.id), node: client.id, step: "cache-fill", name, result: `${formatIpv4(ip)} for ${ttl} s`,
    reason: `The answer goes into ${label} for its TTL of ${ttl} s, so the next lookup of ${name} within that time needs no query.`,
    provenance: { kind: "protocol", rule: "RFC 1035 3.2.1: TTL bounds how long an answer may be cached" },
  });
}

/** The names to try, in order: search domains first for short names (ndots), as glibc and musl do. */
export function candidateNames(sim: Sim, name: string, search: readonly string[], ndots: number): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const dots = name.split(".").length - 1;
  if (search.length === 0 || !sim.rule(RULE["dns-search-domains"])) return [name];
  const expanded = search.map((d) => `${name}.${d}`);
  return dots < ndots ? [...expanded, name] : [name, ...expanded];
}

export interface ResolveOptions {
  readonly browser: boolean;
  readonly port: PortSpec | null;
  readonly purpose: string;
}

/** Resolves a name for a client, through its caches and its configured nameserver. */
export function resolve(sim: Sim, client: RtNode, name: string, options: ResolveOptions): Resolution {
  const host = client.model.host;
  const literal = parseIpv4(name);
  if (literal.ok) return { ok: true, ip: literal.value, ref: { symbol: sim.symbol(`literal:${name}`, `the address ${name} given in the request`, name), offset: 0 } };
  if (options.browser) {
    const hit = lookupCache(sim, client, `browser:${client.id}`, "browser-cache", name, host?.browserCache ?? []);
    if (hit) return hit;
  }
  const osHit = lookupCache(sim, client, `os:${client.id}`, "os-cache", name, host?.osCache ?? []);
  if (osHit) return osHit;
  const server = host?.dnsServers[0];
  if (server === undefined) {
    return { ok: false, failure: { ok: false, disposition: "NXDOMAIN", node: client.id, component: client.id, reason: `${client.id} has no nameserver configured, so ${name} cannot be resolved.` } };
  }
  const names = candidateNames(sim, name, host?.searchDomains ?? [], host?.ndots ?? 1);
  if (names.length > 1) {
    sim.push({
      type: "dns", key: sim.key("dns.search-domain", client.id), node: client.id, step: "search-domain", name, result: names.join(", "),
      reason: `"${name}" has fewer than ${host?.ndots} dots, so the stub resolver tries it with each search domain first: ${names.join(", ")}.`,
      provenance: { kind: "config", node: client.id, setting: `resolv.conf: search ${host?.searchDomains.join(" ")}; options ndots:${host?.ndots}` },
    });
  }
  let lastFailure: Extract<Transmit, { ok: false }> | null = null;
  for (let i = 0; i < names.length; i++) {
    const qname = names[i]!;
    const answer = stubQuery(sim, client, server, qname, i === 0 ? options.port : null, `${options.purpose}${i === 0 ? "" : `#${i + 1}`}`);
    if (!answer.ok) {
      if (answer.failure.disposition !== "NXDOMAIN") return answer;
      lastFailure = answer.failure;
      continue;
    }
    fill(sim, client, `os:${client.id}`, "the OS cache", name, answer.ip, answer.ttl, answer.ref.symbol);
    if (options.browser) fill(sim, client, `browser:${client.id}`, "the browser's cache", name, answer.ip, answer.ttl, answer.ref.symbol);
    return { ok: true, ip: answer.ip, ref: answer.ref };
  }
  return { ok: false, failure: lastFailure! };
}

/** A DNS message; a query carries no records (the reply's are given, immutable and shared). */
function dnsMessage(kind: "query" | "response", name: string, id: number, recursionDesired: boolean, reply?: Pick<DnsMessage, "rcode" | "answers" | "authority" | "additional">): DnsMessage {
  return {
    protocol: "DNS", id, kind, question: { name, type: "A" }, recursionDesired, rcode: reply?.rcode ?? "NOERROR",
    answers: reply?.answers ?? [], authority: reply?.authority ?? [], additional: reply?.additional ?? [],
  };
}

function udp(label: string, src: { ip: number; ttl: number }, dst: number, sport: number, dport: number, len: number, app: DnsMessage, refs: Refs): Pkt {
  return { label, srcMac: "", dstMac: "", src: src.ip, dst, ttl: src.ttl, proto: "UDP", sport, dport, seq: 0, ack: 0, flags: [], len, icmp: null, app, refs: makeRefs(refs), steer: null };
}

interface Answer { ok: true; ip: number; ttl: number; ref: FieldRef }

/** One query from a stub resolver to its nameserver, and the response back. */
function stubQuery(sim: Sim, client: RtNode, server: number, qname: string, port: PortSpec | null, purpose: string): Answer | { ok: false; failure: Extract<Transmit, { ok: false }> } {
  const src = sourceOf(sim, client, server);
  const sport = clientPort(sim, client, port, `dns ${purpose}`);
  const dportRef = servicePort(sim, 53, "dns");
  const serverRef: FieldRef = { symbol: sim.symbol(`nameserver:${client.id}`, `${client.id}'s nameserver`, formatIpv4(server)), offset: 0 };
  const id = sim.rng(`dnsid:${client.id}`).int(1, 65535);
  const query = udp("dns.query", src, server, sport.port, 53, QUERY_BYTES + qname.length, dnsMessage("query", qname, id, true),
    { "ip.src": src.ipRef, "ip.ttl": src.ttlRef, "l4.srcPort": sport.ref, "ip.dst": serverRef, "l4.dstPort": dportRef });
  sim.push({
    type: "dns", key: sim.key("dns.stub-query", client.id), node: client.id, step: "stub-query", name: qname, result: `query to ${formatIpv4(server)}`,
    reason: `The stub resolver sends a recursive query for ${qname} (type A) over UDP to its nameserver ${formatIpv4(server)}:53.`,
    provenance: { kind: "config", node: client.id, setting: `nameserver ${formatIpv4(server)}` },
  });
  const arrived = transmit(sim, client, query);
  if (!arrived.ok) return { ok: false, failure: arrived };
  const service = arrived.node.services.get(53);
  const reply = service ? answerQuery(sim, arrived.node, service, qname) : { rcode: "NXDOMAIN" as const, answers: [], authority: [], additional: [], by: arrived.node.id, reason: "no DNS service" };
  const serverSrc = sourceOf(sim, arrived.node);
  const response = udp("dns.response", { ip: arrived.pkt.dst, ttl: serverSrc.ttl }, arrived.pkt.src, 53, arrived.pkt.sport, QUERY_BYTES + qname.length + 16 * reply.answers.length,
    dnsMessage("response", qname, id, true, reply),
    withDefined({ "ip.src": arrived.pkt.refs["ip.dst"], "l4.srcPort": arrived.pkt.refs["l4.dstPort"], "ip.dst": arrived.pkt.refs["ip.src"], "l4.dstPort": arrived.pkt.refs["l4.srcPort"], "ip.ttl": serverSrc.ttlRef }));
  const back = transmit(sim, arrived.node, response);
  if (!back.ok) return { ok: false, failure: back };
  const a = reply.answers.find((r) => r.type === "A");
  if (reply.rcode === "NXDOMAIN" || !a) {
    sim.push({
      type: "dns", key: sim.key("dns.nxdomain", client.id), node: client.id, step: "nxdomain", name: qname, result: "NXDOMAIN",
      reason: `The answer for ${qname} is NXDOMAIN: ${reply.reason}`,
      provenance: { kind: "protocol", rule: "RFC 1035 4.1.1: RCODE 3, name error" },
    });
    return { ok: false, failure: { ok: false, disposition: "NXDOMAIN", node: client.id, component: reply.by, reason: `${qname} does not exist: ${reply.reason}` } };
  }
  const ip = parseIpv4(a.data);
  const addr = ip.ok ? ip.value : 0;
  return { ok: true, ip: addr, ttl: a.ttl, ref: { symbol: answerSymbol(sim, qname.replace(/\.$/, ""), addr), offset: 0 } };
}

function withDefined(refs: Record<string, FieldRef | undefined>): Refs {
  return makeRefs(refs as Refs);
}

interface Reply {
  readonly rcode: "NOERROR" | "NXDOMAIN";
  readonly answers: readonly DnsRecord[];
  readonly authority: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
  /** The server whose answer this is (for blame on NXDOMAIN). */
  readonly by: string;
  readonly reason: string;
}

/** What a DNS service at `node` answers for `qname`. */
function answerQuery(sim: Sim, node: RtNode, service: ServiceModel, qname: string): Reply {
  switch (service.kind) {
    case "dns-authoritative": return authoritativeAnswer(node, service.zone, service.records, qname);
    case "cluster-dns": return clusterDns(sim, node, service.domain, service.records, service.ttl, qname);
    case "dns-recursive": return recursive(sim, node, service, qname);
    default: return { rcode: "NXDOMAIN", answers: [], authority: [], additional: [], by: node.id, reason: `${node.id} does not serve DNS.` };
  }
}

function inZone(name: string, zone: string): boolean {
  return zone === "." || name === zone || name.endsWith(`.${zone}`);
}

const zoneAnswers = new WeakMap<RtNode, Map<string, Reply>>();

/**
 * An authoritative server's reply, worked out once per server and name: it depends on nothing but
 * the zone's records, and the same query recurs in every trace (the replies are immutable).
 */
function authoritativeAnswer(node: RtNode, zone: string, records: readonly DnsRecordModel[], qname: string): Reply {
  let byName = zoneAnswers.get(node);
  if (!byName) zoneAnswers.set(node, (byName = new Map()));
  let reply = byName.get(qname);
  if (!reply) byName.set(qname, (reply = deepFreeze(authoritative(node, zone, records, qname))));
  return reply;
}

/** An authoritative server: an answer, a referral to a delegated child zone (with glue), or NXDOMAIN. */
export function authoritative(node: RtNode, zone: string, records: readonly DnsRecordModel[], qname: string): Reply {
  const a = records.find((r) => r.type === "A" && r.name === qname);
  if (a) return { rcode: "NOERROR", answers: [a], authority: [], additional: [], by: node.id, reason: `${node.id} is authoritative for ${zone} and has an A record for ${qname}.` };
  const delegations = records.filter((r) => r.type === "NS" && r.name !== zone && inZone(qname, r.name));
  if (delegations.length > 0) {
    const deepest = delegations.reduce((best, r) => (r.name.length > best.name.length ? r : best));
    const ns = delegations.filter((r) => r.name === deepest.name);
    const glue = records.filter((r) => r.type === "A" && ns.some((n) => n.data === r.name));
    return { rcode: "NOERROR", answers: [], authority: ns, additional: glue, by: node.id, reason: `${node.id} delegates ${deepest.name} to ${ns.map((n) => n.data).join(", ")}.` };
  }
  return { rcode: "NXDOMAIN", answers: [], authority: [], additional: [], by: node.id, reason: `${node.id} is authoritative for ${zone === "." ? "the root zone" : zone} and has no such name${zone === "." ? ` (there is no top-level domain "${qname.split(".").pop()}")` : ""}.` };
}

function clusterDns(sim: Sim, node: RtNode, domain: string, records: readonly DnsRecordModel[], ttl: number, qname: string): Reply {
  const a = records.find((r) => r.type === "A" && r.name === qname);
  sim.push({
    type: "dns", key: sim.key("dns.cluster-lookup", node.id), node: node.id, step: a ? "answer" : "nxdomain", name: qname, result: a ? a.data : "NXDOMAIN",
    reason: a ? `CoreDNS knows ${qname} from the Kubernetes API: the Service's ClusterIP is ${a.data}.` : `CoreDNS has no Service called ${qname} in ${domain}.`,
    provenance: { kind: "table-entry", table: `${node.id} kubernetes plugin (${domain})`, entry: a ? `${a.name} A ${a.data}` : "no record" },
  });
  if (a) return { rcode: "NOERROR", answers: [{ ...a, ttl }], authority: [], additional: [], by: node.id, reason: "" };
  return { rcode: "NXDOMAIN", answers: [], authority: [], additional: [], by: node.id, reason: `no Service named ${qname} exists in the cluster.` };
}

function levelOf(zone: string): "root" | "tld" | "auth" {
  if (zone === ".") return "root";
  return zone.includes(".") ? "auth" : "tld";
}

/** A recursive resolver: its cache, then iterative queries from the closest known zone down. */
function recursive(sim: Sim, node: RtNode, service: Extract<ServiceModel, { kind: "dns-recursive" }>, qname: string): Reply {
  const cache = cacheOf(sim, `resolver:${node.id}`, service.cache);
  const cached = cache.get(qname);
  const hit = fresh(sim, cached) && sim.rule(RULE["dns-cache"]);
  sim.push({
    type: "dns", key: sim.key("dns.resolver-cache", node.id), node: node.id, step: "resolver-cache", name: qname, result: hit ? `HIT ${formatIpv4(cached!.ip)}` : "MISS",
    reason: hit ? `The resolver answered ${qname} recently and the TTL has not run out: it answers from its cache.` : `The resolver has no cached answer for ${qname}: it resolves it iteratively, starting from the closest zone it knows.`,
    provenance: { kind: "table-entry", table: `${node.id} resolver cache`, entry: hit ? `${qname} A ${formatIpv4(cached!.ip)}` : "no entry" },
  });
  if (hit) {
    const ttlLeft = Math.max(1, Math.floor((cached!.expiresAtMs - sim.state.clockMs) / 1000));
    return { rcode: "NOERROR", answers: [{ name: qname, type: "A", ttl: ttlLeft, data: formatIpv4(cached!.ip) }], authority: [], additional: [], by: node.id, reason: "" };
  }
  let nsCache = sim.state.nsCache.get(node.id);
  if (!nsCache) sim.state.nsCache.set(node.id, (nsCache = new Map()));
  let zone = ".";
  let server: { name: string; ip: number } = service.rootServers[0]!;
  for (const [z, known] of nsCache) {
    if (inZone(qname, z) && z.length > zone.length) {
      zone = z;
      server = known;
    }
  }
  for (let depth = 0; depth < 8; depth++) {
    const level = levelOf(zone);
    const reply = iterativeQuery(sim, node, server.ip, server.name, qname, level);
    if (!reply) return { rcode: "NXDOMAIN", answers: [], authority: [], additional: [], by: node.id, reason: `the resolver could not reach ${server.name}.` };
    if (reply.rcode === "NXDOMAIN") {
      sim.push({ type: "dns", key: sim.key("dns.nxdomain", node.id), node: node.id, step: "nxdomain", name: qname, result: `NXDOMAIN from ${server.name}`, reason: reply.reason, provenance: { kind: "protocol", rule: "RFC 1035: authoritative name error" } });
      return { ...reply, by: reply.by };
    }
    const a = reply.answers.find((r) => r.type === "A");
    if (a) {
      const ip = parseIpv4(a.data);
      if (ip.ok) cache.set(qname, { ip: ip.value, ttl: a.ttl, expiresAtMs: sim.state.clockMs + a.ttl * 1000, symbol: answerSymbol(sim, qname, ip.value) });
      sim.push({
        type: "dns", key: sim.key("dns.answer", node.id), node: node.id, step: "answer", name: qname, result: `${a.data} (TTL ${a.ttl} s)`,
        reason: `${server.name} is authoritative for ${qname} and answers ${a.data}; the resolver caches it for ${a.ttl} s and answers the client.`,
        provenance: { kind: "table-entry", table: `${server.name} zone`, entry: `${a.name} ${a.ttl} IN A ${a.data}` },
      });
      return { rcode: "NOERROR", answers: [a], authority: [], additional: [], by: reply.by, reason: "" };
    }
    const glue = reply.additional.find((r) => r.type === "A");
    const child = reply.authority[0];
    if (!glue || !child) return { rcode: "NXDOMAIN", answers: [], authority: [], additional: [], by: reply.by, reason: "the referral had no usable nameserver address." };
    const next = parseIpv4(glue.data);
    if (!next.ok) return { rcode: "NXDOMAIN", answers: [], authority: [], additional: [], by: reply.by, reason: "bad glue" };
    nsCache.set(child.name, { name: glue.name, ip: next.value });
    sim.push({
      type: "dns", key: sim.key("dns.referral", node.id), node: node.id, step: "referral", name: qname, result: `${child.name} -> ${glue.name} (${glue.data})`,
      reason: `${server.name} does not know ${qname} but knows who does: it refers the resolver to ${glue.name} (${glue.data}) for ${child.name}.`,
      provenance: { kind: "table-entry", table: `${server.name} zone`, entry: `${child.name} NS ${child.data}; ${glue.name} A ${glue.data}` },
    });
    zone = child.name;
    server = { name: glue.name, ip: next.value };
  }
  return { rcode: "NXDOMAIN", answers: [], authority: [], additional: [], by: node.id, reason: "too many referrals." };
}

/** One iterative query from the resolver to an authoritative server, carried over the network. */
function iterativeQuery(sim: Sim, resolver: RtNode, server: number, serverName: string, qname: string, level: "root" | "tld" | "auth"): Reply | null {
  const src = sourceOf(sim, resolver, server);
  const n = sim.count(`resolver-port:${resolver.id}`);
  const range = resolver.model.host?.ephemeralPorts ?? { min: 1024, max: 65535 };
  const sport = sim.rng(`resolver-port:${resolver.id}`).int(range.min, range.max);
  const portRef: FieldRef = { symbol: sim.symbol(`port:${resolver.id}#${n}`, `${resolver.id}'s random source port for query ${n}`, String(sport), { kind: "range", min: range.min, max: range.max, why: "resolvers randomise their source port to resist cache poisoning" }), offset: 0 };
  const serverRef: FieldRef = { symbol: sim.symbol(`ns:${serverName}`, `address of ${serverName}`, formatIpv4(server)), offset: 0 };
  const id = sim.rng(`dnsid:${resolver.id}`).int(1, 65535);
  sim.push({
    type: "dns", key: sim.key("dns.iterative-query", resolver.id), node: resolver.id, step: "iterative-query", name: qname, result: `asks ${serverName} (${formatIpv4(server)})`,
    reason: `The resolver asks ${serverName} (${level === "root" ? "a root server" : level === "tld" ? "a TLD server" : "an authoritative server"}) about ${qname}, without asking it to recurse.`,
    provenance: { kind: "protocol", rule: "RFC 1034 5.3.3: iterative resolution" },
  });
  const query = udp(`dns.${level}-query`, src, server, sport, 53, QUERY_BYTES + qname.length, dnsMessage("query", qname, id, false),
    { "ip.src": src.ipRef, "ip.ttl": src.ttlRef, "l4.srcPort": portRef, "ip.dst": serverRef, "l4.dstPort": servicePort(sim, 53, "dns") });
  const arrived = transmit(sim, resolver, query);
  if (!arrived.ok) return null;
  const service = arrived.node.services.get(53);
  const reply = service ? answerQuery(sim, arrived.node, service, qname) : { rcode: "NXDOMAIN" as const, answers: [], authority: [], additional: [], by: arrived.node.id, reason: "no DNS service" };
  const serverSrc = sourceOf(sim, arrived.node);
  const response = udp(`dns.${level}-response`, { ip: arrived.pkt.dst, ttl: serverSrc.ttl }, arrived.pkt.src, 53, arrived.pkt.sport, QUERY_BYTES + qname.length + 16 * (reply.answers.length + reply.authority.length + reply.additional.length),
    dnsMessage("response", qname, id, false, reply),
    withDefined({ "ip.src": arrived.pkt.refs["ip.dst"], "l4.srcPort": arrived.pkt.refs["l4.dstPort"], "ip.dst": arrived.pkt.refs["ip.src"], "l4.dstPort": arrived.pkt.refs["l4.srcPort"], "ip.ttl": serverSrc.ttlRef }));
  const back = transmit(sim, arrived.node, response);
  return back.ok ? reply : null;
}
