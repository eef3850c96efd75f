/**
 * Longest-prefix match: the lookup a router does for every packet (what `ip route get 10.1.2.3`
 * answers). Given many IPv4 prefixes, find the most specific one containing an address.
 *
 * The table is built once and then only read. Building flattens the nested prefixes into disjoint
 * address intervals, each owned by the most specific prefix covering it, so a lookup is a search
 * for the interval containing the address. An index on the top 16 and then the next 8 bits answers
 * most lookups outright (a /16 or /24 wholly covered by one prefix) and leaves a short search
 * inside one /24 for the rest. Random lookups are bound by cache misses, not comparisons, which is
 * why the index answers directly instead of pointing into a binary search. Everything lives in
 * typed arrays: a million prefixes cost tens of megabytes, not the hundreds a tree of objects would.
 *
 * Duplicate prefixes: the first one listed wins; later copies still appear in `candidates()`,
 * right after the winner, so an explanation can say "this route is shadowed by an identical one".
 */
import type { Cidr } from "./cidr";
import { maskOf } from "./cidr";
import type { Ipv4 } from "./ipv4";

/** What `lookup` returns when no prefix contains the address (not even a default route). */
export const NO_MATCH = -1;

/** A built route table; indexes are the caller's (by default, positions in the list it was built from). */
export interface LpmTable {
  /** The number of prefixes the table was built from (duplicates included). */
  readonly size: number;
  /** The number of disjoint address intervals the prefixes flattened into (at most 2*size+1). */
  readonly intervalCount: number;
  /** The index of the most specific prefix containing the address, or NO_MATCH (-1). */
  lookup(address: Ipv4 | number): number;
  /** The indexes of every prefix containing the address, most specific first (ties: list order). */
  candidates(address: Ipv4 | number): number[];
}

class IntervalTable implements LpmTable {
  constructor(
    readonly size: number,
    /** Start address of each interval, ascending; starts[0] is always 0. */
    private readonly starts: Uint32Array,
    /** Position (in the build list) of the prefix owning each interval, or -1. */
    private readonly owners: Int32Array,
    /** The two index levels (per /16, then per /24), encoded as described on `indexLevels`. */
    private readonly level16: Int32Array,
    private readonly level24: Int32Array,
    /** For each position, the position of the next less specific prefix containing it, or -1. */
    private readonly parents: Int32Array,
    /** Caller-supplied index per position, or null when positions are the indexes. */
    private readonly indexes: Int32Array | null,
  ) {}

  get intervalCount(): number {
    return this.starts.length;
  }

  lookup(address: Ipv4 | number): number {
    const owner = this.ownerOf(address);
    return owner < 0 || this.indexes === null ? owner : this.indexes[owner]!;
  }

  candidates(address: Ipv4 | number): number[] {
    const out: number[] = [];
    for (let p = this.ownerOf(address); p >= 0; p = this.parents[p]!) {
      out.push(this.indexes === null ? p : this.indexes[p]!);
    }
    return out;
  }

  private ownerOf(address: Ipv4 | number): number {
    const a = address >>> 0;
    let entry = this.level16[a >>> 16]!;
    if (entry >= 0) return entry - 1;
    entry = this.level24[(~entry << 8) | ((a >>> 8) & 255)]!;
    if (entry >= 0) return entry - 1;
    // A /24 split by longer prefixes: at most 256 intervals start inside it, so the one holding
    // the address is within 256 places of the one holding the /24's first address.
    const starts = this.starts;
    let lo = ~entry;
    let hi = Math.min(lo + 256, starts.length - 1);
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= a) lo = mid;
      else hi = mid - 1;
    }
    return this.owners[lo]!;
  }
}

/**
 * Builds a table from CIDR blocks. `lookup` returns a block's position in the list unless
 * `indexes` gives each block its own number. Throws RangeError on a malformed block or on
 * mismatched lengths: these are mistakes in the caller's code, not in a learner's input.
 * Every table pays a fixed 256 KB index; for a handful of routes use `longestPrefixMatch`.
 */
export function buildLpmTable(blocks: readonly Cidr[], indexes?: readonly number[]): LpmTable {
  const networks = new Uint32Array(blocks.length);
  const lengths = new Uint8Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const { network, prefix } = blocks[i]!;
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
      throw new RangeError(`prefix length ${prefix} at position ${i} is not 0-32`);
    }
    if (!Number.isInteger(network) || network < 0 || network > 0xffffffff) {
      throw new RangeError(`network ${network} at position ${i} is not an IPv4 address`);
    }
    networks[i] = network;
    lengths[i] = prefix;
  }
  return buildLpmTableFromArrays(networks, lengths, indexes === undefined ? undefined : Int32Array.from(indexes));
}

/**
 * Builds a table from parallel typed arrays (network, prefix length, optional index), the compact
 * form for very large tables. Host bits in a network are cleared. The arrays are not kept.
 */
export function buildLpmTableFromArrays(
  networks: Uint32Array,
  prefixLengths: Uint8Array,
  indexes?: Int32Array,
): LpmTable {
  const n = networks.length;
  if (prefixLengths.length !== n) throw new RangeError("networks and prefixLengths differ in length");
  if (indexes !== undefined && indexes.length !== n) throw new RangeError("indexes and networks differ in length");
  const nets = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const len = prefixLengths[i]!;
    if (len > 32) throw new RangeError(`prefix length ${len} at position ${i} is over 32`);
    nets[i] = (networks[i]! & maskOf(len)) >>> 0;
  }
  const order = sortByNetworkThenLength(nets, prefixLengths);
  const { starts, owners, parents } = sweep(order, nets, prefixLengths);
  const { level16, level24 } = indexLevels(starts, owners);
  return new IntervalTable(n, starts, owners, level16, level24, parents, indexes === undefined ? null : indexes.slice());
}

/**
 * Positions ordered by (network, length ascending, position descending). Containing prefixes come
 * before the prefixes they contain, which the sweep relies on; among duplicates the first listed
 * comes last, so it ends up on top of the sweep's stack and wins. An LSD radix sort (three stable
 * counting passes) does this in linear time without comparing objects.
 */
function sortByNetworkThenLength(nets: Uint32Array, lengths: Uint8Array): Uint32Array {
  const n = nets.length;
  let order = new Uint32Array(n);
  let spare = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = n - 1 - i;
  countingPass(order, spare, lengths, 0, 63);
  [order, spare] = [spare, order];
  countingPass(order, spare, nets, 0, 0xffff);
  [order, spare] = [spare, order];
  countingPass(order, spare, nets, 16, 0xffff);
  return spare;
}

/** One stable counting-sort pass of `src` into `dst`, keyed by ((keys[p] >>> shift) & mask). */
function countingPass(src: Uint32Array, dst: Uint32Array, keys: Uint32Array | Uint8Array, shift: number, mask: number): void {
  const counts = new Uint32Array(mask + 2);
  for (let i = 0; i < src.length; i++) counts[((keys[src[i]!]! >>> shift) & mask) + 1]!++;
  for (let k = 1; k < counts.length; k++) counts[k]! += counts[k - 1]!;
  for (let i = 0; i < src.length; i++) {
    const p = src[i]!;
    dst[counts[(keys[p]! >>> shift) & mask]!++] = p;
  }
}

/**
 * Walks the sorted prefixes left to right with a stack of the prefixes still open (each containing
 * the next). Whenever the walk moves past part of the address space, that part belongs to the
 * prefix on top of the stack: the most specific one still covering it.
 */
function sweep(order: Uint32Array, nets: Uint32Array, lengths: Uint8Array) {
  const n = order.length;
  const parents = new Int32Array(n);
  const stack = new Int32Array(n);
  const stackEnd = new Float64Array(n);
  let depth = 0;
  const starts = new Uint32Array(2 * n + 1);
  const owners = new Int32Array(2 * n + 1);
  let count = 0;
  let cursor = 0; // first address not yet given to an interval (may reach 2^32)

  // Consecutive intervals never share an owner (a child's region always separates two pieces of
  // its parent), so there is nothing to merge.
  const emit = (start: number, owner: number): void => {
    starts[count] = start;
    owners[count] = owner;
    count++;
  };
  const closeThrough = (limit: number): void => {
    // Close every open prefix that ends before `limit`, innermost first.
    while (depth > 0 && stackEnd[depth - 1]! < limit) {
      depth--;
      const end = stackEnd[depth]!;
      if (cursor <= end) {
        emit(cursor, stack[depth]!);
        cursor = end + 1;
      }
    }
  };

  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    const start = nets[p]!;
    closeThrough(start);
    if (cursor < start) {
      emit(cursor, depth > 0 ? stack[depth - 1]! : -1);
      cursor = start;
    }
    parents[p] = depth > 0 ? stack[depth - 1]! : -1;
    stack[depth] = p;
    stackEnd[depth] = start + 2 ** (32 - lengths[p]!) - 1;
    depth++;
  }
  closeThrough(2 ** 32);
  if (cursor <= 0xffffffff) emit(cursor, -1);
  return { starts: starts.slice(0, count), owners: owners.slice(0, count), parents };
}

/**
 * The lookup index, two levels deep like a router's multibit trie. An entry >= 0 is an answer:
 * owner position + 1 (0 = no route). A negative entry means "look closer": in level16 it is ~k for
 * the k-th 256-entry chunk of level24 (one entry per /24 of that /16); in level24 it is ~i for the
 * interval holding the /24's first address, where a short search finishes the job. Most /16s and
 * /24s are covered by a single prefix, so most lookups end after one or two array reads.
 */
function indexLevels(starts: Uint32Array, owners: Int32Array): { level16: Int32Array; level24: Int32Array } {
  const last = starts.length - 1;
  let j = 0;
  // The interval holding address x; callers ask for non-decreasing x, so one forward pointer does.
  const intervalAt = (x: number): number => {
    while (j < last && starts[j + 1]! <= x) j++;
    return j;
  };
  const level16 = new Int32Array(65536);
  let chunks = 0;
  for (let b = 0; b < 65536; b++) {
    const first = intervalAt(b * 65536);
    level16[b] = first === intervalAt(b * 65536 + 65535) ? owners[first]! + 1 : ~chunks++;
  }
  const level24 = new Int32Array(chunks * 256);
  j = 0;
  for (let b = 0; b < 65536; b++) {
    const chunk = level16[b]!;
    if (chunk >= 0) continue;
    for (let c = 0; c < 256; c++) {
      const base = b * 65536 + c * 256;
      const first = intervalAt(base);
      level24[(~chunk << 8) | c] = first === intervalAt(base + 255) ? owners[first]! + 1 : ~first;
    }
  }
  return { level16, level24 };
}

/**
 * Longest-prefix match by a plain scan, for the handful of routes in a scenario's router, where
 * building a table is not worth it. Same rules as the table: most specific wins, then first listed.
 */
export function longestPrefixMatch(blocks: readonly Cidr[], address: Ipv4 | number): number {
  const a = address >>> 0;
  let best = NO_MATCH;
  let bestLength = -1;
  for (let i = 0; i < blocks.length; i++) {
    const { network, prefix } = blocks[i]!;
    if (prefix > bestLength && ((a & maskOf(prefix)) >>> 0) === network) {
      best = i;
      bestLength = prefix;
    }
  }
  return best;
}

/** Every block containing the address by a plain scan, most specific first (ties: list order). */
export function matchingPrefixes(blocks: readonly Cidr[], address: Ipv4 | number): number[] {
  const a = address >>> 0;
  const hits: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const { network, prefix } = blocks[i]!;
    if (((a & maskOf(prefix)) >>> 0) === network) hits.push(i);
  }
  // Array.prototype.sort is stable, so equal lengths keep their list order.
  return hits.sort((x, y) => blocks[y]!.prefix - blocks[x]!.prefix);
}

/** Below this many prefixes a scan is cheaper than the indexed table, whose index alone is 256 KB. */
export const SCAN_LIMIT = 256;

/** A table answered by scanning: a scenario router's handful of routes. */
class ScanTable implements LpmTable {
  constructor(private readonly blocks: readonly Cidr[]) {}

  get size(): number {
    return this.blocks.length;
  }

  get intervalCount(): number {
    return 0;
  }

  lookup(address: Ipv4 | number): number {
    return longestPrefixMatch(this.blocks, address);
  }

  candidates(address: Ipv4 | number): number[] {
    return matchingPrefixes(this.blocks, address);
  }
}

/** The indexed table, built on its first lookup: most of a large topology's tables are never consulted. */
class LazyTable implements LpmTable {
  private built: LpmTable | null = null;

  constructor(private readonly blocks: readonly Cidr[]) {}

  private get table(): LpmTable {
    return (this.built ??= buildLpmTable(this.blocks));
  }

  get size(): number {
    return this.blocks.length;
  }

  get intervalCount(): number {
    return this.table.intervalCount;
  }

  lookup(address: Ipv4 | number): number {
    return this.table.lookup(address);
  }

  candidates(address: Ipv4 | number): number[] {
    return this.table.candidates(address);
  }
}

/**
 * A longest-prefix-match table for any number of prefixes, with the same answers either way: a
 * scan below SCAN_LIMIT, the indexed intervals (built when first asked) from there up. Blocks
 * should have their host bits clear: a scan never matches a block that has some, a built table
 * clears them.
 */
export function lpmTableFor(blocks: readonly Cidr[]): LpmTable {
  const copy = blocks.slice();
  return copy.length < SCAN_LIMIT ? new ScanTable(copy) : new LazyTable(copy);
}
