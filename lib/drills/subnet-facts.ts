/**
 * Drill: the five facts of a subnet (network, broadcast, first and last usable, usable count) for
 * an address and prefix, the question every networking interview opens with.
 */
import { cidr, cidrOf, subnetFacts, type Cidr } from "../net/cidr";
import { formatIpv4, type Ipv4 } from "../net/ipv4";
import type { Rng } from "../random";
import { answer, groupThousands } from "./answers";
import { describeNetwork } from "./explain";
import { edgyAddressIn, addressIn, prefixAtLeast, publicBlock, weighted } from "./pick";
import { mistakes, type DrillParts } from "./parts";

/** Where subnetting questions draw their addresses: mostly private space, as in real networks. */
const POOLS: ReadonlyArray<readonly [Cidr | "public", number]> = [
  [cidr("10.0.0.0/8"), 3],
  [cidr("172.16.0.0/12"), 3],
  [cidr("192.168.0.0/16"), 3],
  [cidr("100.64.0.0/10"), 1],
  [cidr("198.51.100.0/24"), 1],
  ["public", 2],
];

/** A random block and an address in it, from the pools above, prefix lengths /8-/32. */
export function pickSubnet(rng: Rng): { address: Ipv4; prefix: number } {
  const pool = weighted(rng, POOLS);
  const prefix = prefixAtLeast(rng, pool === "public" ? 8 : pool.prefix);
  const block = pool === "public" ? publicBlock(rng, prefix) : cidrOf(addressIn(rng, pool), prefix);
  return { address: edgyAddressIn(rng, block), prefix };
}

/** Builds a subnet-facts drill for a seeded random address and prefix. */
export function subnetFactsDrill(rng: Rng): DrillParts {
  const { address, prefix } = pickSubnet(rng);
  return subnetFactsFor(address, prefix);
}

/** The subnet-facts drill for a given address and prefix (0-32), with its worked explanations. */
export function subnetFactsFor(address: Ipv4, prefix: number): DrillParts {
  const facts = subnetFacts(cidrOf(address, prefix));
  const f = formatIpv4;
  const { network, broadcast, firstUsable, lastUsable, usableHosts, totalAddresses } = facts;
  const last = network + totalAddresses - 1;
  const given = `${f(address)}/${prefix}`;
  const isRegular = prefix <= 30;
  const neighbour = (p: number) => (p >= 0 && p <= 32 ? cidrOf(address, p).network : network);

  const networkBlank = {
    id: "network",
    label: "Network address",
    format: { type: "ipv4", noneAllowed: false } as const,
    expected: answer.ipv4(network),
    explanation: describeNetwork(address, prefix),
    mistakes: mistakes(answer.ipv4(network), [
      [answer.ipv4(address), "That is the address you were given; the network address has every host bit cleared."],
      [answer.ipv4(firstUsable), "That is the first usable host; the network address is the one just below it."],
      [answer.ipv4(neighbour(prefix - 1)), `That would be the network of a /${prefix - 1}: check which octet the /${prefix} boundary falls in.`],
      [answer.ipv4(neighbour(prefix + 1)), `That would be the network of a /${prefix + 1}: check which octet the /${prefix} boundary falls in.`],
    ]),
  };

  const noBroadcast =
    prefix === 31
      ? 'A /31 has no broadcast address: RFC 3021 lets both of its addresses be hosts on a point-to-point link, so the answer is "none".'
      : 'A /32 is a single address, a host route: there is no broadcast address, so the answer is "none".';
  const broadcastBlank = {
    id: "broadcast",
    label: "Broadcast address",
    format: { type: "ipv4", noneAllowed: true } as const,
    expected: answer.ipv4(broadcast),
    explanation:
      broadcast === null
        ? noBroadcast
        : `The broadcast is the block's last address, every host bit set: ${f(network)} + ${groupThousands(totalAddresses)} - 1 = ${f(broadcast)}.` +
          (last < 0xffffffff ? ` The next /${prefix} starts right after it, at ${f(last + 1)}.` : ""),
    mistakes: mistakes(
      answer.ipv4(broadcast),
      isRegular
        ? [
            [answer.ipv4(lastUsable), "That is the last usable host; the broadcast is one above it, the very last address of the block."],
            [answer.ipv4(null), `Only /31 and /32 blocks go without a broadcast address; a /${prefix} has one at the top of its range.`],
            [answer.ipv4(network), "That is the network address, the bottom of the block; the broadcast is at the top."],
          ]
        : [
            [answer.ipv4(last), noBroadcast],
            [answer.ipv4(network), noBroadcast],
          ],
    ),
  };

  const firstBlank = {
    id: "first-usable",
    label: "First usable host address",
    format: { type: "ipv4", noneAllowed: false } as const,
    expected: answer.ipv4(firstUsable),
    explanation: isRegular
      ? `One above the network address ${f(network)}: ${f(firstUsable)}.`
      : prefix === 31
        ? `Both addresses of a /31 are usable (RFC 3021), so the first usable host is the lower one, ${f(firstUsable)}.`
        : `A /32 has one address, ${f(firstUsable)}, and it is the host.`,
    mistakes: mistakes(
      answer.ipv4(firstUsable),
      isRegular
        ? [[answer.ipv4(network), "That is the network address itself; the first usable host is one above it."]]
        : prefix === 31
          ? [[answer.ipv4(last), "On a /31 the lower address is a host too (RFC 3021): the first usable is the network address."]]
          : [],
    ),
  };

  const lastBlank = {
    id: "last-usable",
    label: "Last usable host address",
    format: { type: "ipv4", noneAllowed: false } as const,
    expected: answer.ipv4(lastUsable),
    explanation: isRegular
      ? `One below the broadcast ${f(last)}: ${f(lastUsable)}.`
      : prefix === 31
        ? `On a /31 the upper address is a host as well (RFC 3021): ${f(lastUsable)}.`
        : `A /32 has one address, ${f(lastUsable)}, so it is also the last usable.`,
    mistakes: mistakes(
      answer.ipv4(lastUsable),
      isRegular
        ? [[answer.ipv4(last), "That is the broadcast address; the last usable host is one below it."]]
        : prefix === 31
          ? [[answer.ipv4(network), "On a /31 both addresses are usable: the last usable is the upper one."]]
          : [],
    ),
  };

  const usableBlank = {
    id: "usable-hosts",
    label: "Number of usable host addresses",
    format: { type: "integer" } as const,
    expected: answer.integer(usableHosts),
    explanation: isRegular
      ? `2^${32 - prefix} - 2 = ${groupThousands(usableHosts)}: the block holds ${groupThousands(totalAddresses)} addresses, minus the network address and the broadcast.`
      : prefix === 31
        ? "2: a /31 is the RFC 3021 exception, where both addresses are hosts on a point-to-point link."
        : "1: a /32 is a single host.",
    mistakes: mistakes(
      answer.integer(usableHosts),
      isRegular
        ? [
            [answer.integer(totalAddresses), "That counts every address; the network address and the broadcast are not usable, so subtract 2."],
            [answer.integer(totalAddresses - 1), "Subtract both the network address and the broadcast: 2, not 1."],
          ]
        : [
            [answer.integer(0), prefix === 31 ? "A /31 is the RFC 3021 exception: both of its addresses are usable, so 2." : "A /32 is one host: 1 usable address."],
            [answer.integer(prefix === 31 ? 1 : 2), prefix === 31 ? "A /31 has two addresses and RFC 3021 makes both usable: 2." : "A /32 is exactly one address: 1."],
          ],
    ),
  };

  return {
    given: { kind: "subnet-facts", address, prefix },
    prompt:
      `Take ${given}. For the subnet it belongs to, give the network address, the broadcast address ` +
      `(or "none" if there is none), the first and last usable host addresses, and how many usable host addresses it has.`,
    blanks: [networkBlank, broadcastBlank, firstBlank, lastBlank, usableBlank],
  };
}
