/**
 * What a client does in a flow, step by step: browse to a URL, resolve a name, make a request,
 * open an SSH session, probe a port, or wait. Each step drives the protocol modules and stops at
 * the first failure, which becomes the flow's outcome.
 */
import { parseIpv4, formatIpv4 } from "../net/ipv4";
import { resolve } from "./dns";
import { clientPort, givenAddress, servicePort } from "./endpoint";
import type { Transmit } from "./forward";
import { exchange, handlerFor, type HttpRequest } from "./http";
import type { StepModel } from "./model";
import { cdnHandler, l7ProxyHandler } from "./proxy";
import type { Sim } from "./sim";
import { sshSession } from "./ssh";
import { close, connect, type TcpConnection } from "./tcp";
import { handshake } from "./tls";
import type { RtNode } from "./topology";
import type { FieldRef } from "./trace-types";

export type Failure = Extract<Transmit, { ok: false }>;
export interface Served { readonly node: string; readonly summary: string; readonly contentType?: string }
export type StepResult = { readonly ok: true; readonly served: Served | null } | { readonly ok: false; readonly failure: Failure };

const ok = (served: Served | null = null): StepResult => ({ ok: true, served });
const failed = (failure: Failure): StepResult => ({ ok: false, failure });

/** Runs one step of a flow from `client`. */
export function runStep(sim: Sim, client: RtNode, step: StepModel): StepResult {
  switch (step.kind) {
    case "browse": return browse(sim, client, step);
    case "request": return request(sim, client, step, step.to, givenAddress(sim, step.to, step.id));
    case "resolve": {
      const r = resolve(sim, client, step.name, { browser: false, port: step.srcPort, purpose: step.id });
      return r.ok ? ok({ node: client.id, summary: `${step.name} is ${formatIpv4(r.ip)}` }) : failed(r.failure);
    }
    case "ssh": {
      const f = sshSession(sim, client, step);
      const target = sim.topo.ownerOfIp.get(step.to)?.node.id ?? publicOwner(sim, step.to) ?? formatIpv4(step.to);
      return f ? failed(f) : ok({ node: target, summary: `SSH session to ${formatIpv4(step.to)}` });
    }
    case "probe": return probe(sim, client, step);
    case "wait":
      sim.state.clockMs += step.seconds * 1000;
      sim.push({ type: "step", key: sim.key("wait", client.id), node: client.id, protocol: "LATENCY", title: `${step.seconds} s pass`, details: { seconds: String(step.seconds) }, reason: `Time passes (${step.seconds} s): cached entries age and may expire.`, provenance: { kind: "config", node: client.id, setting: "scenario timeline" } });
      return ok();
  }
}

/** The node an internet gateway maps a public address to, for naming where a flow ended. */
function publicOwner(sim: Sim, ip: number): string | null {
  for (const node of sim.topo.nodes.values()) {
    const mapping = node.model.staticNat.find((m) => m.publicIp === ip);
    if (mapping) return mapping.owner;
  }
  return null;
}

interface ParsedUrl { scheme: "http" | "https"; host: string; port: number; path: string }

/** Splits a URL the way a browser's address bar does, with the scheme's default port. */
export function parseUrl(url: string): ParsedUrl | null {
  const m = /^(https?):\/\/([^/:]+)(?::(\d+))?(\/[^\s]*)?$/.exec(url);
  if (!m) return null;
  const scheme = m[1] as "http" | "https";
  return { scheme, host: m[2]!.toLowerCase(), port: m[3] ? Number(m[3]) : scheme === "https" ? 443 : 80, path: m[4] ?? "/" };
}

function browse(sim: Sim, client: RtNode, step: Extract<StepModel, { kind: "browse" }>): StepResult {
  const url = parseUrl(step.url)!;
  sim.push({
    type: "step", key: sim.key("url.parse", client.id), node: client.id, protocol: "URL", title: `Parse ${step.url}`,
    // An HTTP library parses the URL the same way a browser's address bar does.
    details: { scheme: url.scheme, host: url.host, port: String(url.port), path: url.path },
    reason: `The browser splits the URL: scheme ${url.scheme} means ${url.scheme === "https" ? "TLS on port 443" : "plain HTTP on port 80"} unless a port is given, host ${url.host}, path ${url.path}.`,
    provenance: { kind: "protocol", rule: "RFC 3986 URI syntax; WHATWG URL standard" },
  });
  const literal = parseIpv4(url.host);
  let ip: number;
  let ref: FieldRef;
  if (literal.ok) {
    ip = literal.value;
    ref = givenAddress(sim, ip, step.id);
  } else {
    const r = resolve(sim, client, url.host, { browser: step.agent === "browser", port: step.dnsPort, purpose: `${step.id} lookup` });
    if (!r.ok) return failed(r.failure);
    ip = r.ip;
    ref = r.ref;
  }
  const result = request(sim, client, {
    kind: "request", id: step.id, to: ip as import("../net/ipv4").Ipv4, port: url.port, host: url.host, path: url.path, tls: url.scheme === "https",
    headers: step.headers, srcPort: step.srcPort, isn: step.isn, httpVersion: step.httpVersion, keepOpen: false,
  }, ip, ref);
  if (result.ok && step.agent === "browser" && (result.served?.contentType ?? "").startsWith("text/html")) {
    sim.push({
      type: "step", key: sim.key("browser.render", client.id), node: client.id, protocol: "BROWSER", title: "Render the page",
      details: { steps: "parse HTML, fetch CSS/JS/images (more connections, often reused), run JavaScript, build the DOM, paint" },
      reason: "With the HTML in hand the browser parses it, fetches the resources it references (reusing connections and caches), runs scripts and paints the page.",
      provenance: { kind: "protocol", rule: "WHATWG HTML: processing model" },
    });
  }
  return result;
}

function request(sim: Sim, client: RtNode, step: Extract<StepModel, { kind: "request" }>, ip: number, ipRef: FieldRef): StepResult {
  const opened = connect(sim, {
    prefix: "", client, to: ip, toRef: ipRef, port: step.port, portRef: servicePort(sim, step.port, step.id),
    source: clientPort(sim, client, step.srcPort, step.id), isn: step.isn, purpose: step.id,
  });
  if (!opened.ok) return failed(opened.failure);
  const conn = opened.conn;
  let version: "1.1" | "2" = "1.1";
  if (step.tls) {
    const tls = "tls" in conn.service ? conn.service.tls : null;
    if (!tls) return failed({ ok: false, disposition: "TLS_CERTIFICATE_INVALID", node: conn.server.node.id, component: conn.server.node.id, reason: `${conn.server.node.id} does not speak TLS on port ${step.port}.` });
    const offered = step.httpVersion === "2" ? ["h2", "http/1.1"] : ["http/1.1"];
    const hs = handshake(sim, conn, step.host, tls, offered, client.model.host?.trustedRoots ?? []);
    if (!hs.ok) return failed(hs.failure);
    version = hs.session.alpn === "h2" ? "2" : "1.1";
  }
  const req: HttpRequest = { version, method: "GET", host: step.host, path: step.path, headers: step.headers, tls: step.tls };
  const handler = handlerFor(conn.service, {
    cdn: conn.service.kind === "cdn-edge" ? cdnHandler(conn.service) : () => ({ ok: true, response: { status: 502, headers: [], bodyBytes: 0, body: "" } }),
    proxy: conn.service.kind === "l7-proxy" ? l7ProxyHandler(conn.service) : () => ({ ok: true, response: { status: 502, headers: [], bodyBytes: 0, body: "" } }),
  });
  const done = exchange(sim, conn, req, handler);
  if (!done.ok) return failed(done.failure);
  if (step.keepOpen) leftOpen(sim, client, conn);
  else {
    const closed = close(sim, conn);
    if (!closed.ok) return failed(closed);
  }
  const contentType = done.response.headers.find(([k]) => k === "content-type")?.[1] ?? "";
  return ok({ node: conn.server.node.id, summary: `${req.method} ${step.host}${step.path} -> ${done.response.status}`, contentType });
}

function probe(sim: Sim, client: RtNode, step: Extract<StepModel, { kind: "probe" }>): StepResult {
  const base = client.model.host?.initialTtl ?? 64;
  const ttl = step.ttl ?? base;
  // A probe with its own TTL (like traceroute) is a different sender configuration: give it its own symbol.
  const node = ttl === base ? client : withTtl(client, ttl);
  const opened = connect(sim, {
    prefix: "", client: node, to: step.to, toRef: givenAddress(sim, step.to, step.id), port: step.port, portRef: servicePort(sim, step.port, step.id),
    source: clientPort(sim, client, step.srcPort, step.id), isn: step.isn, purpose: step.id,
  });
  if (!opened.ok) return failed(opened.failure);
  if (step.keepOpen) leftOpen(sim, client, opened.conn as TcpConnection);
  else {
    const closed = close(sim, opened.conn as TcpConnection);
    if (!closed.ok) return failed(closed);
  }
  return ok({ node: opened.conn.server.node.id, summary: `${formatIpv4(step.to)}:${step.port} accepted the connection` });
}

/** A connection the scenario keeps open: no FIN, so every conntrack entry on its path stays ESTABLISHED. */
function leftOpen(sim: Sim, client: RtNode, conn: TcpConnection): void {
  sim.push({
    type: "step", key: sim.key("tcp.left-open", client.id), node: client.id, protocol: "TCP", title: "Connection left open",
    details: { peer: `${formatIpv4(conn.server.ip)}:${conn.server.port}` },
    reason: "The client does not close this connection: every NAT on its path keeps its entry ESTABLISHED (Linux: 432000 s, five days, without traffic; an AWS NAT gateway: 350 s idle) and its public port stays taken while later flows run.",
    provenance: { kind: "config", node: client.id, setting: "scenario timeline" },
  });
}

const probeSenders = new WeakMap<RtNode, Map<number, RtNode>>();

/**
 * The node as it sends with another initial TTL (a probe's, or a flow's). Made once per node and
 * TTL, so the forwarding decisions remembered for a node (keyed by the node object) serve its
 * probes and flows in every trace too.
 */
export function withTtl(node: RtNode, ttl: number): RtNode {
  let byTtl = probeSenders.get(node);
  if (!byTtl) probeSenders.set(node, (byTtl = new Map()));
  let sender = byTtl.get(ttl);
  if (!sender) {
    const host = node.model.host;
    byTtl.set(ttl, (sender = { ...node, model: { ...node.model, host: host ? { ...host, initialTtl: ttl } : host } }));
  }
  return sender;
}
