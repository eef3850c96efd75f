/**
 * IPv4 addresses as unsigned 32-bit integers. Comparison, masking and arithmetic happen on the
 * integer; strings exist only at the edges (parsing input, formatting output).
 */
import { fail, ok, type Parsed } from "./result";

/** An IPv4 address as an unsigned 32-bit integer (0 .. 2^32-1). */
export type Ipv4 = number & { readonly __brand: "Ipv4" };

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAX_INPUT = 64;

/** Parses dotted-quad notation ("192.168.1.10"), rejecting octets over 255 and leading zeros. */
export function parseIpv4(input: unknown): Parsed<Ipv4> {
  if (typeof input !== "string") return fail("an IPv4 address must be text like 192.168.1.10");
  const text = input.trim();
  if (text.length === 0) return fail("an IPv4 address is required");
  if (text.length > MAX_INPUT) return fail("that is too long to be an IPv4 address");
  const match = DOTTED_QUAD.exec(text);
  if (!match) return fail(`"${text}" is not an IPv4 address: write four numbers 0-255 separated by dots`);
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = match[i]!;
    if (octet.length > 1 && octet.startsWith("0")) {
      return fail(`"${text}": octet "${octet}" has a leading zero (ambiguous: some tools read it as octal)`);
    }
    const n = Number(octet);
    if (n > 255) return fail(`"${text}": octet ${n} is over 255`);
    value = value * 256 + n;
  }
  return ok(value as Ipv4);
}

/** Formats an address as dotted quad. */
export function formatIpv4(ip: Ipv4 | number): string {
  return `${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/** Builds an address from four octets. */
export function ipv4(a: number, b: number, c: number, d: number): Ipv4 {
  return (((a & 255) << 24) | ((b & 255) << 16) | ((c & 255) << 8) | (d & 255)) >>> 0 as Ipv4;
}

/** Adds an offset, wrapping within the 32-bit space. */
export function addToIpv4(ip: Ipv4, offset: number): Ipv4 {
  return ((ip + offset) >>> 0) as Ipv4;
}

/** Parses an address that content (not a learner) wrote; throws on a mistake in our own data. */
export function ip(text: string): Ipv4 {
  const parsed = parseIpv4(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
