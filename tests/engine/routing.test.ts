/**
 * Longest-prefix match (lib/engine/routing.ts buildRouteTable / lookupRoute, like `ip route get`)
 * and what the forwarding loop does with it: the winning entry and every candidate in the route
 * decision's provenance, and NO_ROUTE blamed on the route table when nothing matches.
 */
import { describe, expect, test } from "vitest";
import { cidr, formatCidr } from "@/lib/net/cidr";
import { ip } from "@/lib/net/ipv4";
import type { RouteModel } from "@/lib/engine/model";
import { buildRouteTable, explainRoute, lookupRoute } from "@/lib/engine/routing";
import type { TraceEvent } from "@/lib/engine/trace-types";
import { decisions, events, field, flow, homeNetwork, hop, outcome, request, trace } from "../helpers/fixture";

function route(to: string, dev: string): RouteModel {
  const block = cidr(to);
  return { to: block, origin: "static", target: { kind: "on-link", dev }, text: `${formatCidr(block)} dev ${dev}` };
}

// Listed shortest first and shuffled a little, so the table's own ordering is what is tested.
const OVERLAPPING = [
  route("10.1.0.0/16", "b16"), route("0.0.0.0/0", "default"), route("10.1.2.3/32", "host"),
  route("10.0.0.0/8", "a8"), route("10.1.2.0/24", "c24"),
];
const withDefault = buildRouteTable("t main", OVERLAPPING);
const withoutDefault = buildRouteTable("t nodefault", OVERLAPPING.filter((r) => r.to.prefix !== 0));
const text = (prefix: string) => OVERLAPPING.find((r) => formatCidr(r.to) === prefix)!.text;

describe("longest-prefix match", () => {
  describe("the winner and every candidate, most specific first", () => {
    test.each([
      ["the /32 itself", "10.1.2.3", ["10.1.2.3/32", "10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]],
      ["the address just below the /32", "10.1.2.2", ["10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]],
      ["the address just above the /32", "10.1.2.4", ["10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]],
      ["first address of the /24", "10.1.2.0", ["10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]],
      ["last address of the /24", "10.1.2.255", ["10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]],
      ["just past the /24", "10.1.3.0", ["10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]],
      ["just before the /24", "10.1.1.255", ["10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]],
      ["last address of the /16", "10.1.255.255", ["10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]],
      ["just past the /16", "10.2.0.0", ["10.0.0.0/8", "0.0.0.0/0"]],
      ["first address of the /8", "10.0.0.0", ["10.0.0.0/8", "0.0.0.0/0"]],
      ["last address of the /8", "10.255.255.255", ["10.0.0.0/8", "0.0.0.0/0"]],
      ["just past the /8", "11.0.0.0", ["0.0.0.0/0"]],
      ["just before the /8", "9.255.255.255", ["0.0.0.0/0"]],
      ["the very last address", "255.255.255.255", ["0.0.0.0/0"]],
    ])("%s (%s)", (_label, destination, want) => {
      const m = lookupRoute(withDefault, ip(destination));
      expect(m?.candidates.map((r) => formatCidr(r.to))).toEqual(want);
      expect(m?.route.text).toBe(text(want[0]!));
    });
  });

  describe("without a default route", () => {
    test.each([["11.0.0.0"], ["9.255.255.255"], ["192.168.1.1"]])("%s matches nothing: null", (destination) => {
      expect(lookupRoute(withoutDefault, ip(destination))).toBeNull();
    });
    test("10.1.2.3 still finds its /32", () => {
      expect(lookupRoute(withoutDefault, ip("10.1.2.3"))?.route.text).toBe(text("10.1.2.3/32"));
    });
  });

  test("the table is sorted most specific first, whatever the input order", () => {
    expect(withDefault.routes.map((r) => r.to.prefix)).toEqual([32, 24, 16, 8, 0]);
  });

  test.each([
    ["one candidate", "11.0.0.0", "Route lookup for 11.0.0.0 in t main: only 0.0.0.0/0 (/0) matches."],
    ["several", "10.1.2.9", "Route lookup for 10.1.2.9 in t main: 10.1.2.0/24 (/24) is the longest prefix that matches, beating 10.1.0.0/16, 10.0.0.0/8, 0.0.0.0/0."],
  ])("explanation with %s", (_label, destination, sentence) => {
    const m = lookupRoute(withDefault, ip(destination))!;
    expect(explainRoute(withDefault, ip(destination), m)).toBe(sentence);
  });

  describe("in a trace: the route decision's provenance", () => {
    const t = trace(homeNetwork({ flows: [flow("f", "laptop", [request("198.51.100.10", 80)])] }));
    const routeOf = (key: string) => decisions(hop(t, "f", key)).find((d) => d.kind === "route")!.provenance;

    test.each([
      ["laptop: only the default route matches a remote address", "tcp.syn@laptop", {
        kind: "route", table: "laptop main", entry: "default via 192.168.1.1", prefix: "0.0.0.0/0", candidates: ["default via 192.168.1.1"],
      }],
      ["router, outbound: the default route", "tcp.syn@home-router", {
        kind: "route", table: "home-router main", entry: "default via 203.0.113.1", prefix: "0.0.0.0/0", candidates: ["default via 203.0.113.1"],
      }],
      ["router, inbound: the connected /24 beats the default", "tcp.syn-ack@home-router", {
        kind: "route", table: "home-router main", entry: "192.168.1.0/24 dev lan0 scope link src 192.168.1.1", prefix: "192.168.1.0/24",
        candidates: ["192.168.1.0/24 dev lan0 scope link src 192.168.1.1", "default via 203.0.113.1"],
      }],
      ["internet: the /32 host route", "tcp.syn@internet", {
        kind: "route", table: "internet main", entry: "198.51.100.10/32 dev to-site", prefix: "198.51.100.10/32", candidates: ["198.51.100.10/32 dev to-site"],
      }],
    ])("%s", (_label, key, provenance) => {
      expect(routeOf(key)).toEqual(provenance);
    });

    test.each([
      ["tcp.syn@laptop", "0.0.0.0/0"], ["tcp.syn-ack@home-router", "192.168.1.0/24"], ["tcp.syn-ack@internet", "203.0.113.0/24"],
    ])("%s route.match is %s", (key, prefix) => {
      expect(field(t, "f", key, "route.match")).toBe(prefix);
    });
  });

  describe("NO_ROUTE: a router without a default route", () => {
    const t = trace(homeNetwork({ routerDefaultRoute: false, flows: [flow("f", "laptop", [request("198.51.100.10", 80)])] }));
    const drop = events(t, "f", "drop")[0] as Extract<TraceEvent, { type: "drop" }>;

    test("the flow ends at the router, blaming its route table", () => {
      expect(outcome(t, "f")).toEqual({ disposition: "NO_ROUTE", node: "home-router", component: "home-router main" });
    });
    test("the drop's provenance is the empty lookup", () => {
      expect(drop.key).toBe("tcp.syn@home-router");
      expect(drop.provenance).toEqual({ kind: "route", table: "home-router main", entry: "none", prefix: "", candidates: [] });
      expect(field(t, "f", "tcp.syn@home-router", "route.match")).toBeNull();
    });
    test("the reason says not even a default route matches", () => {
      expect(drop.reason).toMatch(/No entry in home-router main matches 198\.51\.100\.10, not even a default route/);
    });
    test("the dropped packet shows the TTL the router's own TTL decision gives", () => {
      expect(drop.decisions.map((d) => d.kind)).toContain("ttl");
      expect(drop.decisions.find((d) => d.kind === "ttl")?.reason).toMatch(/^TTL 64 -> 63/);
      expect(drop.packet.ip?.ttl).toBe(63);
    });
  });
});
