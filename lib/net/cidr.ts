/**
 * CIDR blocks: a network address and a prefix length, with the subnet maths an interviewer asks
 * for (network, broadcast, usable range and count), including the /31 and /32 special cases.
 */
import { formatIpv4, parseIpv4, type Ipv4 } from "./ipv4";
import { fail, ok, type Parsed } from "./result";

/** A CIDR block; `network` always has its host bits cleared. */
export interface Cidr {
  readonly network: Ipv4;
  readonly prefix: number;
}

/** An interface address: a host address together with its subnet's prefix length ("192.168.1.10/24"). */
export interface HostAddress {
  readonly ip: Ipv4;
  readonly prefix: number;
}

/** The netmask of a prefix length as an integer (/24 -> 255.255.255.0). */
export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function parsePrefix(text: string, whole: string): Parsed<number> {
  if (!/^\d{1,2}$/.test(text)) return fail(`"${whole}": the prefix length after "/" must be a number 0-32`);
  const prefix = Number(text);
  if (prefix > 32) return fail(`"${whole}": prefix length ${prefix} is over 32`);
  return ok(prefix);
}

function splitSlash(input: unknown, what: string): Parsed<{ addr: string; prefix: string; whole: string }> {
  if (typeof input !== "string") return fail(`${what} must be text like 10.0.0.0/16`);
  const whole = input.trim();
  if (whole.length === 0) return fail(`${what} is required`);
  if (whole.length > 64) return fail(`that is too long to be ${what}`);
  // parseIpv4 trims its input, so without this "10.0.0.0 /24" passed while "10.0.0.0/ 24" failed.
  if (/\s/.test(whole)) return fail(`"${whole}" has a space in it: write it without spaces, like 10.0.0.0/16`);
  const parts = whole.split("/");
  if (parts.length !== 2) return fail(`"${whole}" is not ${what}: write an address, "/", and a prefix length`);
  return ok({ addr: parts[0]!, prefix: parts[1]!, whole });
}

/**
 * Parses a CIDR block. By default host bits must be zero ("10.0.1.5/24" is rejected with the
 * network it probably meant); `{ strict: false }` clears them instead.
 */
export function parseCidr(input: unknown, options: { strict?: boolean } = {}): Parsed<Cidr> {
  const split = splitSlash(input, "a CIDR block");
  if (!split.ok) return split;
  const { addr, prefix: prefixText, whole } = split.value;
  const address = parseIpv4(addr);
  if (!address.ok) return fail(`"${whole}": ${address.error}`);
  const prefix = parsePrefix(prefixText, whole);
  if (!prefix.ok) return prefix;
  const network = (address.value & maskOf(prefix.value)) >>> 0;
  if (network !== address.value && options.strict !== false) {
    return fail(`"${whole}" has host bits set: the network is ${formatIpv4(network)}/${prefix.value}`);
  }
  return ok({ network: network as Ipv4, prefix: prefix.value });
}

/** Parses an interface address such as "192.168.1.10/24" (host bits allowed, of course). */
export function parseHostAddress(input: unknown): Parsed<HostAddress> {
  const split = splitSlash(input, "an interface address");
  if (!split.ok) return split;
  const { addr, prefix: prefixText, whole } = split.value;
  const address = parseIpv4(addr);
  if (!address.ok) return fail(`"${whole}": ${address.error}`);
  const prefix = parsePrefix(prefixText, whole);
  if (!prefix.ok) return prefix;
  return ok({ ip: address.value, prefix: prefix.value });
}

/** Builds a block from any address inside it. */
export function cidrOf(address: Ipv4, prefix: number): Cidr {
  return { network: ((address & maskOf(prefix)) >>> 0) as Ipv4, prefix };
}

/** Formats a block as "10.0.0.0/16". */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

/** Parses a block that content (not a learner) wrote; throws on a mistake in our own data. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** True when the address lies inside the block. */
export function contains(block: Cidr, address: number): boolean {
  return ((address & maskOf(block.prefix)) >>> 0) === block.network;
}

/** True when `inner` lies entirely inside `outer`. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && contains(outer, inner.network);
}

/** The number of addresses in the block (2^(32-prefix)). */
export function sizeOf(block: Cidr): number {
  return 2 ** (32 - block.prefix);
}

/** The last address of the block; for a normal subnet, its broadcast address. */
export function lastAddress(block: Cidr): Ipv4 {
  return (block.network + sizeOf(block) - 1) as Ipv4;
}

/** The netmask in dotted quad. */
export function netmask(block: Cidr): Ipv4 {
  return maskOf(block.prefix) as Ipv4;
}

/** Why a block's usable hosts are what they are: the rule that applies to this prefix length. */
export type UsableRule = "NETWORK_AND_BROADCAST_RESERVED" | "POINT_TO_POINT_RFC3021" | "SINGLE_HOST";

export interface SubnetFacts {
  readonly cidr: Cidr;
  readonly netmask: Ipv4;
  readonly network: Ipv4;
  /** null for /31 and /32, which have no broadcast address. */
  readonly broadcast: Ipv4 | null;
  readonly firstUsable: Ipv4;
  readonly lastUsable: Ipv4;
  readonly totalAddresses: number;
  readonly usableHosts: number;
  readonly rule: UsableRule;
  readonly explanation: string;
}

/** The facts of a subnet an interviewer asks about, with the rule that explains the usable count. */
export function subnetFacts(block: Cidr): SubnetFacts {
  const total = sizeOf(block);
  const last = lastAddress(block);
  const base = { cidr: block, netmask: netmask(block), network: block.network, totalAddresses: total };
  if (block.prefix === 32) {
    return {
      ...base, broadcast: null, firstUsable: block.network, lastUsable: block.network, usableHosts: 1,
      rule: "SINGLE_HOST",
      explanation: "A /32 names exactly one address: a single host route, no network or broadcast address.",
    };
  }
  if (block.prefix === 31) {
    return {
      ...base, broadcast: null, firstUsable: block.network, lastUsable: last, usableHosts: 2,
      rule: "POINT_TO_POINT_RFC3021",
      explanation: "A /31 is a point-to-point link (RFC 3021): both addresses are usable, there is no broadcast.",
    };
  }
  return {
    ...base, broadcast: last, firstUsable: (block.network + 1) as Ipv4, lastUsable: (last - 1) as Ipv4,
    usableHosts: total - 2,
    rule: "NETWORK_AND_BROADCAST_RESERVED",
    explanation: `2^${32 - block.prefix} - 2 = ${total - 2}: the first address names the network and the last is the broadcast.`,
  };
}
