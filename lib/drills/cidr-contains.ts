/**
 * Drill: is this address inside that block? The check behind every route, firewall rule and
 * security group, asked with addresses placed right at, or just past, the block's edges.
 */
import { cidrOf, contains, formatCidr, lastAddress, sizeOf, type Cidr } from "../net/cidr";
import { formatIpv4, type Ipv4 } from "../net/ipv4";
import type { Rng } from "../random";
import { answer } from "./answers";
import { describeNetwork } from "./explain";
import { addressIn, edgyAddressIn, weighted } from "./pick";
import { pickSubnet } from "./subnet-facts";
import { mistakes, type DrillParts } from "./parts";
import type { ChoiceOption } from "./types";

/** The options of the yes/no question. */
export const INSIDE_OPTIONS: readonly ChoiceOption[] = [
  { id: "yes", label: "Yes, it is inside" },
  { id: "no", label: "No, it is outside" },
];

/** An address to test against the block: half inside, half just outside or in a look-alike block. */
function candidateFor(rng: Rng, block: Cidr): Ipv4 {
  const last = lastAddress(block);
  const size = sizeOf(block);
  const options: Array<readonly [() => number, number]> = [[() => edgyAddressIn(rng, block), 5]];
  if (block.network > 0) options.push([() => block.network - 1, 2]);
  if (last < 0xffffffff) options.push([() => last + 1, 2]);
  if (block.prefix > 0) {
    // The sibling block differs only in the last network bit: same leading octets, different block.
    const sibling = cidrOf(((block.network ^ size) >>> 0) as Ipv4, block.prefix);
    options.push([() => addressIn(rng, sibling), 2]);
    options.push([() => addressIn(rng, cidrOf(block.network, Math.max(0, block.prefix - 4))), 1]);
  }
  return weighted(rng, options)() as Ipv4;
}

/** Builds an "is X inside Y/n" drill. */
export function cidrContainsDrill(rng: Rng): DrillParts {
  const { address: seedAddress, prefix } = pickSubnet(rng);
  const block = cidrOf(seedAddress, prefix);
  const address = candidateFor(rng, block);
  const inside = contains(block, address);
  const own = cidrOf(address, prefix);
  const a = formatIpv4(address);
  const y = formatCidr(block);
  const last = lastAddress(block);
  const position = inside ? "within that range" : address < block.network ? "below its first address" : "above its last address";
  const expectedInside = answer.choice(inside ? "yes" : "no");
  const expectedBlock = answer.cidr(own.network, prefix);
  return {
    given: { kind: "cidr-contains", address, block },
    prompt: `Is ${a} inside ${y}? Then write the /${prefix} block that ${a} belongs to, in CIDR notation.`,
    blanks: [
      {
        id: "inside",
        label: `Is ${a} inside ${y}?`,
        format: { type: "choice", options: INSIDE_OPTIONS },
        expected: expectedInside,
        explanation: `${y} runs from ${formatIpv4(block.network)} to ${formatIpv4(last)}, and ${a} is ${position}.`,
        mistakes: mistakes(expectedInside, [
          [answer.choice(inside ? "no" : "yes"), inside
            ? `Compare ${a} with the block's first and last addresses: it lies between them.`
            : "Sharing the first octets is not enough: every bit covered by the prefix has to match."],
        ]),
      },
      {
        id: "block",
        label: `The /${prefix} block containing ${a}`,
        format: { type: "cidr" },
        expected: expectedBlock,
        explanation: `${describeNetwork(address, prefix)} ${inside ? `That is ${y} itself, so the address is inside it.` : `That is not ${y}, so the address is outside it.`}`,
        mistakes: mistakes(expectedBlock, [
          [answer.cidr(address, prefix), "That is the address with a prefix length added; a block is written with every host bit cleared."],
          [answer.cidr(block.network, prefix), `That is the block from the question, but ${a} is not in it.`],
        ]),
      },
    ],
  };
}
