/**
 * TTL (lib/engine/forward.ts): every router decrements it (the internet cloud by its `hops`, the
 * VPC router not at all); a packet whose TTL would reach zero is dropped and the router sends
 * ICMP time exceeded back to the sender, from its own address, carrying the dropped header, and
 * translated back through any NAT on the way.
 */
import { describe, expect, test } from "vitest";
import { decisions, events, field, flow, homeNetwork, awsVpc, hop, outcome, probe, request, trace } from "../helpers/fixture";

/** The home network with a site router: laptop -> home-router (1) -> internet (10) -> site-router (1) -> web. */
const probes = new Map<number, ReturnType<typeof trace>>();
function probeWith(ttl: number) {
  let t = probes.get(ttl);
  if (!t) probes.set(ttl, (t = trace(homeNetwork({ siteRouter: true, flows: [flow("p", "laptop", [probe("198.51.100.10", 80, { ttl, srcPort: 50000 })])] }))));
  return t;
}

describe("TTL", () => {
  describe("a probe with TTL n expires at the router that would take it to zero", () => {
    test.each([
      [1, "home-router"],
      [2, "internet"],
      [6, "internet"],
      [11, "internet"],
      [12, "site-router"],
    ])("TTL %i dies at %s", (ttl, where) => {
      const t = probeWith(ttl);
      expect(outcome(t, "p")).toEqual({ disposition: "TTL_EXCEEDED", node: where, component: where });
      const drop = events(t, "p", "drop")[0]!;
      expect(drop.key).toBe(`tcp.syn@${where}`);
      expect(drop.provenance).toEqual({ kind: "protocol", rule: "RFC 791/1812: a router discards a packet whose TTL reaches zero" });
    });

    test.each([13, 64])("TTL %i gets through: the connection is made", (ttl) => {
      expect(outcome(probeWith(ttl), "p").disposition).toBe("DELIVERED");
    });

    test("TTL 13 arrives at the server with 1 left", () => {
      expect(field(probeWith(13), "p", "tcp.syn@web", "ip.ttl")).toBe("1");
    });
  });

  describe("ICMP time exceeded goes back to the sender", () => {
    // [ttl, the router, its address on the link the probe came in by, how the error travels]
    test.each([
      [1, "home-router", "192.168.1.1", ["icmp.time-exceeded@home-router", "icmp.time-exceeded@laptop"]],
      [2, "internet", "203.0.113.1", ["icmp.time-exceeded@internet", "icmp.time-exceeded@home-router", "icmp.time-exceeded@laptop"]],
      [12, "site-router", "192.0.2.2", ["icmp.time-exceeded@site-router", "icmp.time-exceeded@internet", "icmp.time-exceeded@home-router", "icmp.time-exceeded@laptop"]],
    ] as const)("TTL %i: from %s (%s), delivered to the laptop", (ttl, router, address, path) => {
      const t = probeWith(ttl);
      const icmp = t.flows[0]!.events.filter((e) => e.key.startsWith("icmp.time-exceeded@"));
      expect(icmp.map((e) => e.key)).toEqual(path);
      expect(icmp.at(-1)!.type).toBe("deliver");
      const last = path.at(-1)!;
      expect(field(t, "p", last, "ip.src")).toBe(address);
      expect(field(t, "p", last, "ip.dst")).toBe("192.168.1.10");
      expect(field(t, "p", last, "ip.protocol")).toBe("ICMP");
      expect(field(t, "p", last, "packet.icmp.type")).toBe("11");
      expect(field(t, "p", last, "packet.icmp.code")).toBe("0");
      expect(field(t, "p", path[0], "ip.src")).toBe(address);
      expect(hop(t, "p", path[0]).node).toBe(router);
    });

    test("the error carries the dropped packet's header, as the laptop sent it", () => {
      const t = probeWith(1);
      expect(field(t, "p", "icmp.time-exceeded@laptop", "packet.icmp.about")).toBe("TCP 192.168.1.10:50000 -> 198.51.100.10:80");
    });

    describe("beyond the NAT, the error is translated back (header included)", () => {
      const t = probeWith(2);
      test.each([
        ["as the internet sends it: to the public address, about the translated packet", "icmp.time-exceeded@internet", "203.0.113.50", "TCP 203.0.113.50:10001 -> 198.51.100.10:80"],
        ["after the home router: to the laptop, about the laptop's own packet", "icmp.time-exceeded@home-router", "192.168.1.10", "TCP 192.168.1.10:50000 -> 198.51.100.10:80"],
        ["as delivered", "icmp.time-exceeded@laptop", "192.168.1.10", "TCP 192.168.1.10:50000 -> 198.51.100.10:80"],
      ])("%s", (_label, key, dst, about) => {
        expect(field(t, "p", key, "ip.dst")).toBe(dst);
        expect(field(t, "p", key, "packet.icmp.about")).toBe(about);
      });
      test("the home router explains the translation with its NAT entry", () => {
        const d = decisions(hop(t, "p", "icmp.time-exceeded@home-router")).find((x) => x.kind === "unsnat");
        expect(d?.provenance).toEqual({ kind: "table-entry", table: "home-router NAT table", entry: "TCP 192.168.1.10:50000 -> 203.0.113.50:10001 -> 198.51.100.10:80" });
      });
      test("the error itself is decremented by the routers it crosses", () => {
        expect(field(t, "p", "icmp.time-exceeded@internet", "ip.ttl")).toBe("64");
        expect(field(t, "p", "icmp.time-exceeded@laptop", "ip.ttl")).toBe("63");
      });
    });

    test("the flow still ends where the probe died, not where the error arrived", () => {
      expect(outcome(probeWith(2), "p").node).toBe("internet");
    });
  });

  describe("a normal TTL is decremented once per router, and by `hops` in the cloud", () => {
    test.each([
      [1, 62], [5, 58], [10, 53], [30, 33],
    ])("internet of %i hops: the SYN reaches the server with TTL %i", (hops, arriving) => {
      const t = trace(homeNetwork({ internetHops: hops, flows: [flow("f", "laptop", [request("198.51.100.10", 80)])] }));
      expect(field(t, "f", "tcp.syn@laptop", "ip.ttl")).toBe("64");
      expect(field(t, "f", "tcp.syn@home-router", "ip.ttl")).toBe("63");
      expect(field(t, "f", "tcp.syn@internet", "ip.ttl")).toBe(String(63 - hops));
      expect(field(t, "f", "tcp.syn@web", "ip.ttl")).toBe(String(arriving));
    });

    test.each([
      ["sent", "tcp.syn@laptop", "64"],
      ["after the home router", "tcp.syn@home-router", "63"],
      ["after the internet (10 routers)", "tcp.syn@internet", "53"],
      ["after the site router", "tcp.syn@site-router", "52"],
      ["delivered", "tcp.syn@web", "52"],
      ["reply sent", "tcp.syn-ack@web", "64"],
      ["reply delivered, after 12 router hops", "tcp.syn-ack@laptop", "52"],
    ])("with a site router: %s (%s) TTL %s", (_label, key, ttl) => {
      const t = probeWith(64);
      expect(field(t, "p", key, "ip.ttl")).toBe(ttl);
    });

    test("the TTL decision says how many routers the cloud stands for", () => {
      const d = decisions(hop(probeWith(64), "p", "tcp.syn@internet")).find((x) => x.kind === "ttl");
      expect(d?.reason).toBe("TTL 63 -> 53: internet stands for 10 routers, each decrementing it by one.");
    });

    test("TTL refs count down from the sender's initial TTL symbol", () => {
      const t = probeWith(64);
      const e = hop(t, "p", "tcp.syn@internet") as Extract<ReturnType<typeof hop>, { type: "hop" }>;
      expect(e.refs["ip.ttl"]).toEqual({ symbol: "ttl:laptop", offset: -11 });
      expect(t.symbols["ttl:laptop"]?.value).toBe("64");
    });

    test("a Windows client starts at 128", () => {
      const t = trace(homeNetwork({ os: "windows", flows: [flow("f", "laptop", [request("198.51.100.10", 80)])] }));
      expect(field(t, "f", "tcp.syn@laptop", "ip.ttl")).toBe("128");
      expect(field(t, "f", "tcp.syn@web", "ip.ttl")).toBe("117");
    });
  });

  describe("the VPC router does not decrement the TTL; the NAT gateway does", () => {
    const t = trace(awsVpc());
    test.each([
      ["app server sends", "tcp.syn@app", "64"],
      ["VPC router forwards to the NAT gateway", "tcp.syn@vpc-router", "64"],
      ["NAT gateway", "tcp.syn@nat-gw", "63"],
      ["VPC router forwards to the internet gateway", "tcp.syn@vpc-router~2", "63"],
      ["internet gateway", "tcp.syn@igw", "63"],
      ["internet (5 hops)", "tcp.syn@internet", "58"],
    ])("%s: %s TTL %s", (_label, key, ttl) => {
      expect(field(t, "update", key, "ip.ttl")).toBe(ttl);
    });
    test("the VPC router's hop has no TTL decision at all", () => {
      expect(decisions(hop(t, "update", "tcp.syn@vpc-router")).map((d) => d.kind)).not.toContain("ttl");
      expect(decisions(hop(t, "update", "tcp.syn@nat-gw")).map((d) => d.kind)).toContain("ttl");
    });
  });
});
