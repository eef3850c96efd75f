/**
 * Phase 1 of grading: read what the learner typed, by the kind of field, into one canonical
 * spelling (MAC case and separators, flag order, header-name case, whitespace). What cannot be
 * read is a format error with a message that helps, and costs nothing.
 */
import { formatCidr, parseCidr } from "../net/cidr";
import { parseIpv4, formatIpv4 } from "../net/ipv4";
import { parseMac } from "../net/mac";
import { parsePort } from "../net/ports";
import { fail, ok, type Parsed } from "../net/result";

export type FieldKind =
  | "ipv4" | "mac" | "port" | "socket" | "ttl" | "u32" | "tcp-flags" | "protocol" | "hostname" | "header" | "cidr"
  | "integer" | "number" | "choice" | "nat-entry" | "order";

/** A parsed answer: one canonical string, or several for composite kinds. */
export type ParsedAnswer =
  | { readonly kind: "single"; readonly text: string }
  | { readonly kind: "parts"; readonly parts: readonly string[] }
  | { readonly kind: "order"; readonly ids: readonly string[] };

const MAX_TEXT = 300;
const FLAGS = ["SYN", "ACK", "FIN", "RST", "PSH", "URG"] as const;

function text(input: unknown, what: string): Parsed<string> {
  if (typeof input === "number" && Number.isFinite(input)) return ok(String(input));
  if (typeof input !== "string") return fail(`${what} must be text`);
  const t = input.trim();
  if (t.length === 0) return fail(`${what} is empty`);
  if (t.length > MAX_TEXT) return fail(`that is too long for ${what}`);
  return ok(t);
}

function integer(input: unknown, what: string, min: number, max: number): Parsed<number> {
  const t = text(input, what);
  if (!t.ok) return t;
  if (!/^\d+$/.test(t.value)) return fail(`"${t.value.slice(0, 20)}" is not a whole number`);
  const n = Number(t.value);
  if (n < min || n > max) return fail(`${what} must be between ${min} and ${max}`);
  return ok(n);
}

/** "203.0.113.50:10002" (IPv6 is out of scope, so the last colon separates the port). */
export function parseSocket(input: unknown): Parsed<[string, string]> {
  const t = text(input, "an address:port");
  if (!t.ok) return t;
  const colon = t.value.lastIndexOf(":");
  if (colon < 0) return fail(`"${t.value.slice(0, 30)}" needs a port: write it as address:port, e.g. 192.168.1.10:52432`);
  if (colon === 0) return fail(`"${t.value.slice(0, 30)}" is missing the address before ":"`);
  const ip = parseIpv4(t.value.slice(0, colon));
  if (!ip.ok) return fail(ip.error);
  const port = parsePort(t.value.slice(colon + 1));
  if (!port.ok) return fail(port.error);
  return ok([formatIpv4(ip.value), String(port.value)]);
}

/** "SYN, ACK", "ack syn", "SYN-ACK", "syn+ack" -> "SYN ACK" (canonical order). */
export function parseFlags(input: unknown): Parsed<string> {
  const t = text(input, "TCP flags");
  if (!t.ok) return t;
  const tokens = t.value.toUpperCase().replace(/SYN-ACK|SYNACK/g, "SYN ACK").replace(/FIN-ACK|FINACK/g, "FIN ACK").split(/[\s,+|/-]+/).filter(Boolean);
  const unknown = tokens.filter((f) => !(FLAGS as readonly string[]).includes(f));
  if (unknown.length > 0) return fail(`unknown TCP flag "${unknown[0]!.slice(0, 10)}": use SYN, ACK, FIN, RST, PSH`);
  const set = new Set(tokens);
  if (set.size !== tokens.length) return fail("a flag is listed twice");
  return ok(["SYN", "ACK", "FIN", "RST", "PSH", "URG"].filter((f) => set.has(f)).join(" "));
}

function hostname(input: unknown): Parsed<string> {
  const t = text(input, "a host name");
  if (!t.ok) return t;
  const h = t.value.toLowerCase().replace(/\.$/, "");
  if (!/^[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(h)) return fail(`"${h.slice(0, 40)}" is not a host name`);
  return ok(h);
}

function choice(input: unknown, options: readonly { id: string; text: string }[]): Parsed<string> {
  const t = text(input, "a choice");
  if (!t.ok) return t;
  const found = options.find((o) => o.id.toLowerCase() === t.value.toLowerCase());
  return found ? ok(found.id) : fail(`"${t.value.slice(0, 30)}" is not one of the choices`);
}

function order(input: unknown, options: readonly { id: string }[]): Parsed<string[]> {
  if (!Array.isArray(input)) return fail("an ordering is a list of the items");
  if (input.length > 200) return fail("too many items");
  const ids = input.map((x) => (typeof x === "string" ? x : ""));
  const known = new Set(options.map((o) => o.id));
  if (ids.some((id) => !known.has(id))) return fail("the list contains something that is not one of the items");
  if (new Set(ids).size !== ids.length) return fail("an item appears twice");
  if (ids.length !== options.length) return fail(`put all ${options.length} items in order`);
  return ok(ids);
}

function natEntry(input: unknown): Parsed<string[]> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return fail("a NAT entry has three parts: inside, translated and outside address:port");
  const parts: string[] = [];
  for (const side of ["inside", "translated", "outside"] as const) {
    const value = Object.prototype.hasOwnProperty.call(input, side) ? (input as Record<string, unknown>)[side] : undefined;
    const s = parseSocket(value);
    if (!s.ok) return fail(`${side}: ${s.error}`);
    parts.push(...s.value);
  }
  return ok(parts);
}

/** True when nothing was entered (an empty string, null, an empty list, an empty NAT form). */
export function isBlank(input: unknown): boolean {
  if (input === undefined || input === null) return true;
  if (typeof input === "string") return input.trim() === "";
  if (Array.isArray(input)) return input.length === 0;
  if (typeof input === "object") return Object.values(input as object).every((v) => typeof v !== "string" || v.trim() === "");
  return false;
}

/** Reads an answer of the given kind. `expected` helps only to decide how to read a header value. */
export function parseAnswer(kind: FieldKind, input: unknown, options: readonly { id: string; text: string }[] | null, expected = ""): Parsed<ParsedAnswer> {
  const single = (p: Parsed<string | number>): Parsed<ParsedAnswer> => (p.ok ? ok({ kind: "single", text: String(p.value) }) : p);
  switch (kind) {
    case "ipv4": { const p = parseIpv4(input); return p.ok ? ok({ kind: "single", text: formatIpv4(p.value) }) : p; }
    case "mac": return single(parseMac(input));
    case "port": return single(parsePort(input));
    case "socket": { const p = parseSocket(input); return p.ok ? ok({ kind: "parts", parts: p.value }) : p; }
    case "ttl": return single(integer(input, "a TTL", 0, 255));
    case "u32": return single(integer(input, "a sequence number", 0, 4294967295));
    case "integer": return single(integer(input, "a number", 0, 1_000_000_000));
    case "number": {
      const t = text(input, "a number");
      if (!t.ok) return t;
      const cleaned = t.value.replace(/\s*ms$/i, "").replace(/^~/, "");
      return /^\d+(\.\d+)?$/.test(cleaned) ? ok({ kind: "single", text: String(Number(cleaned)) }) : fail(`"${t.value.slice(0, 20)}" is not a number`);
    }
    case "tcp-flags": return single(parseFlags(input));
    case "protocol": return single(choice(input, [{ id: "TCP", text: "TCP" }, { id: "UDP", text: "UDP" }, { id: "ICMP", text: "ICMP" }]));
    case "hostname": return single(hostname(input));
    case "cidr": {
      // "default" and "0/0" are how route tables print the default route.
      const t = typeof input === "string" && /^\s*(default|0\/0)\s*$/i.test(input) ? "0.0.0.0/0" : input;
      const p = parseCidr(t);
      return p.ok ? ok({ kind: "single", text: formatCidr(p.value) }) : p;
    }
    case "header": {
      if (parseIpv4(expected).ok) { const p = parseIpv4(input); return p.ok ? ok({ kind: "single", text: formatIpv4(p.value) }) : p; }
      return single(text(input, "a header value"));
    }
    case "choice": return single(choice(input, options ?? []));
    case "nat-entry": { const p = natEntry(input); return p.ok ? ok({ kind: "parts", parts: p.value }) : p; }
    case "order": { const p = order(input, options ?? []); return p.ok ? ok({ kind: "order", ids: p.value }) : p; }
  }
}

/** How a field kind compares: case-insensitively for header text and choices. */
export function sameText(kind: FieldKind, a: string, b: string): boolean {
  return kind === "header" || kind === "choice" ? a.toLowerCase() === b.toLowerCase() : a === b;
}
