/**
 * Drill: which kind of address is this? Private, public, loopback, link-local, multicast and the
 * rest of the special-purpose ranges, with many questions placed right at a range's edge.
 */
import { formatCidr, lastAddress } from "../net/cidr";
import { SPECIAL_RANGES, classify, type AddressCategory, type SpecialRange } from "../net/classify";
import { formatIpv4, type Ipv4 } from "../net/ipv4";
import type { Rng } from "../random";
import { answer } from "./answers";
import { addressIn, edgyAddressIn, publicAddress, weighted } from "./pick";
import { mistakes, type DrillParts } from "./parts";
import type { ChoiceOption } from "./types";

/** The categories a learner chooses from (IETF protocol assignments are too obscure to ask). */
type AskedCategory = Exclude<AddressCategory, "IETF_PROTOCOL">;

interface CategoryInfo {
  readonly option: ChoiceOption;
  /** How often it is asked, relative to the others. */
  readonly weight: number;
  /** What a learner should remember about it, in our words. */
  readonly lesson: string;
}

const CATEGORIES: Readonly<Record<AskedCategory, CategoryInfo>> = {
  PRIVATE_RFC1918: {
    option: { id: "private", label: "Private (RFC 1918)" },
    weight: 4,
    lesson:
      "RFC 1918 keeps three blocks for internal networks: 10.0.0.0/8, 172.16.0.0/12 (172.16.0.0 to 172.31.255.255) " +
      "and 192.168.0.0/16. Every organisation reuses them, so they reach the internet only through NAT.",
  },
  PUBLIC: {
    option: { id: "public", label: "Public" },
    weight: 4,
    lesson: "It is in none of the special-purpose ranges, so it is a public address: globally unique and routed on the internet.",
  },
  LOOPBACK: {
    option: { id: "loopback", label: "Loopback" },
    weight: 1,
    lesson: "All of 127.0.0.0/8 is loopback, not only 127.0.0.1: a packet sent there never leaves the host.",
  },
  LINK_LOCAL: {
    option: { id: "link-local", label: "Link-local" },
    weight: 1,
    lesson:
      "169.254.0.0/16 is link-local: a host picks one for itself when no DHCP server answers, and routers never forward it. " +
      "Cloud metadata services sit in it too, at 169.254.169.254.",
  },
  MULTICAST: {
    option: { id: "multicast", label: "Multicast" },
    weight: 1,
    lesson: "224.0.0.0/4 (first octet 224 to 239, the old class D) is multicast: one sender, a group of receivers that asked to join.",
  },
  LIMITED_BROADCAST: {
    option: { id: "limited-broadcast", label: "Limited broadcast" },
    weight: 0.5,
    lesson:
      "255.255.255.255 reaches every host on the local link and no router forwards it. A subnet's own last address " +
      "(192.168.1.255 in a /24) is a different thing, the directed broadcast.",
  },
  THIS_NETWORK: {
    option: { id: "this-network", label: "\"This network\" (unspecified)" },
    weight: 1,
    lesson:
      "0.0.0.0/8 means \"this network\". 0.0.0.0 itself is what a host uses as its source before it has an address " +
      "(a DHCP discover), and what a server binds to for \"every interface\". It is never a destination on the wire.",
  },
  CARRIER_GRADE_NAT: {
    option: { id: "carrier-grade-nat", label: "Carrier-grade NAT shared space" },
    weight: 1,
    lesson:
      "100.64.0.0/10 (100.64.0.0 to 100.127.255.255) is RFC 6598's shared space: ISPs number the links between their " +
      "carrier-grade NAT and customers' routers with it. It is neither RFC 1918 private nor public.",
  },
  DOCUMENTATION: {
    option: { id: "documentation", label: "Documentation (TEST-NET)" },
    weight: 1,
    lesson:
      "RFC 5737 keeps 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 for examples in documentation; they are never " +
      "assigned to real hosts, which is why our scenarios use them as stand-ins for public addresses.",
  },
  BENCHMARKING: {
    option: { id: "benchmarking", label: "Benchmarking" },
    weight: 0.5,
    lesson: "198.18.0.0/15 (198.18.0.0 to 198.19.255.255) is for benchmarking network equipment in a lab (RFC 2544), kept off the internet.",
  },
  RESERVED: {
    option: { id: "reserved", label: "Reserved (former class E)" },
    weight: 0.5,
    lesson: "240.0.0.0/4, the old class E, is reserved; most operating systems refuse to send to or from it.",
  },
};

const ASKED = Object.keys(CATEGORIES) as AskedCategory[];

/** The options of an address-category question, the same for every question so none hints. */
export const CATEGORY_OPTIONS: readonly ChoiceOption[] = ASKED.map((c) => CATEGORIES[c].option);

/** The option id for a category (IETF protocol addresses are never asked, so they have none). */
export function categoryOptionId(category: AddressCategory): string | null {
  return category === "IETF_PROTOCOL" ? null : CATEGORIES[category].option.id;
}

/** Public addresses one step outside a special range: where "is 172.32.0.1 private?" trips people. */
const NEAR_MISSES: readonly Ipv4[] = SPECIAL_RANGES.flatMap((r) => [r.block.network - 1, lastAddress(r.block) + 1])
  .filter((a) => a >= 0 && a <= 0xffffffff && classify(a as Ipv4).category === "PUBLIC") as Ipv4[];

function addressOf(rng: Rng, category: AskedCategory): Ipv4 {
  if (category === "PUBLIC") {
    return rng.next() < 0.5 ? rng.pick(NEAR_MISSES) : publicAddress(rng);
  }
  const ranges = SPECIAL_RANGES.filter((r) => r.category === category);
  const range = rng.pick(ranges);
  // The /4 ranges also contain smaller special ranges (240/4 ends at the limited broadcast);
  // draw again until the address really is in this category.
  for (;;) {
    const address = rng.next() < 0.5 ? edgyAddressIn(rng, range.block) : addressIn(rng, range.block);
    if (classify(address).category === category) return address;
  }
}

function nearMissNote(address: Ipv4): string {
  for (const r of SPECIAL_RANGES) {
    if (address === r.block.network - 1) {
      return ` Careful: it is the address just before ${formatCidr(r.block)} (${r.name}) begins.`;
    }
    if (address === lastAddress(r.block) + 1) {
      return ` Careful: ${formatCidr(r.block)} (${r.name}) ends at ${formatIpv4(lastAddress(r.block))}, one address earlier.`;
    }
  }
  return "";
}

function where(address: Ipv4, range: SpecialRange | null): string {
  const a = formatIpv4(address);
  if (range === null) return `${a}:${nearMissNote(address)}`;
  return range.block.prefix === 32
    ? `${a} is the ${range.name} address (${range.rfc}).`
    : `${a} is inside ${formatCidr(range.block)} (${range.name}, ${range.rfc}).`;
}

/** Never asked in a drill, but a typed address can land in it. */
const IETF_PROTOCOL_INFO = {
  label: "IETF protocol assignments",
  lesson: "192.0.0.0/24 is kept by the IETF for protocol assignments (RFC 6890), such as DS-Lite's 192.0.0.0/29; it is not for ordinary hosts.",
};

/** The category of any address, its label, and why, with the range it falls in named. */
export function categoryExplanation(address: Ipv4): { category: AddressCategory; label: string; explanation: string } {
  const { category, range } = classify(address);
  const info = category === "IETF_PROTOCOL" ? IETF_PROTOCOL_INFO : { label: CATEGORIES[category].option.label, lesson: CATEGORIES[category].lesson };
  return { category, label: info.label, explanation: `${where(address, range)} ${info.lesson}` };
}

/** Builds an address-category drill: one address, one choice. */
export function addressCategoryDrill(rng: Rng): DrillParts {
  const category = weighted(rng, ASKED.map((c) => [c, CATEGORIES[c].weight] as const));
  const address = addressOf(rng, category);
  const expected = answer.choice(CATEGORIES[category].option.id);
  const privateLike = answer.choice(CATEGORIES.PRIVATE_RFC1918.option.id);
  return {
    given: { kind: "address-category", address },
    prompt: `What kind of address is ${formatIpv4(address)}?`,
    blanks: [
      {
        id: "category",
        label: "Category",
        format: { type: "choice", options: CATEGORY_OPTIONS },
        expected,
        explanation: categoryExplanation(address).explanation,
        mistakes: mistakes(expected, [
          [privateLike, category === "CARRIER_GRADE_NAT"
            ? "100.64.0.0/10 is not one of the three RFC 1918 blocks: it is the carrier-grade NAT shared space (RFC 6598)."
            : "The RFC 1918 private blocks are exactly 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16; this address is in none of them."],
          [answer.choice(CATEGORIES.PUBLIC.option.id), "This address is in a special-purpose range, so it is not an ordinary public address."],
        ]),
      },
    ],
  };
}
