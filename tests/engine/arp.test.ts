/**
 * ARP (lib/engine/l2.ts): a cold host resolves its next hop before the first frame, remembers it,
 * and a next hop nobody answers for is HOST_UNREACHABLE.
 */
import { describe, expect, test } from "vitest";
import type { ArpEvent } from "@/lib/engine/trace-types";
import { decisions, events, field, flow, homeNetwork, hop, keys, outcome, request, trace } from "../helpers/fixture";

/** Two requests in one flow: the first packet needs ARP, the later ones do not. */
const twoRequests = (arp: "cold" | "warm") =>
  homeNetwork({ arp, flows: [flow("f", "laptop", [request("198.51.100.10", 80), request("198.51.100.10", 80)])] });

describe("ARP", () => {
  describe("a cold host's first packet is preceded by a request and a reply", () => {
    const t = trace(twoRequests("cold"));
    const arp = events(t, "f", "arp");
    const [req, rep] = arp;

    test("exactly one exchange in the whole flow: a request, then a reply", () => {
      expect(arp.map((e) => [e.key, e.op])).toEqual([["arp.request@laptop", "request"], ["arp.reply@home-router", "reply"]]);
    });

    test("the exchange comes right before the first frame leaves the laptop", () => {
      const k = keys(t, "f");
      expect(k.slice(0, 3)).toEqual(["arp.request@laptop", "arp.reply@home-router", "tcp.syn@laptop"]);
    });

    test.each<[string, (e: ArpEvent) => unknown, unknown]>([
      ["request is broadcast", (e) => e.packet?.eth.dst, "FF:FF:FF:FF:FF:FF"],
      ["request comes from the laptop's MAC", (e) => e.packet?.eth.src, "AA:BB:CC:DD:EE:FF"],
      ["request's EtherType is ARP", (e) => e.packet?.eth.type, "ARP"],
      ["request's target MAC is unknown (all zeros)", (e) => e.packet?.arp?.targetMac, "00:00:00:00:00:00"],
      ["request asks who has the gateway", (e) => e.packet?.arp?.targetIp, "192.168.1.1"],
      ["request tells the laptop's address", (e) => e.packet?.arp?.senderIp, "192.168.1.10"],
      ["request carries the laptop's MAC as sender", (e) => e.packet?.arp?.senderMac, "AA:BB:CC:DD:EE:FF"],
    ])("%s", (_label, read, want) => {
      expect(read(req!)).toBe(want);
    });

    test("request reads as \"who has X tell Y\"", () => {
      expect(req!.reason).toMatch(/who has 192\.168\.1\.1\? tell 192\.168\.1\.10/);
    });

    test.each<[string, (e: ArpEvent) => unknown, unknown]>([
      ["reply is unicast to the laptop", (e) => e.packet?.eth.dst, "AA:BB:CC:DD:EE:FF"],
      ["reply comes from the router's LAN MAC", (e) => e.packet?.eth.src, "12:22:33:44:55:66"],
      ["reply says 192.168.1.1 is at the router's MAC", (e) => `${e.packet?.arp?.senderIp} is-at ${e.packet?.arp?.senderMac}`, "192.168.1.1 is-at 12:22:33:44:55:66"],
      ["reply is addressed to the requester", (e) => `${e.packet?.arp?.targetIp} ${e.packet?.arp?.targetMac}`, "192.168.1.10 AA:BB:CC:DD:EE:FF"],
      ["reply is sent by the router", (e) => e.node, "home-router"],
    ])("%s", (_label, read, want) => {
      expect(read(rep!)).toBe(want);
    });

    test("the first frame goes to the MAC just learned", () => {
      expect(field(t, "f", "tcp.syn@laptop", "eth.dst")).toBe("12:22:33:44:55:66");
      expect(decisions(hop(t, "f", "tcp.syn@laptop")).find((d) => d.kind === "arp")?.reason).toMatch(/just learned from the ARP reply/);
    });

    test("the next packet needs no ARP: the cache is used", () => {
      expect(decisions(hop(t, "f", "tcp.ack@laptop")).find((d) => d.kind === "arp")?.reason).toMatch(/learned by ARP earlier/);
      expect(decisions(hop(t, "f", "tcp.syn@laptop~2")).find((d) => d.kind === "arp")?.provenance).toEqual({
        kind: "table-entry", table: "laptop ARP cache", entry: "192.168.1.1 lladdr 12:22:33:44:55:66",
      });
    });

    test("the ARP exchange takes two crossings of the LAN (1 ms each)", () => {
      expect(hop(t, "f", "tcp.syn@laptop").t).toBe(2);
    });
  });

  describe("the cache carries over to the next flow, but not into a fresh one", () => {
    const t = trace(homeNetwork({
      arp: "cold",
      flows: [
        flow("first", "laptop", [request("198.51.100.10", 80)]),
        flow("second", "laptop", [request("198.51.100.10", 80)]),
        flow("fresh", "laptop", [request("198.51.100.10", 80)], { fresh: true }),
      ],
    }));
    test.each([
      ["first flow", "first", 2],
      ["second flow (cache warm from the first)", "second", 0],
      ["fresh flow (state reset)", "fresh", 2],
    ])("%s: %i ARP events", (_label, flowId, n) => {
      expect(events(t, flowId, "arp")).toHaveLength(n);
    });
  });

  describe("a warm host never ARPs", () => {
    const t = trace(twoRequests("warm"));
    test("no ARP events at all", () => {
      expect(events(t, "f", "arp")).toEqual([]);
    });
    test("the first frame still goes to the gateway's MAC, from the cache", () => {
      expect(field(t, "f", "tcp.syn@laptop", "eth.dst")).toBe("12:22:33:44:55:66");
      expect(decisions(hop(t, "f", "tcp.syn@laptop")).find((d) => d.kind === "arp")?.reason).toMatch(/already knows/);
    });
  });

  describe("a gateway nobody answers for", () => {
    const scenario = (arp: "cold" | "warm") => homeNetwork({ arp, gateway: "192.168.1.254", flows: [flow("f", "laptop", [request("198.51.100.10", 80)])] });

    test.each(["cold", "warm"] as const)("%s cache: HOST_UNREACHABLE at the laptop, nothing leaves", (arp) => {
      const t = trace(scenario(arp));
      expect(outcome(t, "f")).toEqual({ disposition: "HOST_UNREACHABLE", node: "laptop", component: "laptop" });
      expect(events(t, "f", "hop")).toEqual([]);
      const drop = events(t, "f", "drop")[0]!;
      expect(drop.provenance).toEqual({ kind: "protocol", rule: "RFC 826: no ARP reply, no frame" });
      expect(drop.reason).toMatch(/nobody .* answers ARP for 192\.168\.1\.254/);
    });

    // A cold host does broadcast "who has 192.168.1.254?" before giving up; the trace should show
    // that unanswered request (and no reply). lib/engine/l2.ts resolveNextHop returns "nobody
    // answers" before exchangeArp, so the request never appears.
    test("cold cache: the unanswered ARP request is in the trace", () => {
      const t = trace(scenario("cold"));
      const arp = events(t, "f", "arp");
      expect(arp.map((e) => e.op)).toEqual(["request"]);
      expect(arp[0]!.packet?.arp?.targetIp).toBe("192.168.1.254");
    });
  });
});
