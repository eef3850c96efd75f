/**
 * Route lookup by longest-prefix match, like `ip route get`: every entry that contains the
 * destination is a candidate, the most specific one wins, and both are reported.
 */
import { contains, formatCidr } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import type { RouteModel } from "./model";

export interface RouteTable {
  readonly id: string;
  /** Sorted most specific first; among equal prefixes, the earlier entry wins. */
  readonly routes: readonly RouteModel[];
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
  return { id, routes: indexed.map((x) => x.route) };
}

/** The longest-prefix match for a destination, or null when no entry (not even a default) matches. */
export function lookupRoute(table: RouteTable, destination: number): RouteMatch | null {
  let winner: RouteModel | null = null;
  const candidates: RouteModel[] = [];
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
