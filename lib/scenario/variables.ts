/**
 * Scenario variables: what may change between variants (subnets, public addresses, ports,
 * choices). Seed 0 is the file's defaults (the source text's own numbers); any other seed draws
 * new values that keep the teaching point: private stays private, distinct stays distinct.
 * `${...}` expressions in the file are then replaced by the variant's values.
 */
import { cidrOf, containsCidr, contains, formatCidr, maskOf, parseCidr, sizeOf, type Cidr } from "../net/cidr";
import { DOCUMENTATION_BLOCKS, RFC1918_BLOCKS } from "../net/classify";
import { addToIpv4, formatIpv4, parseIpv4, type Ipv4 } from "../net/ipv4";
import { EPHEMERAL_PORTS } from "../net/ports";
import { rngFor, type Rng } from "../random";
import type { Variable } from "./schema";

export type VariableValue =
  | { readonly kind: "subnet"; readonly cidr: Cidr }
  | { readonly kind: "address"; readonly ip: Ipv4 }
  | { readonly kind: "number"; readonly n: number }
  | { readonly kind: "text"; readonly s: string };

export type Variables = ReadonlyMap<string, VariableValue>;

function pool(spec: "rfc1918" | "documentation" | readonly string[]): Cidr[] {
  if (spec === "rfc1918") return [...RFC1918_BLOCKS];
  if (spec === "documentation") return [...DOCUMENTATION_BLOCKS];
  return spec.map((s) => {
    const c = parseCidr(s);
    if (!c.ok) throw new Error(c.error);
    return c.value;
  });
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return containsCidr(a, b) || containsCidr(b, a);
}

function parseDefault(name: string, v: Variable): VariableValue {
  switch (v.kind) {
    case "subnet": {
      const c = parseCidr(v.default);
      if (!c.ok) throw new Error(`variable ${name}: default ${c.error}`);
      return { kind: "subnet", cidr: c.value };
    }
    case "address": {
      const a = parseIpv4(v.default);
      if (!a.ok) throw new Error(`variable ${name}: default ${a.error}`);
      return { kind: "address", ip: a.value };
    }
    case "integer":
    case "port": return { kind: "number", n: v.default };
    case "choice": return { kind: "text", s: v.default };
  }
}

function drawSubnet(rng: Rng, v: Extract<Variable, { kind: "subnet" }>, taken: Cidr[]): Cidr {
  const blocks = pool(v.pool).filter((b) => b.prefix <= v.prefix);
  const avoid = v.avoid.map((s) => parseCidr(s, { strict: false })).filter((r) => r.ok).map((r) => (r as { value: Cidr }).value);
  for (let attempt = 0; attempt < 200; attempt++) {
    const block = rng.pick(blocks);
    const count = 2 ** (v.prefix - block.prefix);
    const index = rng.int(0, count - 1);
    const candidate = cidrOf(addToIpv4(block.network, index * 2 ** (32 - v.prefix)), v.prefix);
    if (![...taken, ...avoid].some((t) => overlaps(t, candidate))) return candidate;
  }
  throw new Error("could not draw a subnet that avoids the others");
}

function drawAddress(rng: Rng, v: Extract<Variable, { kind: "address" }>, takenIps: Ipv4[], takenNets: Cidr[]): Ipv4 {
  const blocks = pool(v.pool);
  const avoid = v.avoid.map((s) => parseCidr(s.includes("/") ? s : `${s}/32`, { strict: false })).filter((r) => r.ok).map((r) => (r as { value: Cidr }).value);
  for (let attempt = 0; attempt < 500; attempt++) {
    const block = rng.pick(blocks);
    const size = sizeOf(block);
    const offset = size <= 4 ? rng.int(0, size - 1) : rng.int(1, size - 2);
    const ip = addToIpv4(block.network, offset);
    const lastOctet = ip & 255;
    if (lastOctet === 0 || lastOctet === 255) continue;
    if (takenIps.includes(ip) || takenNets.some((n) => contains(n, ip)) || avoid.some((n) => contains(n, ip))) continue;
    return ip;
  }
  throw new Error("could not draw a distinct address");
}

/**
 * The variant's values. Seed 0 gives the defaults; other seeds draw each variable from its own
 * stream, keeping subnets non-overlapping and addresses distinct from each other.
 */
export function generateVariables(defs: Readonly<Record<string, Variable>>, seed: number): Variables {
  const out = new Map<string, VariableValue>();
  const names = Object.keys(defs).sort();
  if (seed === 0) {
    for (const name of names) out.set(name, parseDefault(name, defs[name]!));
    return out;
  }
  const takenNets: Cidr[] = [];
  const takenIps: Ipv4[] = [];
  for (const name of names) {
    const v = defs[name]!;
    const rng = rngFor(seed, `var:${name}`);
    switch (v.kind) {
      case "subnet": {
        const cidr = drawSubnet(rng, v, takenNets);
        takenNets.push(cidr);
        out.set(name, { kind: "subnet", cidr });
        break;
      }
      case "address": break;
      case "integer": out.set(name, { kind: "number", n: rng.int(v.min, v.max) }); break;
      case "port": {
        const range = typeof v.range === "string" ? EPHEMERAL_PORTS[v.range] : { min: v.range[0], max: v.range[1] };
        out.set(name, { kind: "number", n: rng.int(range.min, range.max) });
        break;
      }
      case "choice": out.set(name, { kind: "text", s: rng.pick(v.options) }); break;
    }
  }
  // Addresses last, so they can avoid every drawn subnet.
  for (const name of names) {
    const v = defs[name]!;
    if (v.kind !== "address") continue;
    const ip = drawAddress(rngFor(seed, `var:${name}`), v, takenIps, takenNets);
    takenIps.push(ip);
    out.set(name, { kind: "address", ip });
  }
  return out;
}

/** The value's text as it appears in the file once substituted. */
export function formatValue(v: VariableValue): string {
  switch (v.kind) {
    case "subnet": return formatCidr(v.cidr);
    case "address": return formatIpv4(v.ip);
    case "number": return String(v.n);
    case "text": return v.s;
  }
}

const EXPRESSION = /\$\{([^}]*)\}/g;

/**
 * Evaluates one expression: `name`, `name.prefix|network|broadcast|mask`, and sums with `+`
 * (subnet + n is the n-th address in the subnet; address + n; number + n).
 */
export function evaluate(expr: string, vars: Variables): VariableValue {
  const terms = expr.split("+").map((t) => t.trim());
  let acc = term(terms[0]!, vars);
  for (const t of terms.slice(1)) {
    const right = term(t, vars);
    if (right.kind !== "number") throw new Error(`in "\${${expr}}": only a number can be added`);
    if (acc.kind === "subnet") acc = { kind: "address", ip: addToIpv4(acc.cidr.network, right.n) };
    else if (acc.kind === "address") acc = { kind: "address", ip: addToIpv4(acc.ip, right.n) };
    else if (acc.kind === "number") acc = { kind: "number", n: acc.n + right.n };
    else throw new Error(`in "\${${expr}}": cannot add to text`);
  }
  return acc;
}

function term(t: string, vars: Variables): VariableValue {
  if (/^\d+$/.test(t)) return { kind: "number", n: Number(t) };
  const [name, prop] = t.split(".");
  const v = vars.get(name!);
  if (!v) throw new Error(`unknown variable "${name}"`);
  if (prop === undefined) return v;
  if (v.kind !== "subnet") throw new Error(`"${t}": only subnets have .${prop}`);
  switch (prop) {
    case "prefix": return { kind: "number", n: v.cidr.prefix };
    case "network": return { kind: "address", ip: v.cidr.network };
    case "broadcast": return { kind: "address", ip: addToIpv4(v.cidr.network, sizeOf(v.cidr) - 1) };
    case "mask": return { kind: "address", ip: maskOf(v.cidr.prefix) as Ipv4 };
    default: throw new Error(`"${t}": unknown property .${prop} (prefix, network, broadcast, mask)`);
  }
}

/** Replaces every `${...}` in a string. */
export function interpolate(text: string, vars: Variables): string {
  if (!text.includes("${")) return text;
  return text.replace(EXPRESSION, (_, expr: string) => formatValue(evaluate(expr, vars)));
}

/**
 * Substitutes variables throughout a parsed file. A string that is exactly one expression whose
 * value is a number becomes a number, so `port: ${webPort}` works where a number is expected.
 * Errors carry the path of the string that caused them.
 */
export function substitute(value: unknown, vars: Variables, path: (string | number)[] = [], errors: SubstitutionError[] = []): unknown {
  if (typeof value === "string") {
    try {
      const whole = /^\$\{([^}]*)\}$/.exec(value);
      if (whole) {
        const v = evaluate(whole[1]!, vars);
        return v.kind === "number" ? v.n : formatValue(v);
      }
      return interpolate(value, vars);
    } catch (e) {
      errors.push({ path, message: (e as Error).message });
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, vars, [...path, i], errors));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Free text stays as written until rendered for a variant; variables' own definitions are never substituted.
      out[k] = k === "variables" && path.length === 0 ? v : substitute(v, vars, [...path, k], errors);
    }
    return out;
  }
  return value;
}

export interface SubstitutionError {
  readonly path: readonly (string | number)[];
  readonly message: string;
}
