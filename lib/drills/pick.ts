/**
 * Seeded choices shared by the drill generators: weighted picks, and addresses that sit where
 * learners slip (the first and last address of a block, or just outside it).
 */
import { cidrOf, lastAddress, sizeOf, type Cidr } from "../net/cidr";
import { classify } from "../net/classify";
import type { Ipv4 } from "../net/ipv4";
import type { Rng } from "../random";

/** Picks one item, each with the given relative weight. */
export function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [item, w] of items) {
    roll -= w;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** A uniformly random address inside the block. */
export function addressIn(rng: Rng, block: Cidr): Ipv4 {
  return (block.network + Math.floor(rng.next() * sizeOf(block))) as Ipv4;
}

/** An address inside the block, often at or next to one of its ends. */
export function edgyAddressIn(rng: Rng, block: Cidr): Ipv4 {
  const last = lastAddress(block);
  return weighted<() => number>(rng, [
    [() => block.network, 1],
    [() => last, 1],
    [() => Math.min(block.network + 1, last), 1],
    [() => Math.max(last - 1, block.network), 1],
    [() => addressIn(rng, block), 6],
  ])() as Ipv4;
}

/** A random public unicast address (first octet 1-223, outside every special range). */
export function publicAddress(rng: Rng): Ipv4 {
  for (;;) {
    const address = (rng.int(1, 223) * 2 ** 24 + Math.floor(rng.next() * 2 ** 24)) as Ipv4;
    if (classify(address).category === "PUBLIC") return address;
  }
}

/** A block of the given length around a random public address. */
export function publicBlock(rng: Rng, prefix: number): Cidr {
  return cidrOf(publicAddress(rng), prefix);
}

/** Prefix lengths for subnetting questions: every length /8-/32, the common ones more often. */
export const PREFIX_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [8, 3], [9, 1], [10, 1], [11, 1], [12, 2], [13, 1], [14, 1], [15, 1],
  [16, 3], [17, 2], [18, 2], [19, 2], [20, 3], [21, 2], [22, 3], [23, 3],
  [24, 4], [25, 3], [26, 3], [27, 3], [28, 3], [29, 3], [30, 3], [31, 2], [32, 2],
];

/** A prefix length from PREFIX_WEIGHTS no shorter than `atLeast` (so it fits inside a pool). */
export function prefixAtLeast(rng: Rng, atLeast: number): number {
  return weighted(rng, PREFIX_WEIGHTS.filter(([p]) => p >= atLeast));
}
