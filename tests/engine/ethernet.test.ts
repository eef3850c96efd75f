/**
 * The Ethernet rewrite at every L3 hop (lib/engine/l2.ts rewriteEthernet): a router builds a new
 * frame from its egress interface to the next hop's interface; routing leaves IP addresses alone.
 */
import { describe, expect, test } from "vitest";
import type { Trace, TraceEvent } from "@/lib/engine/trace-types";
import { scenario } from "../helpers/scenarios";
import { simulate } from "@/lib/simulate";
import { decisions, field, flow, homeNetwork, hop, request, trace } from "../helpers/fixture";

type PacketEvent = Extract<TraceEvent, { type: "hop" | "deliver" | "drop" }>;

/** Each packet event paired with the hop that put the frame on the link it arrived by. */
function links(t: Trace): { from: Extract<TraceEvent, { type: "hop" }>; to: PacketEvent }[] {
  const out: { from: Extract<TraceEvent, { type: "hop" }>; to: PacketEvent }[] = [];
  for (const f of t.flows) {
    const last = new Map<string, Extract<TraceEvent, { type: "hop" }>>();
    for (const e of f.events) {
      if (e.type !== "hop" && e.type !== "deliver" && e.type !== "drop") continue;
      const prev = last.get(e.label);
      if (prev && (e.type !== "hop" || e.ingress !== null)) out.push({ from: prev, to: e });
      if (e.type === "hop") last.set(e.label, e);
      else last.delete(e.label);
    }
  }
  return out;
}

const TRANSLATIONS = new Set(["snat", "dnat", "unsnat", "undnat"]);
const mac = (t: Trace, node: string, iface: string) => t.symbols[`mac:${node}/${iface}`]?.value;
const ingressOf = (e: PacketEvent) => (e.type === "drop" ? null : e.ingress);

const site = trace(homeNetwork({ siteRouter: true, flows: [flow("f", "laptop", [request("198.51.100.10", 80, { srcPort: 50000 })])] }));

describe("Ethernet rewrite", () => {
  describe("the frames of the home network, link by link", () => {
    test.each([
      ["laptop -> router", "tcp.syn@laptop", "AA:BB:CC:DD:EE:FF", "12:22:33:44:55:66"],
      ["router -> internet (new frame on the ISP link)", "tcp.syn@home-router", "02:00:00:00:00:50", "02:00:00:00:00:01"],
      ["internet -> router on the way back", "tcp.syn-ack@internet", "02:00:00:00:00:01", "02:00:00:00:00:50"],
      ["router -> laptop on the way back", "tcp.syn-ack@home-router", "12:22:33:44:55:66", "AA:BB:CC:DD:EE:FF"],
      ["delivered frame is the last link's", "tcp.syn-ack@laptop", "12:22:33:44:55:66", "AA:BB:CC:DD:EE:FF"],
    ])("%s: %s is %s > %s", (_label, key, src, dst) => {
      expect(field(site, "f", key, "eth.src")).toBe(src);
      expect(field(site, "f", key, "eth.dst")).toBe(dst);
    });
  });

  const traces: [string, Trace][] = [
    ["home network with a site router", site],
    ["browser-to-google", simulate(scenario("browser-to-google"), { seed: 0 })],
    ["aws-private-subnet-nat", simulate(scenario("aws-private-subnet-nat"), { seed: 0 })],
    ["kubernetes-service-call", simulate(scenario("kubernetes-service-call"), { seed: 0 })],
  ];

  describe.each(traces)("every link of %s", (_name, t) => {
    const pairs = links(t);

    test("there are forwarded frames to check", () => {
      expect(pairs.filter((p) => p.from.action === "forward").length).toBeGreaterThan(5);
    });

    test("source MAC is the sending interface's, destination MAC the next hop's", () => {
      const wrong = pairs.flatMap(({ from, to }) => {
        const problems: string[] = [];
        if (from.packet.eth.src !== mac(t, from.node, from.egress)) problems.push(`${from.key}: eth.src ${from.packet.eth.src} is not ${from.node}/${from.egress}`);
        const ingress = ingressOf(to);
        if (ingress !== null && from.packet.eth.dst !== mac(t, to.node, ingress)) problems.push(`${from.key}: eth.dst ${from.packet.eth.dst} is not ${to.node}/${ingress}`);
        return problems;
      });
      expect(wrong).toEqual([]);
    });

    test("every forwarding node explains its rewrite; a sender does not", () => {
      const hops = pairs.map((p) => p.from);
      const forwardsWithout = hops.filter((h) => h.action === "forward" && !decisions(h).some((d) => d.kind === "l2-rewrite")).map((h) => h.key);
      const sendsWith = hops.filter((h) => h.action === "send" && decisions(h).some((d) => d.kind === "l2-rewrite")).map((h) => h.key);
      expect(forwardsWithout).toEqual([]);
      expect(sendsWith).toEqual([]);
    });

    test("routing leaves IP addresses and ports alone: only NAT decisions change them", () => {
      const changed = pairs.flatMap(({ from, to }) => {
        if (to.type !== "hop") return [];
        const translated = decisions(to).some((d) => TRANSLATIONS.has(d.kind));
        const a = from.packet;
        const b = to.packet;
        const same = a.ip?.src === b.ip?.src && a.ip?.dst === b.ip?.dst
          && (a.tcp ?? a.udp)?.srcPort === (b.tcp ?? b.udp)?.srcPort && (a.tcp ?? a.udp)?.dstPort === (b.tcp ?? b.udp)?.dstPort;
        return same || translated ? [] : [`${to.key} changed the addresses without a NAT decision`];
      });
      expect(changed).toEqual([]);
    });
  });

  test("a frame is delivered exactly as the last hop sent it", () => {
    const delivered = links(site).filter(({ to }) => to.type === "deliver");
    expect(delivered.length).toBeGreaterThan(5);
    for (const { from, to } of delivered) expect(to.packet.eth).toEqual(from.packet.eth);
  });

  test("the rewrite decision names both interfaces and RFC 1812", () => {
    const d = decisions(hop(site, "f", "tcp.syn@site-router")).find((x) => x.kind === "l2-rewrite")!;
    expect(d.reason).toMatch(/site-router\/lan/);
    expect(d.reason).toMatch(/web\/eth0/);
    expect(d.provenance).toEqual({ kind: "protocol", rule: "RFC 1812: a router forwards the IP packet in a new link-layer frame" });
  });

  test("eth refs point at the interfaces' MAC symbols", () => {
    const e = hop(site, "f", "tcp.syn@home-router") as Extract<TraceEvent, { type: "hop" }>;
    expect(e.refs["eth.src"]).toEqual({ symbol: "mac:home-router/wan0", offset: 0 });
    expect(e.refs["eth.dst"]).toEqual({ symbol: "mac:internet/to-home", offset: 0 });
  });
});
