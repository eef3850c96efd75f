/**
 * World rules (lib/engine/rules.ts): simulate(..., { world: flipped(rule) }) is the world of one
 * misconception. Flipping a rule must change what that rule governs, and, for the rules that
 * govern a single header field, nothing else.
 */
import { describe, expect, test } from "vitest";
import { flipped, RULES, type RuleId } from "@/lib/engine/rules";
import type { Trace } from "@/lib/engine/trace-types";
import type { ScenarioFile } from "@/lib/scenario/schema";
import { simulate } from "@/lib/simulate";
import { scenario } from "../helpers/scenarios";
import {
  awsVpc, browse, field, flow, homeNetwork, load, loadBalancerSite, outcome, probe, request, trace, wait, type ScenarioInput,
} from "../helpers/fixture";

const homeRequest = homeNetwork({ serverIsn: 5000, flows: [flow("f", "laptop", [request("198.51.100.10", 80, { srcPort: 50000, isn: 1000 })])] });
const homeTwice = homeNetwork({ flows: [flow("v1", "laptop", [browse("https://example.com/")]), flow("v2", "laptop", [wait(10), browse("https://example.com/")])] });

const cache = new Map<ScenarioInput | string, ScenarioFile>();
function file(s: ScenarioInput | string): ScenarioFile {
  let f = cache.get(s);
  if (!f) cache.set(s, (f = typeof s === "string" ? scenario(s) : load(s)));
  return f;
}
const run = (s: ScenarioInput | string, rule?: RuleId): Trace => simulate(file(s), { seed: 0, ...(rule ? { world: flipped(rule) } : {}) });

/** The value a row looks at: a field of an event, or the flow's outcome. */
function read(t: Trace, flowId: string, key: string, name: string): string | null {
  return key === "outcome" ? outcome(t, flowId).disposition : field(t, flowId, key, name);
}

describe("world rules", () => {
  describe("flipping a rule changes what it governs", () => {
    test.each<[RuleId, string, ScenarioInput | string, string, string, string, string, string]>([
      ["ttl-decrement", "the TTL arriving at the server", homeRequest, "f", "tcp.syn@web", "ip.ttl", "53", "64"],
      ["mac-rewrite", "the source MAC after the router", homeRequest, "f", "tcp.syn@home-router", "eth.src", "02:00:00:00:00:50", "AA:BB:CC:DD:EE:FF"],
      ["mac-end-to-end", "the laptop's destination MAC becomes the server's", homeRequest, "f", "tcp.syn@laptop", "eth.dst", "12:22:33:44:55:66", "SERVER_MAC"],
      ["snat", "the source address after the router", homeRequest, "f", "tcp.syn@home-router", "ip.src", "203.0.113.50", "192.168.1.10"],
      ["snat", "the flow: the reply to a private address dies on the internet", homeRequest, "f", "outcome", "", "DELIVERED", "NOT_ROUTABLE_ON_INTERNET"],
      ["nat-port-preservation", "the source port after the router", homeRequest, "f", "tcp.syn@home-router", "l4.srcPort", "10001", "50000"],
      ["reverse-nat", "the reply's destination after the router", homeRequest, "f", "tcp.syn-ack@home-router", "ip.dst", "192.168.1.10", "203.0.113.50"],
      ["syn-consumes-seq", "the SYN-ACK's ack", homeRequest, "f", "tcp.syn-ack@web", "tcp.ack", "1001", "1000"],
      ["syn-consumes-seq", "the first data segment's seq", homeRequest, "f", "http.request@laptop", "tcp.seq", "1001", "1000"],
      ["dns-cache", "the second visit's browser cache", homeTwice, "v2", "dns.browser-cache@laptop", "result", "HIT 198.51.100.10", "MISS"],
      ["natgw-translates-to-eip", "the source the NAT gateway writes", awsVpc(), "update", "tcp.syn@nat-gw", "ip.src", "10.0.1.100", "203.0.113.7"],
      ["natgw-translates-to-eip", "the NAT entry's translated side", awsVpc(), "update", "nat@nat-gw", "entry.translated", "10.0.1.100:10001", "203.0.113.7:10001"],
      ["kube-proxy-dnat", "the destination after kube-proxy on node-1", "kubernetes-service-call", "call-order-service", "tcp.syn@node-1", "ip.dst", "10.244.2.11", "10.96.50.100"],
      ["conntrack-reverse", "the reply's source after the L4 balancer", loadBalancerSite({ layer: 4, pick: "first" }), "call", "tcp.syn-ack@lb", "ip.src", "10.1.0.2", "10.2.0.21"],
      ["sg-stateful", "return traffic to an instance", awsVpc({ flows: [flow("f", "web", [probe("10.0.2.50", 8080)])] }), "f", "outcome", "", "DELIVERED", "DENIED_BY_SECURITY_GROUP"],
      ["nacl-stateless", "return traffic through an ACL without an ephemeral rule", awsVpc({ nacls: { private: { inbound: [{ rule: 100, protocol: "all", cidr: "10.0.0.0/16", action: "allow" }], outbound: [{ rule: 100, protocol: "all", cidr: "0.0.0.0/0", action: "allow" }] } } }), "update", "outcome", "", "DENIED_BY_NETWORK_ACL", "DELIVERED"],
      ["cdn-cache", "the second user's cache lookup", "https-through-cdn", "second-user", "cdn.cache@cf-nrt", "status", "HIT", "MISS"],
      ["dns-search-domains", "the first name the pod asks for", "kubernetes-service-call", "call-order-service", "dns.query@user-service-abc123", "dns.question", "order-service.default.svc.cluster.local", "order-service"],
    ])("%s: %s", (rule, _label, s, flowId, key, name, real, world) => {
      const r = run(s);
      const w = run(s, rule);
      const want = world === "SERVER_MAC" ? r.symbols["mac:web/eth0"]!.value : world;
      expect(read(r, flowId, key, name)).toBe(real);
      expect(read(w, flowId, key, name)).toBe(want);
      expect(r.rulesInPlay).toContain(rule);
    });
  });

  describe("rules that govern one header field change only that field", () => {
    /** A deep copy of the flows without the given packet fields, refs and decision kinds. */
    function without(t: Trace, packetFields: string[], refs: string[], decisionKinds: string[]): unknown {
      return JSON.parse(JSON.stringify(t.flows), (k, v) => {
        if (v && typeof v === "object" && !Array.isArray(v)) {
          const copy: Record<string, unknown> = { ...v };
          if ("refs" in copy && copy.refs) copy.refs = Object.fromEntries(Object.entries(copy.refs as object).filter(([r]) => !refs.includes(r)));
          if (Array.isArray(copy.decisions)) copy.decisions = (copy.decisions as { kind: string }[]).filter((d) => !decisionKinds.includes(d.kind));
          for (const f of packetFields) {
            const [layer, name] = f.split(".") as [string, string];
            if (k === layer) delete copy[name];
          }
          return copy;
        }
        return v;
      });
    }

    test.each<[RuleId, string[], string[], string[]]>([
      ["ttl-decrement", ["ip.ttl"], ["ip.ttl"], ["ttl"]],
      ["mac-rewrite", ["eth.src", "eth.dst"], ["eth.src", "eth.dst"], ["l2-rewrite"]],
      ["mac-end-to-end", ["eth.src", "eth.dst"], ["eth.src", "eth.dst"], ["l2-rewrite"]],
      ["syn-consumes-seq", ["tcp.seq", "tcp.ack"], ["tcp.seq", "tcp.ack"], []],
    ])("%s: only %j differ", (rule, packetFields, refs, decisionKinds) => {
      for (const s of [homeRequest, "browser-to-google"] as const) {
        const r = run(s);
        const w = run(s, rule);
        expect(JSON.stringify(w.flows)).not.toBe(JSON.stringify(r.flows));
        expect(without(w, packetFields, refs, decisionKinds)).toEqual(without(r, packetFields, refs, decisionKinds));
        expect(w.symbols).toEqual(r.symbols);
      }
    });

    test("without TTL decrement, every hop keeps the sender's TTL", () => {
      const w = run(homeRequest, "ttl-decrement");
      const ttls = new Set(w.flows[0]!.events.flatMap((e) => ("packet" in e && e.packet?.ip ? [e.packet.ip.ttl] : [])));
      expect(ttls).toEqual(new Set([64]));
    });

    test("without the MAC rewrite, the laptop's frame header reaches the server unchanged", () => {
      const w = run(homeRequest, "mac-rewrite");
      expect(field(w, "f", "tcp.syn@web", "eth.src")).toBe("AA:BB:CC:DD:EE:FF");
      expect(field(w, "f", "tcp.syn@web", "eth.dst")).toBe("12:22:33:44:55:66");
    });
  });

  describe("the world without SNAT", () => {
    const w = run(homeRequest, "snat");
    test("no translation is created and the private source crosses the internet", () => {
      expect(w.flows[0]!.events.filter((e) => e.type === "nat")).toEqual([]);
      expect(field(w, "f", "tcp.syn@internet", "ip.src")).toBe("192.168.1.10");
      expect(field(w, "f", "tcp.syn@web", "src")).toBe("192.168.1.10:50000");
    });
    test("the server's reply is dropped by the internet", () => {
      expect(outcome(w, "f")).toEqual({ disposition: "NOT_ROUTABLE_ON_INTERNET", node: "internet", component: "internet" });
    });
  });

  test("flipped() flips exactly one rule, from the real world", () => {
    for (const rule of Object.keys(RULES) as RuleId[]) {
      expect(flipped(rule)).toEqual({ [rule]: !RULES[rule].realWorld });
    }
  });

  test("the real world is the default: an empty world gives the same trace", () => {
    expect(JSON.stringify(simulate(file(homeRequest), { seed: 0, world: {} }))).toBe(JSON.stringify(run(homeRequest)));
  });

  test("a trace for the fixture via the helper equals simulate() on the loaded file", () => {
    expect(JSON.stringify(trace(homeRequest))).toBe(JSON.stringify(run(homeRequest)));
  });
});
