/**
 * HTTP/1.1 and HTTP/2 messages on a connection: building requests, serving them from a web
 * server's routes, and the byte counts that move the TCP sequence numbers. Proxies (CDN edge,
 * L7 load balancer) plug in as request handlers that may open connections of their own.
 */
import type { HttpRoute, ServiceModel } from "./model";
import { TLS_RECORD_OVERHEAD } from "./tls";
import type { Sim } from "./sim";
import { sendData, type TcpConnection } from "./tcp";
import type { Transmit } from "./forward";
import type { HttpMessage } from "./trace-types";

export type HttpVersion = "1.1" | "2";
export type Headers = readonly (readonly [string, string])[];

export interface HttpRequest {
  readonly version: HttpVersion;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly headers: Headers;
  readonly tls: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly bodyBytes: number;
  readonly body: string;
}

const REASONS: Readonly<Record<number, string>> = { 200: "OK", 301: "Moved Permanently", 304: "Not Modified", 404: "Not Found", 502: "Bad Gateway" };

/** Bytes of a message on the wire: HTTP/1.1 text exactly; HTTP/2 as a HEADERS frame of literal fields. */
export function messageBytes(version: HttpVersion, startLine: readonly (readonly [string, string])[], headers: Headers, bodyBytes: number, tls: boolean): number {
  let bytes: number;
  if (version === "1.1") {
    bytes = startLine[0]![1].length + 2;
    for (const [k, v] of [...startLine.slice(1), ...headers]) bytes += k.length + 2 + v.length + 2;
    bytes += 2 + bodyBytes;
  } else {
    bytes = 9;
    for (const [k, v] of [...startLine, ...headers]) bytes += k.length + v.length + 2;
    if (bodyBytes > 0) bytes += 9 + bodyBytes;
  }
  return tls ? bytes + TLS_RECORD_OVERHEAD : bytes;
}

export function requestMessage(req: HttpRequest): HttpMessage {
  return {
    protocol: req.version === "2" ? "HTTP/2" : "HTTP/1.1", kind: "request", method: req.method, path: req.path, host: req.host,
    headers: req.headers.map(([k, v]) => [k.toLowerCase(), v] as const), bodyBytes: 0, insideTls: req.tls,
  };
}

export function responseMessage(version: HttpVersion, res: HttpResponse, tls: boolean): HttpMessage {
  return {
    protocol: version === "2" ? "HTTP/2" : "HTTP/1.1", kind: "response", status: res.status,
    headers: res.headers.map(([k, v]) => [k.toLowerCase(), v] as const), bodyBytes: res.bodyBytes, bodySummary: res.body, insideTls: tls,
  };
}

function requestBytes(req: HttpRequest): number {
  const start: [string, string][] = req.version === "1.1"
    ? [["", `${req.method} ${req.path} HTTP/1.1`], ["Host", req.host]]
    : [[":method", req.method], [":scheme", req.tls ? "https" : "http"], [":authority", req.host], [":path", req.path]];
  return messageBytes(req.version, start, req.headers, 0, req.tls);
}

function responseBytes(version: HttpVersion, res: HttpResponse, tls: boolean): number {
  const start: [string, string][] = version === "1.1" ? [["", `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ""}`]] : [[":status", String(res.status)]];
  return messageBytes(version, start, res.headers, res.bodyBytes, tls);
}

/** What a server does with a request that reached it. May open connections of its own (proxies). */
export type RequestHandler = (sim: Sim, conn: TcpConnection, req: HttpRequest) => { ok: true; response: HttpResponse } | { ok: false; failure: Extract<Transmit, { ok: false }> };

export type ExchangeResult =
  | { readonly ok: true; readonly response: HttpResponse; readonly elapsedMs: number }
  | { readonly ok: false; readonly failure: Extract<Transmit, { ok: false }> };

/** Sends a request on the connection, lets the server handle it, and carries the response back. */
export function exchange(sim: Sim, conn: TcpConnection, req: HttpRequest, handler: RequestHandler): ExchangeResult {
  const started = sim.state.clockMs;
  const p = conn.prefix;
  const sent = sendData(sim, conn, true, "http.request", requestBytes(req), requestMessage(req));
  if (!sent.ok) return { ok: false, failure: sent };
  const handled = handler(sim, conn, req);
  if (!handled.ok) return handled;
  const back = sendData(sim, conn, false, "http.response", responseBytes(req.version, handled.response, req.tls), responseMessage(req.version, handled.response, req.tls));
  if (!back.ok) return { ok: false, failure: back };
  const elapsedMs = Math.round((sim.state.clockMs - started) * 1000) / 1000;
  sim.push({
    type: "step", key: sim.key(`${p}http.exchange`, conn.client.node.id), node: conn.client.node.id, protocol: "LATENCY",
    title: `${req.method} ${req.path}: ${handled.response.status} in ${elapsedMs} ms`,
    details: { request: `${req.method} ${req.host}${req.path}`, status: String(handled.response.status), elapsedMs: String(elapsedMs) },
    reason: `From the moment the request left ${conn.client.node.id} until the response arrived took ${elapsedMs} ms: the sum of the link latencies both ways, plus any work the server did on the way (such as fetching from an origin).`,
    provenance: { kind: "protocol", rule: "latency = sum of per-link one-way delays on the request and response paths" },
  });
  return { ok: true, response: handled.response, elapsedMs };
}

/** A plain web server: answers from its configured routes, 404 otherwise. */
export function serveRoutes(routes: readonly HttpRoute[]): RequestHandler {
  return (_sim, _conn, req) => {
    const route = routes.find((r) => r.path === req.path) ?? routes.find((r) => r.path === "*");
    if (!route) return { ok: true, response: { status: 404, headers: [["content-type", "text/plain"]], bodyBytes: 9, body: "not found" } };
    return { ok: true, response: { status: route.status, headers: route.headers, bodyBytes: route.bodyBytes, body: route.body } };
  };
}

/** The handler for whatever service listens where the request arrived. */
export function handlerFor(service: ServiceModel, handlers: { cdn: RequestHandler; proxy: RequestHandler }): RequestHandler {
  switch (service.kind) {
    case "web": return serveRoutes(service.routes);
    case "cdn-edge": return handlers.cdn;
    case "l7-proxy": return handlers.proxy;
    default: return () => ({ ok: true, response: { status: 502, headers: [], bodyBytes: 0, body: "not an HTTP service" } });
  }
}

/** Reads a header (case-insensitive). */
export function header(headers: Headers, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}
