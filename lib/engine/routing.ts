/**
 * Route lookup by longest-prefix match, like `ip route get`: every entry that contains the
 * destination is a candidate, the most specific one wins, and both are reported.
 */
import { formatCidr, maskOf } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import { lpmTableFor, type LpmTable } from "../net/lpm";
import type { RouteModel } from "./model";

export interface RouteTable {
  readonly id: string;
  /** Sorted most specific first; among equal prefixes, the earlier entry wins. */
  readonly routes: readonly RouteModel[];
  /** The longest-prefix-match table over the entries that can match (lib/net/lpm.ts), by position in `matchable`. */
  readonly lpm: LpmTable;
  readonly matchable: readonly RouteModel[];
}

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
  // An entry with host bits set contains no address (see contains()), so it can never match.
  const matchable = sorted.filter((r) => ((r.to.network & maskOf(r.to.prefix)) >>> 0) === r.to.network);
  return { id, routes: sorted, matchable, lpm: lpmTableFor(matchable.map((r) => r.to)) };
}

/** The longest-prefix match for a destination, or null when no entry (not even a default) matches. */
export function lookupRoute(table: RouteTable, destination: number): RouteMatch | null {
  const positions = table.lpm.candidates(destination);
  if (positions.length === 0) return null;
  const candidates = positions.map((i) => table.matchable[i]!);
  return { route: candidates[0]!, candidates };
}

/** One sentence on why this route won. */
export function explainRoute(table: RouteTable, destination: number, match: RouteMatch): string {
  const dst = formatIpv4(destination);
  const won = `${formatCidr(match.route.to)} (/${match.route.to.prefix})`;
  if (match.candidates.length === 1) return `Route lookup for ${dst} in ${table.id}: only ${won} matches.`;
  const losers = match.candidates.slice(1).map((r) => formatCidr(r.to)).join(", ");
  return `Route lookup for ${dst} in ${table.id}: ${won} is the longest prefix that matches, beating ${losers}.`;
}
