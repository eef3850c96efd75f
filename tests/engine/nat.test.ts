/**
 * NAT (lib/engine/nat.ts): source NAT/PAT port policies, exhaustion, unsolicited packets, reverse
 * translation, the `nat` events that record each translation, and destination NAT at an L4 load
 * balancer with connection tracking translating replies back to the virtual address.
 */
import { describe, expect, test } from "vitest";
import type { NatEvent, TraceEvent } from "@/lib/engine/trace-types";
import {
  browse, decisions, events, field, flow, homeNetwork, hop, loadBalancerSite, outcome, probe, request, trace,
  type HomeNetworkOptions,
} from "../helpers/fixture";

const WEB = "198.51.100.10";
const natEntries = (t: ReturnType<typeof trace>, flowId: string) => events(t, flowId, "nat").map((e) => e.entry);
const translatedPorts = (t: ReturnType<typeof trace>, flowId: string) => natEntries(t, flowId).map((e) => Number(e.translated.split(":")[1]));

describe("NAT", () => {
  describe("sequential allocation: the next port, shared by UDP and TCP", () => {
    test.each([
      ["from 10001: DNS gets 10001, the connection 10002, the next one 10003", 10001, [10001, 10002, 10003]],
      ["from 20001", 20001, [20001, 20002, 20003]],
    ])("%s", (_label, first, ports) => {
      const t = trace(homeNetwork({
        natPorts: { policy: "sequential", first, last: 65535 },
        flows: [flow("f", "laptop", [browse("https://example.com/"), request(WEB, 80)])],
      }));
      expect(translatedPorts(t, "f")).toEqual(ports);
      expect(natEntries(t, "f").map((e) => e.protocol)).toEqual(["UDP", "TCP", "TCP"]);
      expect(t.symbols["natport:home-router#1"]).toMatchObject({ value: String(ports[0]), free: null });
    });

    test("the count carries on into the next flow", () => {
      const t = trace(homeNetwork({ flows: [flow("a", "laptop", [request(WEB, 80)]), flow("b", "laptop", [request(WEB, 80)])] }));
      expect([...translatedPorts(t, "a"), ...translatedPorts(t, "b")]).toEqual([10001, 10002]);
    });
  });

  describe("random allocation within the range", () => {
    const random = (seed: number, hint?: number) => trace(homeNetwork({
      natPorts: { policy: "random", first: 40000, last: 40099, ...(hint !== undefined ? { hint } : {}) },
      flows: [flow("f", "laptop", [request(WEB, 80), request(WEB, 80), request(WEB, 80)])],
    }), seed);

    test.each([0, 1, 2, 3])("seed %i: every port is in 40000-40099 and they differ", (seed) => {
      const ports = translatedPorts(random(seed), "f");
      expect(ports).toHaveLength(3);
      expect(ports.every((p) => p >= 40000 && p <= 40099)).toBe(true);
      expect(new Set(ports).size).toBe(3);
    });

    test("seeded: the same seed draws the same ports", () => {
      expect(translatedPorts(random(5), "f")).toEqual(translatedPorts(random(5), "f"));
    });

    test("different seeds draw different ports", () => {
      const firsts = new Set([0, 1, 2, 3, 4, 5, 6, 7].map((s) => translatedPorts(random(s), "f")[0]));
      expect(firsts.size).toBeGreaterThan(1);
    });

    test("the port is a free symbol: any port of the range is a right answer", () => {
      expect(random(0).symbols["natport:home-router#1"]?.free).toMatchObject({ kind: "range", min: 40000, max: 40099 });
    });

    test("a hint pins the first port (the variant's value); the later ones stay random and free", () => {
      const t = random(3, 40042);
      const ports = translatedPorts(t, "f");
      expect(ports[0]).toBe(40042);
      expect(ports[1]).not.toBe(40042);
      expect(t.symbols["natport:home-router#1"]?.free).toMatchObject({ kind: "range", min: 40000, max: 40099 });
    });

    test("the SYN's source port points at the allocation's symbol", () => {
      const e = hop(random(0), "f", "tcp.syn@home-router") as Extract<TraceEvent, { type: "hop" }>;
      expect(e.refs["l4.srcPort"]).toEqual({ symbol: "natport:home-router#1", offset: 0 });
    });
  });

  describe("preserve: keep the client's port when it is free", () => {
    const t = trace(homeNetwork({
      phone: true, natPorts: { policy: "preserve", first: 1024, last: 65535 },
      flows: [flow("laptop", "laptop", [request(WEB, 80, { srcPort: 50000 })]), flow("phone", "phone", [request(WEB, 80, { srcPort: 50000 })])],
    }));
    test.each([
      ["the first client keeps 50000", "laptop", "192.168.1.10:50000", "203.0.113.50:50000"],
      ["the second client's 50000 is taken: the next free port from the range's start", "phone", "192.168.1.11:50000", "203.0.113.50:1024"],
    ])("%s", (_label, flowId, inside, translated) => {
      expect(natEntries(t, flowId)).toEqual([{ table: "home-router NAT table", kind: "snat", protocol: "TCP", inside, translated, outside: `${WEB}:80` }]);
    });
    test("the kept port refers to the client's own port symbol", () => {
      const e = hop(t, "laptop", "tcp.syn@home-router") as Extract<TraceEvent, { type: "hop" }>;
      expect(e.refs["l4.srcPort"]).toEqual({ symbol: "port:laptop/request", offset: 0 });
    });
    test("replies reach the right client", () => {
      expect(field(t, "laptop", "tcp.syn-ack@home-router", "dst")).toBe("192.168.1.10:50000");
      expect(field(t, "phone", "tcp.syn-ack@home-router", "dst")).toBe("192.168.1.11:50000");
    });
  });

  describe("port exhaustion: 2 ports, 3 connections", () => {
    const t = trace(homeNetwork({
      natPorts: { policy: "sequential", first: 10001, last: 10002 },
      flows: [flow("f", "laptop", [request(WEB, 80), request(WEB, 80), request(WEB, 80)])],
    }));
    test("the first two get 10001 and 10002", () => {
      expect(translatedPorts(t, "f")).toEqual([10001, 10002]);
    });
    test("the third is NAT_PORT_EXHAUSTED, naming the router", () => {
      expect(outcome(t, "f")).toEqual({ disposition: "NAT_PORT_EXHAUSTED", node: "home-router", component: "home-router" });
      const drop = events(t, "f", "drop")[0]!;
      expect(drop.label).toBe("tcp.syn");
      expect(drop.node).toBe("home-router");
      expect(drop.reason).toMatch(/no free port left in 10001-10002 on 203\.0\.113\.50/);
      expect(drop.provenance).toEqual({ kind: "table-entry", table: "home-router NAT table", entry: "no free port" });
    });
    test("nothing of the third connection leaves the router", () => {
      expect(events(t, "f", "hop").filter((e) => e.node === "home-router" && e.label === "tcp.syn")).toHaveLength(2);
    });
    test("the random policy runs out too, after using both ports", () => {
      const o: HomeNetworkOptions = { natPorts: { policy: "random", first: 10001, last: 10002 }, flows: [flow("f", "laptop", [request(WEB, 80), request(WEB, 80), request(WEB, 80)])] };
      const r = trace(homeNetwork(o));
      expect(translatedPorts(r, "f").sort()).toEqual([10001, 10002]);
      expect(outcome(r, "f").disposition).toBe("NAT_PORT_EXHAUSTED");
    });

    // The preserve policy keeps a client port even when it lies outside the rule's range
    // (lib/engine/nat.ts allocatePort checks only that the port is unused), then counts those
    // ports against the range: with 10001-10002 and ephemeral client ports, the connections get
    // 203.0.113.50:<client port> and the third fails with "no free port left in 10001-10002"
    // while 10001 and 10002 were never used. Expected: only a port inside first-last is kept;
    // otherwise the next free port of the range is used.
    test("preserve keeps a client port only inside the rule's range", () => {
      const o: HomeNetworkOptions = { natPorts: { policy: "preserve", first: 10001, last: 10002 }, flows: [flow("f", "laptop", [request(WEB, 80), request(WEB, 80)])] };
      expect(translatedPorts(trace(homeNetwork(o)), "f")).toEqual([10001, 10002]);
    });
  });

  describe("an unsolicited inbound packet: NO_NAT_MAPPING", () => {
    test.each([
      ["to a port nobody opened", [] as ReturnType<typeof flow>[], 10099],
      ["to a port a connection to another server holds (mappings are per remote end)", [flow("out", "laptop", [request(WEB, 80)])], 10001],
    ])("%s", (_label, before, port) => {
      const t = trace(homeNetwork({ flows: [...before, flow("in", "stranger", [probe("203.0.113.50", port)])] }));
      expect(outcome(t, "in")).toEqual({ disposition: "NO_NAT_MAPPING", node: "home-router", component: "home-router" });
      const drop = events(t, "in", "drop")[0]!;
      expect(drop.provenance).toEqual({ kind: "table-entry", table: "home-router NAT table", entry: "no matching entry" });
      expect(drop.reason).toMatch(new RegExp(`no translation for 203\\.0\\.113\\.50:${port}`));
      expect(events(t, "in", "hop").some((e) => e.node === "home-router")).toBe(false);
    });
  });

  describe("reverse translation restores the inside address and port", () => {
    const t = trace(homeNetwork({ flows: [flow("f", "laptop", [request(WEB, 80, { srcPort: 50000 })])] }));
    test.each([
      ["the reply as the server sends it", "tcp.syn-ack@web", `${WEB}:80`, "203.0.113.50:10001"],
      ["after the router's reverse translation", "tcp.syn-ack@home-router", `${WEB}:80`, "192.168.1.10:50000"],
      ["as delivered", "tcp.syn-ack@laptop", `${WEB}:80`, "192.168.1.10:50000"],
      ["the last ACK of the close, too", "tcp.fin-ack@home-router", `${WEB}:80`, "192.168.1.10:50000"],
    ])("%s: %s", (_label, key, src, dst) => {
      expect(field(t, "f", key, "src")).toBe(src);
      expect(field(t, "f", key, "dst")).toBe(dst);
    });
    test("the decision is un-SNAT, by the NAT entry", () => {
      const d = decisions(hop(t, "f", "tcp.syn-ack@home-router")).find((x) => x.kind === "unsnat");
      expect(d?.provenance).toEqual({ kind: "table-entry", table: "home-router NAT table", entry: `TCP 192.168.1.10:50000 -> 203.0.113.50:10001 -> ${WEB}:80` });
    });
    test("the restored fields point back at the laptop's own symbols", () => {
      const e = hop(t, "f", "tcp.syn-ack@home-router") as Extract<TraceEvent, { type: "hop" }>;
      expect(e.refs["ip.dst"]).toEqual({ symbol: "ip:laptop/wlan0", offset: 0 });
      expect(e.refs["l4.dstPort"]).toEqual({ symbol: "port:f/request", offset: 0 });
    });
  });

  describe("every new translation is a nat event; later packets reuse it", () => {
    const t = trace(homeNetwork({ flows: [flow("f", "laptop", [browse("https://example.com/", { srcPort: 50001, dnsPort: 50000 })])] }));
    const nat = events(t, "f", "nat") as NatEvent[];
    test("one event per connection (the DNS query and the TCP connection), none per packet", () => {
      expect(nat.map((e) => [e.key, e.action])).toEqual([["nat@home-router", "create"], ["nat@home-router~2", "create"]]);
    });
    test.each([
      [0, { table: "home-router NAT table", kind: "snat", protocol: "UDP", inside: "192.168.1.10:50000", translated: "203.0.113.50:10001", outside: "8.8.8.8:53" }],
      [1, { table: "home-router NAT table", kind: "snat", protocol: "TCP", inside: "192.168.1.10:50001", translated: "203.0.113.50:10002", outside: `${WEB}:443` }],
    ])("entry %i: inside -> translated -> outside", (i, entry) => {
      expect(nat[i]!.entry).toEqual(entry);
    });
    test("the event's refs name each part of the entry", () => {
      expect(nat[1]!.refs).toEqual({
        "inside.ip": { symbol: "ip:laptop/wlan0", offset: 0 }, "inside.port": { symbol: "port:f/browse", offset: 0 },
        "translated.ip": { symbol: "ip:home-router/wan0", offset: 0 }, "translated.port": { symbol: "natport:home-router#2", offset: 0 },
        "outside.ip": { symbol: "dns:example.com", offset: 0 }, "outside.port": { symbol: "port:f/browse:dst", offset: 0 },
      });
      expect(nat[1]!.provenance).toEqual({ kind: "rule", ruleset: "home-router NAT rules", rule: "masquerade: SNAT out wan0 to 203.0.113.50" });
    });
    test("the event comes just before the packet it translates leaves", () => {
      const k = t.flows[0]!.events.map((e) => e.key);
      expect(k[k.indexOf("nat@home-router~2") + 1]).toBe("tcp.syn@home-router");
    });
    test("later packets say they reuse the existing entry", () => {
      const d = decisions(hop(t, "f", "tcp.ack@home-router")).find((x) => x.kind === "snat");
      expect(d?.reason).toMatch(/^Existing NAT entry/);
      expect(field(t, "f", "tcp.ack@home-router", "src")).toBe("203.0.113.50:10002");
    });
  });

  describe("DNAT at an L4 load balancer, and conntrack on the way back", () => {
    test.each([0, 1, 2, 3])("seed %i: the VIP is translated to a backend, the reply comes from the VIP", (seed) => {
      const t = trace(loadBalancerSite({ layer: 4 }), seed);
      const [ct] = events(t, "call", "nat") as NatEvent[];
      expect(ct!.key).toBe("conntrack@lb");
      expect(ct!.entry).toMatchObject({ table: "lb conntrack", kind: "dnat", protocol: "TCP", inside: "172.16.0.10:40000", outside: "10.1.0.2:80" });
      expect(["10.2.0.21:8080", "10.2.0.22:8080"]).toContain(ct!.entry.translated);
      const backend = ct!.entry.translated.startsWith("10.2.0.21") ? "app-1" : "app-2";
      expect(field(t, "call", "tcp.syn@client", "dst")).toBe("10.1.0.2:80");
      expect(field(t, "call", "tcp.syn@lb", "dst")).toBe(ct!.entry.translated);
      expect(field(t, "call", `tcp.syn@${backend}`, "src")).toBe("172.16.0.10:40000");
      expect(field(t, "call", `tcp.syn-ack@${backend}`, "src")).toBe(ct!.entry.translated);
      expect(field(t, "call", "tcp.syn-ack@lb", "src")).toBe("10.1.0.2:80");
      expect(field(t, "call", "tcp.syn-ack@client", "src")).toBe("10.1.0.2:80");
      expect(outcome(t, "call").node).toBe(backend);
    });

    const t = trace(loadBalancerSite({ layer: 4 }));
    test("the rewrite of the reply is an un-DNAT decision by the conntrack entry", () => {
      const d = decisions(hop(t, "call", "tcp.syn-ack@lb")).find((x) => x.kind === "undnat");
      expect(d?.provenance.kind).toBe("table-entry");
      expect(d?.reason).toMatch(/rewritten back to 10\.1\.0\.2:80, the address the client called/);
    });
    test("later packets reuse the entry: same backend for the whole connection", () => {
      const backendDst = field(t, "call", "tcp.syn@lb", "dst");
      for (const key of ["tcp.ack@lb", "http.request@lb", "tcp.fin@lb", "tcp.last-ack@lb"]) expect(field(t, "call", key, "dst")).toBe(backendDst);
      expect(events(t, "call", "nat")).toHaveLength(1);
    });
    test("the seeded pick is a free one-of symbol over the backends", () => {
      expect(t.symbols["dnat:lb:web-vip#1"]?.free).toMatchObject({ kind: "one-of", values: ["10.2.0.21", "10.2.0.22"] });
    });
    test("pick: first always takes the first backend, and it is not free", () => {
      for (const seed of [0, 1, 2, 3]) {
        const first = trace(loadBalancerSite({ layer: 4, pick: "first" }), seed);
        expect(field(first, "call", "tcp.syn@lb", "dst")).toBe("10.2.0.21:8080");
        expect(first.symbols["dnat:lb:web-vip#1"]?.free).toBeNull();
      }
    });
  });
});
