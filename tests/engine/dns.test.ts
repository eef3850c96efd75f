/**
 * DNS (lib/engine/dns.ts): the client's caches, TTL expiry, the recursive resolver's walk from the
 * root and its cache, NXDOMAIN from the root, and the stub resolver's search domains with ndots.
 */
import { describe, expect, test } from "vitest";
import type { DnsEvent } from "@/lib/engine/trace-types";
import { simulate } from "@/lib/simulate";
import { scenario } from "../helpers/scenarios";
import { browse, events, field, flow, homeNetwork, outcome, resolve, trace, wait } from "../helpers/fixture";

const steps = (t: ReturnType<typeof trace>, flowId: string, node?: string) =>
  (events(t, flowId, "dns") as DnsEvent[]).filter((e) => node === undefined || e.node === node).map((e) => `${e.step} ${e.result}`);
/** DNS queries put on the wire (responses left out), by hop key at their sender. */
const queries = (t: ReturnType<typeof trace>, flowId: string) => events(t, flowId, "hop").filter((e) => /^dns\.(\w+-)?query$/.test(e.label) && e.action === "send").map((e) => e.key);

describe("DNS", () => {
  // Record TTL 60 s. v1 cold; v2 30 s later (within the TTL); phone asks the resolver meanwhile;
  // v3 100 s after that (beyond the TTL everywhere).
  const t = trace(homeNetwork({
    dnsTtl: 60, phone: true,
    flows: [
      flow("v1", "laptop", [browse("https://example.com/")]),
      flow("v2", "laptop", [wait(30), browse("https://example.com/")]),
      flow("phone", "phone", [resolve("example.com")]),
      flow("v3", "laptop", [wait(100), browse("https://example.com/")]),
      flow("typo", "laptop", [browse("https://example.cmo/")]),
    ],
  }));

  describe("the client's caches are checked first: browser, then OS", () => {
    test("cold: both miss, then the stub query", () => {
      expect(steps(t, "v1", "laptop").slice(0, 3)).toEqual(["browser-cache MISS", "os-cache MISS", "stub-query query to 8.8.8.8"]);
    });
    test("the answer fills the OS cache, then the browser's, for the record's TTL", () => {
      expect(steps(t, "v1", "laptop").slice(3)).toEqual(["cache-fill 198.51.100.10 for 60 s", "cache-fill 198.51.100.10 for 60 s"]);
      expect(events(t, "v1", "dns").filter((e) => e.step === "cache-fill").map((e) => e.reason)).toEqual([
        expect.stringMatching(/OS cache/), expect.stringMatching(/browser's cache/),
      ]);
    });
    test("a library (no browser) starts at the OS cache", () => {
      const lib = trace(homeNetwork({ flows: [flow("f", "laptop", [browse("https://example.com/", { agent: "library" })])] }));
      expect(steps(lib, "f", "laptop")[0]).toBe("os-cache MISS");
    });
    test("an OS cache hit answers without a query", () => {
      const hit = trace(homeNetwork({ caches: { os: [{ name: "example.com", address: "198.51.100.10", ttl: 120 }] }, flows: [flow("f", "laptop", [browse("https://example.com/")])] }));
      expect(steps(hit, "f")).toEqual(["browser-cache MISS", "os-cache HIT 198.51.100.10"]);
      expect(queries(hit, "f")).toEqual([]);
      expect(outcome(hit, "f").disposition).toBe("DELIVERED");
    });
  });

  describe("within the TTL: a HIT and no query", () => {
    test("30 s later the browser cache answers", () => {
      expect(steps(t, "v2")).toEqual(["browser-cache HIT 198.51.100.10"]);
      expect(queries(t, "v2")).toEqual([]);
      expect(field(t, "v2", "dns.browser-cache@laptop", "reason")).toMatch(/30 s of its TTL left/);
    });
    test("the connection still goes to the cached address", () => {
      expect(field(t, "v2", "tcp.syn@laptop", "ip.dst")).toBe("198.51.100.10");
    });
  });

  describe("the recursive resolver", () => {
    test("the first time, it walks root -> TLD -> authoritative", () => {
      expect(steps(t, "v1", "resolver")).toEqual([
        "resolver-cache MISS",
        "iterative-query asks a.root-servers.net (198.41.0.4)",
        "referral com -> a.gtld-servers.net (192.5.6.30)",
        "iterative-query asks a.gtld-servers.net (192.5.6.30)",
        "referral example.com -> ns1.example.com (192.0.2.53)",
        "iterative-query asks ns1.example.com (192.0.2.53)",
        "answer 198.51.100.10 (TTL 60 s)",
      ]);
      expect(queries(t, "v1")).toEqual(["dns.query@laptop", "dns.root-query@resolver", "dns.tld-query@resolver", "dns.auth-query@resolver"]);
    });
    test.each([
      ["root", "dns.root-query@root", "198.41.0.4:53"],
      ["TLD", "dns.tld-query@tld", "192.5.6.30:53"],
      ["authoritative", "dns.auth-query@ns1", "192.0.2.53:53"],
    ])("the %s query reaches its server without recursion", (_label, key, dst) => {
      expect(field(t, "v1", key, "dst")).toBe(dst);
      expect(field(t, "v1", key, "dns.question")).toBe("example.com");
      expect(field(t, "v1", key, "packet.app.recursionDesired")).toBe("false");
    });
    test("the stub's query asks for recursion", () => {
      expect(field(t, "v1", "dns.query@laptop", "packet.app.recursionDesired")).toBe("true");
    });
    test("later, another client gets the answer from the resolver's cache, with the TTL that is left", () => {
      expect(steps(t, "phone", "resolver")).toEqual(["resolver-cache HIT 198.51.100.10"]);
      expect(queries(t, "phone")).toEqual(["dns.query@phone"]);
      const left = Number(field(t, "phone", "dns.response@phone", "packet.app.answers.0.ttl"));
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(60);
    });
  });

  describe("beyond the TTL: a MISS again, and a query", () => {
    test("the laptop's caches have expired", () => {
      expect(steps(t, "v3", "laptop").slice(0, 3)).toEqual(["browser-cache MISS", "os-cache MISS", "stub-query query to 8.8.8.8"]);
      expect(field(t, "v3", "dns.browser-cache@laptop", "reason")).toMatch(/TTL has run out/);
    });
    test("the resolver's answer expired too, but it remembers the delegation: one query, to example.com's nameserver", () => {
      const r = steps(t, "v3", "resolver");
      expect(r[0]).toBe("resolver-cache MISS");
      expect(r.filter((s) => s.startsWith("iterative-query"))).toEqual([expect.stringContaining("(192.0.2.53)")]);
      expect(queries(t, "v3")).toEqual(["dns.query@laptop", "dns.auth-query@resolver"]);
    });
    // The resolver caches the delegation's address only (lib/engine/dns.ts recursive(): nsCache
    // maps zone -> address), so the second walk says it "asks nameserver for example.com" and the
    // query's destination refers to a new symbol "ns:nameserver for example.com" instead of the
    // "ns:ns1.example.com" the first walk used for the same address.
    test("the second walk names the nameserver it learned, with the same symbol", () => {
      expect(steps(t, "v3", "resolver")[1]).toBe("iterative-query asks ns1.example.com (192.0.2.53)");
      const ref = (flowId: string) => (events(t, flowId, "hop").find((e) => e.key === "dns.auth-query@resolver")!).refs["ip.dst"];
      expect(ref("v3")).toEqual(ref("v1"));
    });
  });

  describe("NXDOMAIN from the root for an unknown TLD", () => {
    test("the flow ends NXDOMAIN, blaming the root server", () => {
      expect(outcome(t, "typo")).toEqual({ disposition: "NXDOMAIN", node: "laptop", component: "root" });
    });
    test("the resolver asked only the root, which answered NXDOMAIN", () => {
      expect(steps(t, "typo", "resolver")).toEqual(["resolver-cache MISS", "iterative-query asks a.root-servers.net (198.41.0.4)", "nxdomain NXDOMAIN from a.root-servers.net"]);
      expect(field(t, "typo", "dns.root-response@root", "dns.rcode")).toBe("NXDOMAIN");
      expect(field(t, "typo", "dns.response@laptop", "dns.rcode")).toBe("NXDOMAIN");
    });
    test("no connection is attempted", () => {
      expect(events(t, "typo", "hop").some((e) => e.label.startsWith("tcp."))).toBe(false);
    });
  });

  describe("search domains and ndots", () => {
    describe("Kubernetes (ndots:5): a short name is tried with every search domain first", () => {
      const k8s = simulate(scenario("kubernetes-service-call"), { seed: 0 });
      const dns = (flowId: string) => k8s.flows.find((f) => f.id === flowId)!.events.filter((e): e is DnsEvent => e.type === "dns" && e.node === "user-service-abc123");
      test("the candidate order", () => {
        expect(dns("call-order-service").find((e) => e.step === "search-domain")?.result).toBe(
          "order-service.default.svc.cluster.local, order-service.svc.cluster.local, order-service.cluster.local, order-service",
        );
      });
      test("the first candidate exists, so it is the only query", () => {
        expect(dns("call-order-service").filter((e) => e.step === "stub-query").map((e) => e.name)).toEqual(["order-service.default.svc.cluster.local"]);
      });
      test("a missing Service is tried under every candidate, in order, before NXDOMAIN", () => {
        expect(dns("missing-service").filter((e) => e.step === "stub-query").map((e) => e.name)).toEqual([
          "payment-service.default.svc.cluster.local", "payment-service.svc.cluster.local", "payment-service.cluster.local", "payment-service",
        ]);
        expect(k8s.flows.find((f) => f.id === "missing-service")!.outcome.disposition).toBe("NXDOMAIN");
      });
    });

    describe("the rule: fewer dots than ndots, search first; otherwise the name as it is first", () => {
      test.each([
        ["www (0 dots), ndots 1", "www", 1, ["www.example.com", "www"]],
        ["www.example.com (2 dots), ndots 1", "www.example.com", 1, ["www.example.com", "www.example.com.example.com"]],
        ["www.example.com (2 dots), ndots 5", "www.example.com", 5, ["www.example.com.example.com", "www.example.com"]],
        ["a trailing dot means fully qualified", "www.example.com.", 5, ["www.example.com"]],
      ])("%s", (_label, name, ndots, candidates) => {
        const s = trace(homeNetwork({ search: ["example.com"], ndots, flows: [flow("f", "laptop", [resolve(name)])] }));
        const tried = (events(s, "f", "dns") as DnsEvent[]).filter((e) => e.step === "stub-query").map((e) => e.name);
        // Resolution stops at the first name that exists, so compare with the candidates in order.
        expect(tried).toEqual(candidates.slice(0, tried.length));
        expect(tried.length).toBeGreaterThan(0);
        const listed = (events(s, "f", "dns") as DnsEvent[]).find((e) => e.step === "search-domain")?.result;
        if (candidates.length > 1) expect(listed).toBe(candidates.join(", "));
        else expect(listed).toBeUndefined();
      });
    });
  });
});
