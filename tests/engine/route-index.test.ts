import { describe, expect, test } from "vitest";
import { formatCidr, maskOf, type Cidr } from "@/lib/net/cidr";
import type { Ipv4 } from "@/lib/net/ipv4";
import { rngFor } from "@/lib/random";
import type { RouteModel } from "@/lib/engine/model";
import { buildRouteTable, lookupRoute, type RouteTable } from "@/lib/engine/routing";
import { SCAN_LIMIT } from "@/lib/net/lpm";

/** The definition: scan the sorted table and keep every entry that contains the destination. */
function scan(table: RouteTable, destination: number): readonly RouteModel[] {
  return table.routes.filter((r) => ((destination & maskOf(r.to.prefix)) >>> 0) === r.to.network);
}

function route(network: number, prefix: number, n: number): RouteModel {
  const to: Cidr = { network: network as Ipv4, prefix };
  return { to, origin: "static", target: { kind: "on-link", dev: `eth${n}` }, text: `${formatCidr(to)} dev eth${n} #${n}` };
}

/** Random tables around a few /8s so that lookups hit nested prefixes, duplicates and misses. */
function randomTable(seed: number, size: number): { table: RouteTable; probes: number[] } {
  const rng = rngFor(seed, "route-index-test");
  const routes: RouteModel[] = [];
  const firstOctets = [10, 172, 192];
  for (let i = 0; i < size; i++) {
    const prefix = rng.pick([0, 8, 12, 16, 16, 20, 24, 24, 24, 28, 32]);
    const address = (rng.pick(firstOctets) * 2 ** 24 + rng.int(0, 3) * 2 ** 16 + rng.int(0, 3) * 2 ** 8 + rng.int(0, 255)) >>> 0;
    // Now and then an entry with host bits set, which contains nothing.
    const network = rng.int(0, 19) === 0 ? address : (address & maskOf(prefix)) >>> 0;
    routes.push(route(network, prefix, i));
  }
  const probes = Array.from({ length: 300 }, () => (rng.pick(firstOctets) * 2 ** 24 + rng.int(0, 3) * 2 ** 16 + rng.int(0, 3) * 2 ** 8 + rng.int(0, 255)) >>> 0);
  probes.push(0, 0xffffffff);
  return { table: buildRouteTable(`t${seed}`, routes), probes };
}

describe("route lookup through lib/net/lpm.ts (scanned below SCAN_LIMIT, indexed from it)", () => {
  test.each([
    { size: 15, seed: 5 }, { size: 40, seed: 2 }, { size: SCAN_LIMIT - 1, seed: 3 }, { size: SCAN_LIMIT, seed: 6 }, { size: 1000, seed: 4 },
  ])("matches a full scan: $size entries", ({ size, seed }) => {
    const { table, probes } = randomTable(seed, size);
    for (const destination of probes) {
      const want = scan(table, destination);
      const got = lookupRoute(table, destination);
      expect(got?.candidates ?? []).toEqual(want);
      expect(got?.route ?? null).toBe(want[0] ?? null);
    }
  });

  test.each([
    { size: SCAN_LIMIT - 1, indexed: false }, { size: SCAN_LIMIT + 40, indexed: true },
  ])("$size entries: indexed intervals = $indexed", ({ size, indexed }) => {
    const { table, probes } = randomTable(7, size);
    lookupRoute(table, probes[0]!);
    expect(table.lpm.intervalCount > 0).toBe(indexed);
  });

  test("equal prefixes keep file order: the first entry wins and the others follow", () => {
    const routes = Array.from({ length: SCAN_LIMIT + 20 }, (_, i) => route(0x0a000000, 8, i));
    const match = lookupRoute(buildRouteTable("dup", routes), 0x0a010203);
    expect(match?.candidates.map((r) => r.text)).toEqual(routes.map((r) => r.text));
  });
});
