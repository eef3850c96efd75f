/**
 * The CDN edge (lib/engine/proxy.ts cdnHandler) in https-through-cdn: a MISS fetched from the
 * origin over the edge's own connection and stored, a later HIT that never reaches the origin, a
 * DYNAMIC path, the headers the edge adds, and the latency of each exchange.
 */
import { describe, expect, test } from "vitest";
import type { CacheEvent, Trace } from "@/lib/engine/trace-types";
import { simulate } from "@/lib/simulate";
import { scenario } from "../helpers/scenarios";
import { events, field, flowOf, hop, outcome } from "../helpers/fixture";

const t: Trace = simulate(scenario("https-through-cdn"), { seed: 0 });
const LOGO = "https://example.com/static/logo.png";
const caches = (flowId: string) => (events(t, flowId, "cache") as CacheEvent[]).map((e) => [e.key, e.status, e.lookup]);
const at = (flowId: string, node: string) => flowOf(t, flowId).events.filter((e) => e.node === node);

describe("CDN edge", () => {
  describe("first request: MISS", () => {
    test("the cache is looked up by URL, misses, and stores the response", () => {
      expect(caches("first-request")).toEqual([["cdn.cache@cf-nrt", "MISS", LOGO], ["cdn.store@cf-nrt", "STORED", LOGO]]);
    });
    test("it is stored because of the origin's Cache-Control", () => {
      expect(field(t, "first-request", "origin.http.response@origin", "http.header:cache-control")).toBe("public, max-age=86400");
      expect(field(t, "first-request", "cdn.store@cf-nrt", "reason")).toMatch(/Cache-Control: public, max-age=86400.*86400 s/);
    });

    describe("the edge fetches over its own connection, from its own address", () => {
      test.each([
        ["as the edge sends it", "origin.http.request@cf-nrt", "ip.src", "172.68.140.21"],
        ["as the origin receives it", "origin.http.request@origin", "ip.src", "172.68.140.21"],
        ["to the origin", "origin.http.request@origin", "dst", "198.51.100.80:443"],
        ["the client's connection ends at the edge (anycast address)", "http.request@cf-nrt", "dst", "104.16.123.45:443"],
        ["and comes from the user's public address", "http.request@cf-nrt", "ip.src", "203.0.113.77"],
      ])("%s: %s %s = %s", (_label, key, name, want) => {
        expect(field(t, "first-request", key, name)).toBe(want);
      });
      test("the origin request is a different TCP connection (different ports)", () => {
        expect(field(t, "first-request", "origin.http.request@origin", "l4.srcPort")).not.toBe(field(t, "first-request", "http.request@cf-nrt", "l4.srcPort"));
      });
    });

    describe("the headers the edge adds for the origin", () => {
      test.each([
        ["cf-connecting-ip", "203.0.113.77"],
        ["cf-ipcountry", "JP"],
        ["x-forwarded-for", "203.0.113.77"],
        ["x-forwarded-proto", "https"],
        ["user-agent", "Chrome/120.0"],
      ])("%s: %s", (name, value) => {
        expect(field(t, "first-request", "origin.http.request@origin", `http.header:${name}`)).toBe(value);
      });
      test("cf-ray is 16 hex digits and the POP, the same on the origin request and on the response", () => {
        const ray = field(t, "first-request", "origin.http.request@origin", "http.header:cf-ray");
        expect(ray).toMatch(/^[0-9a-f]{16}-NRT$/);
        expect(field(t, "first-request", "http.response@cf-nrt", "http.header:cf-ray")).toBe(ray);
        expect(t.symbols["ray:NRT#1"]?.free).toMatchObject({ kind: "pattern", pattern: "^[0-9a-f]{16}-NRT$" });
      });
      test("the client's own request carried none of them", () => {
        expect(field(t, "first-request", "http.request@cf-nrt", "http.header:cf-connecting-ip")).toBeNull();
      });
    });

    test("the response says MISS", () => {
      expect(field(t, "first-request", "http.response@user-laptop", "http.header:cf-cache-status")).toBe("MISS");
    });
  });

  describe("a later request: HIT, and nothing reaches the origin", () => {
    test("the lookup hits; nothing is stored again", () => {
      expect(caches("second-user")).toEqual([["cdn.cache@cf-nrt", "HIT", LOGO]]);
    });
    test.each([["origin"], ["internet-us"]])("no event at all at %s", (node) => {
      expect(at("second-user", node)).toEqual([]);
    });
    test("no origin.* packet is sent", () => {
      expect(flowOf(t, "second-user").events.some((e) => e.key.startsWith("origin."))).toBe(false);
    });
    test.each([
      ["cf-cache-status", "HIT"],
      ["age", "60"],
      ["cache-control", "public, max-age=86400"],
    ])("the response carries %s: %s", (name, value) => {
      expect(field(t, "second-user", "http.response@cf-nrt", `http.header:${name}`)).toBe(value);
    });
    test("a new Ray ID for the new request", () => {
      expect(field(t, "second-user", "http.response@cf-nrt", "http.header:cf-ray")).toMatch(/-NRT$/);
      expect(field(t, "second-user", "http.response@cf-nrt", "http.header:cf-ray")).not.toBe(field(t, "first-request", "http.response@cf-nrt", "http.header:cf-ray"));
    });
  });

  describe("/api/cart is DYNAMIC", () => {
    test("not cacheable: passed to the origin, never stored", () => {
      expect(caches("dynamic")).toEqual([["cdn.cache@cf-nrt", "DYNAMIC", "https://example.com/api/cart"]]);
      expect(hop(t, "dynamic", "origin.http.request@origin").type).toBe("deliver");
      expect(field(t, "dynamic", "http.response@cf-nrt", "http.header:cf-cache-status")).toBe("DYNAMIC");
    });
  });

  describe("latency of the exchanges", () => {
    test.each([
      ["MISS: 1 + 150 + 150 + 1 ms", "first-request", "http.exchange@user-laptop", "302"],
      ["the edge's own round trip to the origin", "first-request", "origin.http.exchange@cf-nrt", "300"],
      ["HIT: 1 + 1 ms", "second-user", "http.exchange@user2-laptop", "2"],
      ["DYNAMIC goes to the origin every time", "dynamic", "http.exchange@user-laptop", "302"],
    ])("%s", (_label, flowId, key, ms) => {
      expect(field(t, flowId, key, "details.elapsedMs")).toBe(ms);
    });
    test.each([
      ["user -> edge", "http.request@user-laptop", "http.request@cf-nrt", 1],
      ["edge -> origin", "origin.http.request@cf-nrt", "origin.http.request@origin", 150],
      ["origin -> edge", "origin.http.response@origin", "origin.http.response@cf-nrt", 150],
    ])("one way %s: %i ms", (_label, from, to, ms) => {
      expect(hop(t, "first-request", to).t - hop(t, "first-request", from).t).toBe(ms);
    });
  });

  test("anycast: the Tokyo edge answers, the Ashburn one never sees a packet", () => {
    for (const f of t.flows) expect(at(f.id, "cf-iad")).toEqual([]);
    expect(outcome(t, "first-request").node).toBe("cf-nrt");
  });
});
