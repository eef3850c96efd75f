/** Compiles a node's services (web, DNS, SSH, CDN edge, L7 proxy) into the engine's model. */
import type { HttpRoute, IsnSpec, ServiceModel, TlsConfig } from "../engine/model";
import type { CompileContext } from "./compile-context";
import type { Path } from "./issues";
import type { ScenarioFile } from "./schema";

type ServiceFile = ScenarioFile["nodes"][number]["services"][number];
type TlsFile = NonNullable<Extract<ServiceFile, { kind: "web" }>["tls"]>;

export function isnSpec(ctx: CompileContext, path: Path, value: unknown): IsnSpec {
  if (value === undefined || value === "seeded") return { kind: "seeded" };
  return { kind: "fixed", value: ctx.issues.number(path, value, 0, 4294967295) };
}

function tls(t: TlsFile): TlsConfig {
  return {
    versions: t.versions, cipher: t.cipher, alpn: t.alpn,
    chain: t.chain.map((c) => ({ subject: c.subject, names: c.names.map((n) => n.toLowerCase()), issuer: c.issuer })),
  };
}

function routes(list: Extract<ServiceFile, { kind: "web" }>["routes"]): HttpRoute[] {
  return list.map((r) => ({ path: r.path, status: r.status, headers: Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v] as const), bodyBytes: r.bodyBytes, body: r.body }));
}

/** DNS names are compared in lower case without the trailing dot; the root stays ".". */
export function dnsName(name: string): string {
  if (name === ".") return ".";
  return name.toLowerCase().replace(/\.$/, "");
}

function backend(ctx: CompileContext, path: Path, node: string, port: number) {
  const ip = ctx.addressOf.get(node);
  if (ip === undefined) ctx.issues.add(path, `unknown node "${node}"`);
  return { label: node, ip: ip ?? ctx.issues.ip(path, "0.0.0.0"), port };
}

export function compileService(ctx: CompileContext, path: Path, s: ServiceFile): ServiceModel {
  const issues = ctx.issues;
  switch (s.kind) {
    case "web": return { kind: "web", port: s.port, tls: s.tls ? tls(s.tls) : null, routes: routes(s.routes), serverIsn: isnSpec(ctx, [...path, "isn"], s.isn) };
    case "dns-recursive": return {
      kind: "dns-recursive", port: s.port,
      rootServers: s.roots.map((r, i) => ({ name: r.name, ip: issues.ip([...path, "roots", i, "address"], r.address) })),
      cache: s.cache.map((c, i) => ({ name: dnsName(c.name), ip: issues.ip([...path, "cache", i, "address"], c.address), ttl: c.ttl })),
    };
    case "dns-authoritative": return {
      kind: "dns-authoritative", port: s.port, zone: dnsName(s.zone),
      records: s.records.map((r, i) => {
        if (r.type === "A") issues.ip([...path, "records", i, "data"], r.data);
        return { name: dnsName(r.name), type: r.type, ttl: r.ttl, data: r.type === "NS" ? dnsName(r.data) : r.data };
      }),
    };
    case "ssh": return { kind: "ssh", port: s.port, allowJump: s.allowJump, serverIsn: isnSpec(ctx, [...path, "isn"], s.isn) };
    case "cdn-edge": return {
      kind: "cdn-edge", port: s.port, pop: s.pop, tls: tls(s.tls), cache: s.cache,
      origin: { host: s.origin.host, ip: issues.ip([...path, "origin", "address"], s.origin.address), port: s.origin.port, tls: s.origin.tls },
      geo: s.geo.map((g, i) => ({ cidr: issues.cidr([...path, "geo", i, "cidr"], g.cidr), country: g.country })),
      serverIsn: isnSpec(ctx, [...path, "isn"], s.isn), upstreamIsn: { kind: "seeded" },
    };
    case "l7-proxy": return {
      kind: "l7-proxy", port: s.port, tls: s.tls ? tls(s.tls) : null,
      backends: s.backends.map((b, i) => backend(ctx, [...path, "backends", i, "node"], b.node, b.port)),
      serverIsn: isnSpec(ctx, [...path, "isn"], s.isn), upstreamIsn: { kind: "seeded" },
    };
  }
}
