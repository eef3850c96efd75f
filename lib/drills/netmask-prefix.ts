/**
 * Drill: converting between a prefix length and a dotted netmask, in both directions, with the
 * wildcard mask (Cisco ACLs, OSPF) and the block sizes that go with them.
 */
import { maskOf, subnetFacts } from "../net/cidr";
import { formatIpv4, type Ipv4 } from "../net/ipv4";
import type { Rng } from "../random";
import { answer, groupThousands } from "./answers";
import { bits, describeMask } from "./explain";
import { PREFIX_WEIGHTS, weighted } from "./pick";
import { mistakes, type DrillParts } from "./parts";

/** Every length /0-/32; the short ones rarely, since nobody subnets a /3. */
const LENGTH_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [0, 1], [1, 0.3], [2, 0.3], [3, 0.3], [4, 0.3], [5, 0.3], [6, 0.3], [7, 0.3],
  ...PREFIX_WEIGHTS,
];

function usableExplanation(prefix: number): string {
  const facts = subnetFacts({ network: 0 as Ipv4, prefix });
  if (prefix === 32) return "1: a /32 is a single host.";
  if (prefix === 31) return "2: a /31 is the RFC 3021 exception, where both addresses are hosts on a point-to-point link.";
  return `2^${32 - prefix} - 2 = ${groupThousands(facts.usableHosts)}: every address but the network address and the broadcast.`;
}

function prefixToMask(prefix: number): DrillParts {
  const mask = maskOf(prefix);
  const wildcard = (~mask) >>> 0;
  const size = 2 ** (32 - prefix);
  const nearby = (p: number) => maskOf(Math.max(0, Math.min(32, p)));
  return {
    given: { kind: "netmask-prefix", direction: "prefix-to-mask", prefix },
    prompt: `Write the netmask of a /${prefix} in dotted-quad form, its wildcard (inverse) mask, and how many addresses a /${prefix} block holds.`,
    blanks: [
      {
        id: "netmask",
        label: "Netmask",
        format: { type: "ipv4", noneAllowed: false },
        expected: answer.ipv4(mask),
        explanation: describeMask(prefix),
        mistakes: mistakes(answer.ipv4(mask), [
          [answer.ipv4(wildcard), "That is the wildcard mask; a netmask has its one-bits at the front."],
          [answer.ipv4(nearby(prefix - 1)), `That is the mask of a /${prefix - 1}: one bit short.`],
          [answer.ipv4(nearby(prefix + 1)), `That is the mask of a /${prefix + 1}: one bit too many.`],
        ]),
      },
      {
        id: "wildcard",
        label: "Wildcard mask",
        format: { type: "ipv4", noneAllowed: false },
        expected: answer.ipv4(wildcard),
        explanation: `The wildcard mask flips every bit of the netmask (255 minus each octet): ${formatIpv4(wildcard)}. Cisco ACLs and OSPF network statements use it.`,
        mistakes: mistakes(answer.ipv4(wildcard), [
          [answer.ipv4(mask), "That is the netmask itself; the wildcard flips every bit of it (255 minus each octet)."],
        ]),
      },
      {
        id: "addresses",
        label: "Addresses in the block",
        format: { type: "integer" },
        expected: answer.integer(size),
        explanation: `2^(32 - ${prefix}) = 2^${32 - prefix} = ${groupThousands(size)} addresses, counting the network and broadcast addresses.`,
        mistakes: mistakes(answer.integer(size), [
          [answer.integer(size - 2), "That is the usable host count; the question asks for every address in the block."],
          ...(prefix > 0 ? [[answer.integer(size * 2), `That is the size of a /${prefix - 1}: each bit of prefix halves the block.`] as const] : []),
          ...(prefix < 32 ? [[answer.integer(size / 2), `That is the size of a /${prefix + 1}: each bit of prefix halves the block.`] as const] : []),
        ]),
      },
    ],
  };
}

function maskToPrefix(prefix: number): DrillParts {
  const mask = maskOf(prefix) as Ipv4;
  const octets = [24, 16, 8, 0].map((s) => (mask >>> s) & 255);
  const counted = octets.map((o) => `${o === 255 ? 8 : o === 0 ? 0 : `${(o.toString(2).match(/1/g) ?? []).length} (${bits(o)})`}`);
  const usable = subnetFacts({ network: 0 as Ipv4, prefix }).usableHosts;
  const total = 2 ** (32 - prefix);
  return {
    given: { kind: "netmask-prefix", direction: "mask-to-prefix", mask },
    prompt: `What prefix length is the netmask ${formatIpv4(mask)}? And how many usable host addresses does a subnet with that mask have?`,
    blanks: [
      {
        id: "prefix",
        label: "Prefix length",
        format: { type: "prefix" },
        expected: answer.prefix(prefix),
        explanation: `Count the one-bits octet by octet: ${counted.join(" + ")} = ${prefix}, so /${prefix}.`,
        mistakes: mistakes(answer.prefix(prefix), [
          [answer.prefix(prefix - 1), "One bit short: count the ones in the partial octet again."],
          [answer.prefix(prefix + 1), "One bit too many: count the ones in the partial octet again."],
          [answer.prefix(32 - prefix), "That counts the zero-bits (the host part); the prefix length counts the ones."],
        ]),
      },
      {
        id: "usable-hosts",
        label: "Usable host addresses",
        format: { type: "integer" },
        expected: answer.integer(usable),
        explanation: usableExplanation(prefix),
        mistakes: mistakes(
          answer.integer(usable),
          prefix <= 30
            ? [[answer.integer(total), "That counts every address; the network address and the broadcast are not usable, so subtract 2."]]
            : [[answer.integer(0), prefix === 31 ? "RFC 3021 makes both addresses of a /31 usable: 2." : "A /32 is one host: 1."]],
        ),
      },
    ],
  };
}

/** Builds a netmask/prefix conversion drill, in a seeded random direction. */
export function netmaskPrefixDrill(rng: Rng): DrillParts {
  const prefix = weighted(rng, LENGTH_WEIGHTS);
  return rng.next() < 0.5 ? prefixToMask(prefix) : maskToPrefix(prefix);
}
