/**
 * Route lookup by longest-prefix match, like `ip route get`: every entry that contains the
 * destination is a candidate, the most specific one wins, and both are reported.
 */
import { contains, formatCidr, maskOf } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import type { RouteModel } from "./model";

export interface RouteTable {
  readonly id: string;
  /** Sorted most specific first; among equal prefixes, the earlier entry wins. */
  readonly routes: readonly RouteModel[];
  /** For long tables: the routes grouped by prefix length and network, so a lookup costs one probe per length present. */
  readonly index?: RouteIndex;
}

interface RouteIndex {
  /** Prefix lengths present, longest first, each with its routes by network address (in table order). */
  readonly levels: readonly { readonly prefix: number; readonly byNetwork: ReadonlyMap<number, readonly RouteModel[]> }[];
}

/** Below this many entries a scan is as fast as the index. */
const INDEX_FROM = 16;

export interface RouteMatch {
  readonly route: RouteModel;
  /** Every matching entry, most specific first (the winner first). */
  readonly candidates: readonly RouteModel[];
}

/** Builds a table whose entries are ordered for longest-prefix match. */
export function buildRouteTable(id: string, routes: readonly RouteModel[]): RouteTable {
  const indexed = routes.map((route, order) => ({ route, order }));
  indexed.sort((a, b) => b.route.to.prefix - a.route.to.prefix || a.order - b.order);
  const sorted = indexed.map((x) => x.route);
  return sorted.length < INDEX_FROM ? { id, routes: sorted } : { id, routes: sorted, index: indexRoutes(sorted) };
}

function indexRoutes(sorted: readonly RouteModel[]): RouteIndex {
  const levels: { prefix: number; byNetwork: Map<number, RouteModel[]> }[] = [];
  for (const route of sorted) {
    // An entry with host bits set contains no address (see contains()), so it can never match.
    if (((route.to.network & maskOf(route.to.prefix)) >>> 0) !== route.to.network) continue;
    let level = levels.at(-1);
    if (level?.prefix !== route.to.prefix) levels.push((level = { prefix: route.to.prefix, byNetwork: new Map() }));
    const list = level.byNetwork.get(route.to.network);
    if (list) list.push(route);
    else level.byNetwork.set(route.to.network, [route]);
  }
  return { levels };
}

/** The longest-prefix match for a destination, or null when no entry (not even a default) matches. */
export function lookupRoute(table: RouteTable, destination: number): RouteMatch | null {
  let winner: RouteModel | null = null;
  const candidates: RouteModel[] = [];
  if (table.index) {
    // Same answer as the scan below (networks have their host bits cleared), without visiting every entry.
    for (const level of table.index.levels) {
      const hits = level.byNetwork.get((destination & maskOf(level.prefix)) >>> 0);
      if (hits) candidates.push(...hits);
    }
    return candidates.length === 0 ? null : { route: candidates[0]!, candidates };
  }
  for (const route of table.routes) {
    if (contains(route.to, destination as never)) {
      if (winner === null) winner = route;
      candidates.push(route);
    }
  }
  return winner === null ? null : { route: winner, candidates };
}

/** One sentence on why this route won. */
export function explainRoute(table: RouteTable, destination: number, match: RouteMatch): string {
  const dst = formatIpv4(destination);
  const won = `${formatCidr(match.route.to)} (/${match.route.to.prefix})`;
  if (match.candidates.length === 1) return `Route lookup for ${dst} in ${table.id}: only ${won} matches.`;
  const losers = match.candidates.slice(1).map((r) => formatCidr(r.to)).join(", ");
  return `Route lookup for ${dst} in ${table.id}: ${won} is the longest prefix that matches, beating ${losers}.`;
}
