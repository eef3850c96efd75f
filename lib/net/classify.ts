/**
 * What kind of address is this? The special-purpose ranges an interviewer expects you to know,
 * checked most specific first, plus the classful class that older material still talks about.
 */
import { cidr, contains, type Cidr } from "./cidr";

export type AddressCategory =
  | "THIS_NETWORK"
  | "LOOPBACK"
  | "LINK_LOCAL"
  | "PRIVATE_RFC1918"
  | "CARRIER_GRADE_NAT"
  | "DOCUMENTATION"
  | "BENCHMARKING"
  | "IETF_PROTOCOL"
  | "MULTICAST"
  | "LIMITED_BROADCAST"
  | "RESERVED"
  | "PUBLIC";

export interface SpecialRange {
  readonly category: AddressCategory;
  readonly block: Cidr;
  readonly name: string;
  readonly rfc: string;
  /** Whether a router on the public internet forwards packets addressed here. */
  readonly routableOnInternet: boolean;
}

const range = (block: string, category: AddressCategory, name: string, rfc: string): SpecialRange => ({
  category, block: cidr(block), name, rfc, routableOnInternet: false,
});

/** Ordered most specific first, so 255.255.255.255 is the limited broadcast, not "reserved". */
export const SPECIAL_RANGES: readonly SpecialRange[] = [
  range("255.255.255.255/32", "LIMITED_BROADCAST", "limited broadcast", "RFC 919"),
  range("192.0.2.0/24", "DOCUMENTATION", "TEST-NET-1", "RFC 5737"),
  range("198.51.100.0/24", "DOCUMENTATION", "TEST-NET-2", "RFC 5737"),
  range("203.0.113.0/24", "DOCUMENTATION", "TEST-NET-3", "RFC 5737"),
  range("192.0.0.0/24", "IETF_PROTOCOL", "IETF protocol assignments", "RFC 6890"),
  range("0.0.0.0/8", "THIS_NETWORK", '"this network"', "RFC 1122"),
  range("127.0.0.0/8", "LOOPBACK", "loopback", "RFC 1122"),
  range("169.254.0.0/16", "LINK_LOCAL", "link-local (no DHCP answer)", "RFC 3927"),
  range("10.0.0.0/8", "PRIVATE_RFC1918", "private 10/8", "RFC 1918"),
  range("172.16.0.0/12", "PRIVATE_RFC1918", "private 172.16/12", "RFC 1918"),
  range("192.168.0.0/16", "PRIVATE_RFC1918", "private 192.168/16", "RFC 1918"),
  range("100.64.0.0/10", "CARRIER_GRADE_NAT", "carrier-grade NAT shared space", "RFC 6598"),
  range("198.18.0.0/15", "BENCHMARKING", "benchmarking", "RFC 2544"),
  range("224.0.0.0/4", "MULTICAST", "multicast", "RFC 5771"),
  range("240.0.0.0/4", "RESERVED", "reserved (former class E)", "RFC 1112"),
];

/** The RFC 1918 blocks, for generating private subnets. */
export const RFC1918_BLOCKS: readonly Cidr[] = SPECIAL_RANGES.filter((r) => r.category === "PRIVATE_RFC1918").map((r) => r.block);
/** The RFC 5737 documentation blocks, which stand in for public addresses in examples. */
export const DOCUMENTATION_BLOCKS: readonly Cidr[] = SPECIAL_RANGES.filter((r) => r.category === "DOCUMENTATION").map((r) => r.block);

export interface Classification {
  readonly category: AddressCategory;
  readonly range: SpecialRange | null;
  readonly classful: "A" | "B" | "C" | "D" | "E";
  readonly routableOnInternet: boolean;
  readonly explanation: string;
}

/** The special range an address falls in, or null for an ordinary public address. */
export function specialRangeOf(address: number): SpecialRange | null {
  for (const r of SPECIAL_RANGES) if (contains(r.block, address)) return r;
  return null;
}

/** The pre-CIDR class from the leading bits (A 0xxx, B 10xx, C 110x, D 1110, E 1111). */
export function classfulClass(address: number): "A" | "B" | "C" | "D" | "E" {
  const first = address >>> 24;
  if (first < 128) return "A";
  if (first < 192) return "B";
  if (first < 224) return "C";
  if (first < 240) return "D";
  return "E";
}

/** Classifies an address, saying why in a sentence. */
export function classify(address: number): Classification {
  const special = specialRangeOf(address);
  const classful = classfulClass(address);
  if (special === null) {
    return {
      category: "PUBLIC", range: null, classful, routableOnInternet: true,
      explanation: "A public address: globally unique and routed on the internet.",
    };
  }
  return {
    category: special.category, range: special, classful, routableOnInternet: false,
    explanation: `In ${special.block.prefix === 32 ? "the address" : "the block"} ${describeBlock(special)} (${special.name}, ${special.rfc}): not routed on the public internet.`,
  };
}

function describeBlock(r: SpecialRange): string {
  const n = r.block.network;
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${r.block.prefix}`;
}

/**
 * Whether the simulated internet forwards a packet to this address. Documentation ranges stand in
 * for public addresses in teaching scenarios, so the simulator treats them as public.
 */
export function routableInSimulation(address: number): boolean {
  const special = specialRangeOf(address);
  return special === null || special.category === "DOCUMENTATION";
}
