/**
 * L7 proxies: a CDN edge with a URL-keyed cache, and an HTTP load balancer. Both end the client's
 * TCP connection and open their own to the server behind them, so the server sees the proxy's
 * address and learns the client's from headers the proxy adds.
 */
import { contains } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import { clientPort, givenAddress, servicePort } from "./endpoint";
import { exchange, handlerFor, header, serveRoutes, type Headers, type HttpRequest, type HttpResponse, type RequestHandler } from "./http";
import type { CdnServiceModel, L7ProxyServiceModel, ServiceModel } from "./model";
import { RULE } from "./rules";
import type { Sim } from "./sim";
import type { FieldRef } from "./trace-types";
import { close, connect, type TcpConnection } from "./tcp";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade"]);

function forwardable(headers: Headers): [string, string][] {
  return headers.filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())).map(([k, v]) => [k.toLowerCase(), v]);
}

/** A Ray ID: 16 hex digits and the POP's airport code, different for every request. */
function rayId(sim: Sim, pop: string): { value: string; symbol: string } {
  const rng = sim.rng(`ray:${pop}`);
  let hex = "";
  for (let i = 0; i < 16; i++) hex += rng.int(0, 15).toString(16);
  const value = `${hex}-${pop}`;
  const n = sim.count(`ray:${pop}`);
  const free = { kind: "pattern" as const, pattern: `^[0-9a-f]{16}-${pop}$`, example: value, why: `the Ray ID is random per request; only its -${pop} suffix (the POP that served it) is predictable` };
  return { value, symbol: sim.symbol(`ray:${pop}#${n}`, `Ray ID of request ${n} at ${pop}`, value, free) };
}

function maxAge(headers: Headers): number {
  const cc = header(headers, "cache-control") ?? "";
  if (/\b(private|no-store|no-cache)\b/.test(cc)) return 0;
  const m = /max-age=(\d+)/.exec(cc);
  return m ? Number(m[1]) : 0;
}

function globMatch(pattern: string, path: string): boolean {
  return pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

/** Opens (or, off the record, re-establishes) a connection from a proxy to the server behind it. */
function upstream(sim: Sim, from: TcpConnection, ip: number, port: number, prefix: string, warm: boolean, isn: import("./model").IsnSpec, toRef?: FieldRef) {
  const proxy = from.server.node;
  const open = () => connect(sim, {
    prefix, client: proxy, to: ip, toRef: toRef ?? givenAddress(sim, ip, `${prefix}upstream`), port, portRef: servicePort(sim, port, `${prefix}upstream`),
    source: clientPort(sim, proxy, null, `${prefix}upstream`), isn, purpose: `${prefix}upstream`,
  });
  return warm ? sim.silently(open) : open();
}

/** What the origin or backend does with the proxied request. */
function serverHandler(conn: TcpConnection): RequestHandler {
  const service: ServiceModel = conn.service;
  return handlerFor(service, { cdn: () => ({ ok: true, response: { status: 502, headers: [], bodyBytes: 0, body: "loop" } }), proxy: () => ({ ok: true, response: { status: 502, headers: [], bodyBytes: 0, body: "loop" } }) });
}

/** A CDN edge: serve from cache when it can, otherwise fetch from the origin over a kept-alive connection. */
export function cdnHandler(service: CdnServiceModel): RequestHandler {
  return (sim, conn, req) => {
    const edge = conn.server.node;
    const url = `https://${req.host}${req.path}`;
    const cacheName = `${edge.id} cache`;
    const cacheable = req.method === "GET" && service.cache.some((p) => globMatch(p, req.path));
    let cache = sim.state.cdnCaches.get(edge.id);
    if (!cache) sim.state.cdnCaches.set(edge.id, (cache = new Map()));
    const ray = rayId(sim, service.pop);
    const stored = cache.get(url);
    const fresh = stored && sim.state.clockMs < stored.storedAtMs + stored.maxAgeS * 1000;
    if (cacheable && fresh && sim.rule(RULE["cdn-cache"])) {
      sim.push({
        type: "cache", key: sim.key("cdn.cache", edge.id), node: edge.id, cache: cacheName, lookup: url, status: "HIT",
        reason: `The edge already holds ${url} (stored ${Math.round((sim.state.clockMs - stored.storedAtMs) / 1000)} s ago, fresh for ${stored.maxAgeS} s): it answers from its cache and the origin is not contacted.`,
        provenance: { kind: "table-entry", table: cacheName, entry: `${url} (max-age ${stored.maxAgeS})` },
      });
      const age = String(Math.floor((sim.state.clockMs - stored.storedAtMs) / 1000));
      return { ok: true, response: { status: stored.status, headers: [...stored.headers, ["age", age], ["cf-cache-status", "HIT"], ["cf-ray", ray.value], ["server", "cloudflare"]], bodyBytes: stored.bodyBytes, body: "from the edge cache" } };
    }
    sim.push({
      type: "cache", key: sim.key("cdn.cache", edge.id), node: edge.id, cache: cacheName, lookup: url, status: cacheable ? "MISS" : "DYNAMIC",
      reason: cacheable
        ? `${url} is not in the edge's cache yet (or has expired): a MISS, so the edge must fetch it from the origin.`
        : `${req.path} is not a cacheable path for this zone: the edge passes the request to the origin every time (DYNAMIC).`,
      provenance: { kind: "rule", ruleset: `${edge.id} cache rules`, rule: cacheable ? `cache ${service.cache.join(", ")}` : "not cacheable" },
    });
    const fetched = fetchFromOrigin(sim, conn, req, service, ray.value);
    if (!fetched.ok) return fetched;
    const res = fetched.response;
    const age = maxAge(res.headers);
    if (cacheable && age > 0) {
      cache.set(url, { status: res.status, headers: res.headers, bodyBytes: res.bodyBytes, storedAtMs: sim.state.clockMs, maxAgeS: age });
      sim.push({
        type: "cache", key: sim.key("cdn.store", edge.id), node: edge.id, cache: cacheName, lookup: url, status: "STORED",
        reason: `The origin said Cache-Control: ${header(res.headers, "cache-control")}, so the edge keeps the response for ${age} s; the next request for this URL at this POP is a HIT.`,
        provenance: { kind: "protocol", rule: "RFC 9111: a shared cache may store a response with max-age" },
      });
    }
    return { ok: true, response: { ...res, headers: [...res.headers, ["cf-cache-status", cacheable ? "MISS" : "DYNAMIC"], ["cf-ray", ray.value], ["server", "cloudflare"]] } };
  };
}

function fetchFromOrigin(sim: Sim, conn: TcpConnection, req: HttpRequest, service: CdnServiceModel, ray: string): { ok: true; response: HttpResponse } | { ok: false; failure: import("./forward").Transmit & { ok: false } } {
  const client = conn.server.peerIp;
  const country = service.geo.find((g) => contains(g.cidr, client))?.country ?? "XX";
  const up = upstream(sim, conn, service.origin.ip, service.origin.port, "origin.", true, service.upstreamIsn);
  if (!up.ok) return up;
  const edge = conn.server.node;
  sim.push({
    type: "step", key: sim.key("origin.reuse", edge.id), node: edge.id, protocol: "HTTP", title: "Kept-alive connection to the origin",
    details: { from: formatIpv4(up.conn.client.ip), to: `${formatIpv4(service.origin.ip)}:${service.origin.port}` },
    reason: `The edge reuses a connection it keeps open to the origin (${service.origin.host}), so this request pays one round trip, not new TCP and TLS handshakes. The origin will see the edge's address ${formatIpv4(up.conn.client.ip)}, not the visitor's.`,
    provenance: { kind: "protocol", rule: "RFC 9112 9.3: persistent connections" },
  });
  const originReq: HttpRequest = {
    version: "1.1", method: req.method, host: req.host, path: req.path, tls: service.origin.tls,
    headers: [
      ...forwardable(req.headers),
      ["cf-connecting-ip", formatIpv4(client)], ["cf-ipcountry", country], ["cf-ray", ray],
      ["x-forwarded-for", formatIpv4(client)], ["x-forwarded-proto", "https"],
    ],
  };
  const result = exchange(sim, up.conn, originReq, serverHandler(up.conn));
  return result.ok ? { ok: true, response: result.response } : result;
}

/** An HTTP load balancer: picks a backend, opens its own connection, adds X-Forwarded-* headers. */
export function l7ProxyHandler(service: L7ProxyServiceModel): RequestHandler {
  return (sim, conn, req) => {
    const lb = conn.server.node;
    const n = sim.count(`l7:${lb.id}`);
    const index = sim.rng(`l7:${lb.id}`).int(0, service.backends.length - 1);
    const backend = service.backends[index]!;
    const free = service.backends.length > 1 ? { kind: "one-of" as const, values: service.backends.map((b) => formatIpv4(b.ip)), why: "the load balancer may pick any healthy backend" } : null;
    const pick = sim.symbol(`l7pick:${lb.id}#${n}`, `backend chosen by ${lb.id}`, formatIpv4(backend.ip), free);
    sim.push({
      type: "step", key: sim.key("proxy.pick", lb.id), node: lb.id, protocol: "HTTP", title: `Backend chosen: ${backend.label}`,
      details: { backend: `${formatIpv4(backend.ip)}:${backend.port}` },
      reason: `${lb.id} ends the client's connection here and opens a new one to ${backend.label}; the backend sees ${lb.id}'s address as the source.`,
      provenance: { kind: "rule", ruleset: `${lb.id} target group`, rule: `${service.backends.length} backends, pick ${pick}` },
    });
    // The backend's address is the proxy's random pick: any backend is a right prediction, used consistently.
    const up = upstream(sim, conn, backend.ip, backend.port, "backend.", false, service.upstreamIsn, { symbol: pick, offset: 0 });
    if (!up.ok) return up;
    const client = formatIpv4(conn.server.peerIp);
    const prior = header(req.headers, "x-forwarded-for");
    const backendReq: HttpRequest = {
      version: "1.1", method: req.method, host: req.host, path: req.path, tls: false,
      headers: [
        ...forwardable(req.headers).filter(([k]) => k !== "x-forwarded-for"),
        ["x-forwarded-for", prior ? `${prior}, ${client}` : client], ["x-forwarded-proto", req.tls ? "https" : "http"], ["x-forwarded-port", String(conn.server.port)],
      ],
    };
    const backendService = up.conn.service;
    const result = exchange(sim, up.conn, backendReq, backendService.kind === "web" ? serveRoutes(backendService.routes) : serverHandler(up.conn));
    if (!result.ok) return result;
    const closed = close(sim, up.conn);
    return closed.ok ? { ok: true, response: result.response } : { ok: false, failure: closed };
  };
}
