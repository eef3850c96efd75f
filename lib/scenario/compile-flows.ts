/** Compiles the file's flows into the engine's step models, naming each step for its hop labels. */
import type { FlowModel, PortSpec, StepModel } from "../engine/model";
import { parseUrl } from "../engine/steps";
import type { CompileContext } from "./compile-context";
import { isnSpec } from "./compile-services";
import type { Path } from "./issues";
import type { FlowFile, StepFile } from "./schema";

function portSpec(ctx: CompileContext, path: Path, value: unknown): PortSpec | null {
  if (value === undefined) return null;
  if (value === "ephemeral") return { kind: "ephemeral", hint: null };
  if (typeof value === "object" && value !== null && "ephemeral" in value) {
    return { kind: "ephemeral", hint: ctx.issues.number([...path, "ephemeral"], (value as { ephemeral: unknown }).ephemeral, 1, 65535) };
  }
  return { kind: "fixed", value: ctx.issues.number(path, value, 1, 65535) };
}

function headers(h: Record<string, string>): [string, string][] {
  return Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]);
}

function stepKind(s: StepFile): StepModel["kind"] {
  if ("browse" in s) return "browse";
  if ("resolve" in s) return "resolve";
  if ("request" in s) return "request";
  if ("ssh" in s) return "ssh";
  if ("probe" in s) return "probe";
  return "wait";
}

function compileStep(ctx: CompileContext, path: Path, s: StepFile, id: string): StepModel {
  const issues = ctx.issues;
  if ("browse" in s) {
    if (!parseUrl(s.browse)) issues.add([...path, "browse"], `"${s.browse}" is not a URL the simulator understands (http:// or https://, a host, an optional port and path)`);
    return {
      kind: "browse", id, url: s.browse, agent: s.agent, headers: headers(s.headers), httpVersion: s.http,
      srcPort: portSpec(ctx, [...path, "srcPort"], s.srcPort) ?? { kind: "ephemeral", hint: null },
      dnsPort: portSpec(ctx, [...path, "dnsPort"], s.dnsPort) ?? { kind: "ephemeral", hint: null },
      isn: isnSpec(ctx, [...path, "isn"], s.isn),
    };
  }
  if ("resolve" in s) return { kind: "resolve", id, name: s.resolve.toLowerCase(), srcPort: portSpec(ctx, [...path, "srcPort"], s.srcPort) ?? { kind: "ephemeral", hint: null } };
  if ("request" in s) {
    const r = s.request;
    return {
      kind: "request", id, to: issues.ip([...path, "request", "to"], r.to), port: issues.number([...path, "request", "port"], r.port, 1, 65535), host: r.host, path: r.path, tls: r.tls,
      headers: headers(r.headers), httpVersion: r.http, srcPort: portSpec(ctx, [...path, "srcPort"], s.srcPort) ?? { kind: "ephemeral", hint: null },
      isn: isnSpec(ctx, [...path, "isn"], s.isn), keepOpen: s.keepOpen,
    };
  }
  if ("ssh" in s) {
    return {
      kind: "ssh", id, to: issues.ip([...path, "ssh", "to"], s.ssh.to), user: s.ssh.user,
      jump: s.ssh.jump ? { ip: issues.ip([...path, "ssh", "jump", "host"], s.ssh.jump.host), user: s.ssh.jump.user } : null,
      srcPort: portSpec(ctx, [...path, "srcPort"], s.srcPort) ?? { kind: "ephemeral", hint: null },
      jumpSrcPort: portSpec(ctx, [...path, "jumpSrcPort"], s.jumpSrcPort) ?? { kind: "ephemeral", hint: null },
      isn: isnSpec(ctx, [...path, "isn"], s.isn),
    };
  }
  if ("probe" in s) {
    return {
      kind: "probe", id, protocol: "TCP", to: issues.ip([...path, "probe", "to"], s.probe.to), port: issues.number([...path, "probe", "port"], s.probe.port, 1, 65535), ttl: s.probe.ttl ?? null,
      srcPort: portSpec(ctx, [...path, "srcPort"], s.srcPort) ?? { kind: "ephemeral", hint: null }, isn: isnSpec(ctx, [...path, "isn"], s.isn),
      keepOpen: s.keepOpen,
    };
  }
  return { kind: "wait", id, seconds: s.wait };
}

export function compileFlows(ctx: CompileContext, nodeIds: ReadonlySet<string>): FlowModel[] {
  const seen = new Set<string>();
  return ctx.file.flows.map((f: FlowFile, k) => {
    const path: Path = ["flows", k];
    if (seen.has(f.id)) ctx.issues.add([...path, "id"], `flow id "${f.id}" is used twice`);
    seen.add(f.id);
    if (!nodeIds.has(f.from)) ctx.issues.add([...path, "from"], `unknown node "${f.from}"`);
    const kinds = new Map<string, number>();
    const steps = f.steps.map((s, i) => {
      const kind = stepKind(s);
      const n = (kinds.get(kind) ?? 0) + 1;
      kinds.set(kind, n);
      return compileStep(ctx, [...path, "steps", i], s, s.id ?? (n === 1 ? kind : `${kind}-${n}`));
    });
    return { id: f.id, title: f.title, from: f.from, fresh: f.fresh, ttl: f.ttl ?? null, afterS: f.after, steps };
  });
}
