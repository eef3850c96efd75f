/**
 * The L7 load balancer (lib/engine/proxy.ts l7ProxyHandler) on the load-balancer fixture: the
 * client's TCP connection ends at the balancer, which opens its own to a backend it picks; the
 * backend sees the balancer's address and learns the client's from X-Forwarded-For.
 */
import { describe, expect, test } from "vitest";
import type { TraceEvent } from "@/lib/engine/trace-types";
import { events, field, flow, hasKey, hop, keys, loadBalancerSite, outcome, request, trace } from "../helpers/fixture";

// The balancer's own connection is labelled "backend." (docs/trace-format.md, Hop keys).
const UP = "backend.";
const t = trace(loadBalancerSite());
const backendOf = (tr: ReturnType<typeof trace>) => (field(tr, "call", `${UP}tcp.syn@lb`, "ip.dst") === "10.2.0.21" ? "app-1" : "app-2");
const app = backendOf(t);

describe("L7 proxy", () => {
  describe("two TCP connections", () => {
    test.each([
      ["client -> LB: the client's SYN", "tcp.syn@client", "src", "172.16.0.10:40000"],
      ["client -> LB: to the LB's front address", "tcp.syn@client", "dst", "10.1.0.2:80"],
      ["client -> LB: delivered to the LB itself", "tcp.syn@lb", "dst", "10.1.0.2:80"],
      ["LB -> backend: a new SYN from the LB's back interface", `${UP}tcp.syn@lb`, "ip.src", "10.2.0.1"],
      ["LB -> backend: to the backend's port", `${UP}tcp.syn@lb`, "l4.dstPort", "8080"],
    ])("%s: %s %s = %s", (_label, key, name, value) => {
      expect(field(t, "call", key, name)).toBe(value);
    });
    test("each connection has its own handshake, established on its own client", () => {
      expect(events(t, "call", "step").filter((e) => e.title === "Connection established").map((e) => e.key)).toEqual(["tcp.established@client", `${UP}tcp.established@lb`]);
    });
    test("the client's connection ends at the LB: its SYN is delivered there, not forwarded", () => {
      expect(hop(t, "call", "tcp.syn@lb").type).toBe("deliver");
      expect(hasKey(t, "call", `tcp.syn@${app}`)).toBe(false);
    });
    test("the backend connection starts only once the request has arrived", () => {
      const k = keys(t, "call");
      expect(k.indexOf(`${UP}tcp.syn@lb`)).toBeGreaterThan(k.indexOf("http.request@lb"));
      expect(k.indexOf(`${UP}http.response@lb`)).toBeLessThan(k.indexOf("http.response@lb"));
    });
    test("the ports differ: a different socket on each side", () => {
      expect(field(t, "call", `${UP}tcp.syn@lb`, "l4.srcPort")).not.toBe("40000");
    });
  });

  describe("what the backend sees", () => {
    test.each([
      ["the source is the LB's address, not the client's", "ip.src", "10.2.0.1"],
      ["X-Forwarded-For carries the client's address", "http.header:x-forwarded-for", "172.16.0.10"],
      ["X-Forwarded-Proto", "http.header:x-forwarded-proto", "http"],
      ["X-Forwarded-Port", "http.header:x-forwarded-port", "80"],
      ["the Host is passed on", "http.host", "shop.example"],
    ])("%s", (_label, name, value) => {
      expect(field(t, "call", `${UP}http.request@${app}`, name)).toBe(value);
    });
    test("the client's own request had no X-Forwarded-For", () => {
      expect(field(t, "call", "http.request@lb", "http.header:x-forwarded-for")).toBeNull();
    });
    test("an X-Forwarded-For the client sent is extended, not replaced", () => {
      const t2 = trace(loadBalancerSite({ flows: [flow("call", "client", [request("10.1.0.2", 80, { host: "shop.example", headers: { "X-Forwarded-For": "198.51.100.7" } })])] }));
      expect(field(t2, "call", `${UP}http.request@${backendOf(t2)}`, "http.header:x-forwarded-for")).toBe("198.51.100.7, 172.16.0.10");
    });
    test("the response comes back to the client from the LB's address", () => {
      expect(field(t, "call", "http.response@client", "src")).toBe("10.1.0.2:80");
      expect(field(t, "call", "http.response@client", "http.status")).toBe("200");
      expect(field(t, "call", `${UP}http.response@${app}`, "packet.app.bodySummary")).toBe(`served by ${app}`);
    });
  });

  describe("the chosen backend", () => {
    test("is a free symbol: either backend is a right answer", () => {
      expect(t.symbols["l7pick:lb#1"]).toMatchObject({ value: field(t, "call", `${UP}tcp.syn@lb`, "ip.dst"), free: { kind: "one-of", values: ["10.2.0.21", "10.2.0.22"] } });
    });
    test("a step event names it", () => {
      expect(hop(t, "call", "proxy.pick@lb")).toMatchObject({ type: "step", title: `Backend chosen: ${app}` });
    });
    test("different seeds pick both backends", () => {
      const picks = new Set([0, 1, 2, 3, 4, 5, 6, 7].map((s) => backendOf(trace(loadBalancerSite(), s))));
      expect(picks).toEqual(new Set(["app-1", "app-2"]));
    });
    test("the flow is served by the LB", () => {
      expect(outcome(t, "call")).toEqual({ disposition: "DELIVERED", node: "lb", component: "lb" });
    });

    // The backend's address in the LB's SYN is the random pick, so the grader must accept either
    // backend (consistently). lib/engine/proxy.ts upstream() refers it to givenAddress(), a new
    // symbol "dest:call/backend.upstream" with free: null, instead of the one-of "l7pick:lb#1".
    test("the LB's SYN refers its destination to the pick's free symbol", () => {
      const e = hop(t, "call", `${UP}tcp.syn@lb`) as Extract<TraceEvent, { type: "hop" }>;
      expect(e.refs["ip.dst"]).toEqual({ symbol: "l7pick:lb#1", offset: 0 });
    });
  });

  // docs/trace-format.md (Hop keys) documents the "backend." prefix; questions are written from it.
  test("the LB's own connection uses the documented backend. prefix", () => {
    expect(hasKey(t, "call", "backend.tcp.syn@lb")).toBe(true);
    expect(hasKey(t, "call", "upstream.tcp.syn@lb")).toBe(false);
  });
});
