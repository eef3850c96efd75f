/**
 * Turns a validated scenario file and a seed into the engine's input: variables drawn and
 * substituted, addresses parsed, composites (VPCs, clusters) expanded, references checked.
 * Problems come back as issues with their path in the file, never as exceptions.
 */
import type { Ipv4 } from "../net/ipv4";
import { parseHostAddress } from "../net/cidr";
import { parseIpv4 } from "../net/ipv4";
import type { SimulationInput } from "../engine/model";
import type { CompileContext } from "./compile-context";
import { compileFlows } from "./compile-flows";
import { compileCluster } from "./compile-k8s";
import { compileNode } from "./compile-nodes";
import { checkReservedAddress, compileVpcNodes, registerVpc } from "./compile-vpc";
import { Issues, type ScenarioIssue } from "./issues";
import type { ScenarioFile } from "./schema";
import { formatValue, generateVariables, substitute } from "./variables";

export interface Instance {
  /** The file with this variant's values substituted (story, questions, interview included). */
  readonly file: ScenarioFile;
  readonly input: SimulationInput;
}

export type InstantiateResult = { readonly ok: true; readonly instance: Instance } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

function firstAddress(text: string | undefined): Ipv4 | undefined {
  if (text === undefined) return undefined;
  const host = parseHostAddress(text);
  if (host.ok) return host.value.ip;
  const plain = parseIpv4(text);
  return plain.ok ? plain.value : undefined;
}

/** The variant of `file` for `seed`, ready to simulate. */
export function instantiate(raw: ScenarioFile, seed: number): InstantiateResult {
  const issues = new Issues();
  let vars;
  try {
    vars = generateVariables(raw.variables, seed);
  } catch (e) {
    return { ok: false, issues: [{ path: ["variables"], message: (e as Error).message }] };
  }
  const substitutionErrors: { path: readonly (string | number)[]; message: string }[] = [];
  const file = substitute(raw, vars, [], substitutionErrors) as ScenarioFile;
  for (const e of substitutionErrors) issues.add(e.path, e.message);
  if (!issues.ok) return { ok: false, issues: issues.list };
  const ctx: CompileContext = {
    issues, file, segments: [], nodes: [], routeTables: [], securityGroups: [], nacls: [], subnets: [],
    vpcSubnets: new Map(), publicIps: new Map(), addressOf: new Map(),
  };
  for (const s of file.segments) ctx.segments.push({ id: s.id, label: s.label ?? s.id, latencyMs: s.latencyMs });
  for (const n of file.nodes) {
    const a = firstAddress(n.interfaces.find((i) => i.address !== undefined)?.address);
    if (a !== undefined) ctx.addressOf.set(n.id, a);
  }
  for (const c of file.clusters) for (const p of c.pods) {
    const a = firstAddress(p.address);
    if (a !== undefined) ctx.addressOf.set(p.id, a);
  }
  file.vpcs.forEach((v, i) => registerVpc(ctx, i, v));
  file.nodes.forEach((n, i) => {
    const node = compileNode(ctx, i, n);
    node.interfaces.forEach((iface, k) => {
      const subnetId = n.interfaces[k]?.subnet;
      const subnet = subnetId ? ctx.vpcSubnets.get(subnetId) : undefined;
      if (subnet && iface.ip !== null) checkReservedAddress(ctx, ["nodes", i, "interfaces", k, "address"], subnet.cidr, iface.ip);
    });
    ctx.nodes.push(node);
  });
  file.vpcs.forEach((v, i) => ctx.nodes.push(...compileVpcNodes(ctx, i, v)));
  file.clusters.forEach((c, i) => ctx.nodes.push(...compileCluster(ctx, i, c)));
  const ids = new Set<string>();
  ctx.nodes.forEach((n) => {
    if (ids.has(n.id)) issues.add(["nodes"], `node id "${n.id}" is used twice (VPC routers are named <vpc>-router; pods and cluster nodes share the id space)`);
    ids.add(n.id);
  });
  const segmentIds = new Set<string>();
  for (const [i, s] of ctx.segments.entries()) {
    if (segmentIds.has(s.id)) issues.add(["segments", i, "id"], `segment id "${s.id}" is used twice`);
    segmentIds.add(s.id);
  }
  const flows = compileFlows(ctx, ids);
  if (!issues.ok) return { ok: false, issues: issues.list };
  const variables = Object.fromEntries([...vars].map(([k, v]) => [k, formatValue(v)]));
  return {
    ok: true,
    instance: {
      file,
      input: {
        scenarioId: file.id, variables, flows,
        network: { segments: ctx.segments, nodes: ctx.nodes, routeTables: ctx.routeTables, securityGroups: ctx.securityGroups, nacls: ctx.nacls, subnets: ctx.subnets },
      },
    },
  };
}
