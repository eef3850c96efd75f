/**
 * The source address of a router's ICMP time exceeded (lib/engine/forward.ts, sendTimeExceeded):
 * like Linux by default, the address of the interface the error leaves by towards the sender; with
 * `icmpErrorSource: incoming`, the address of the interface the dropped packet came in by. The two
 * differ only on an asymmetric path, which this topology has:
 *
 *   client 10.1.0.10 -- client-lan -- r1 (10.1.0.1 / 10.2.0.1) -- net-a -- x eth0 10.2.0.3
 *                                  \- r2 (10.1.0.2 / 10.3.0.2) -- net-b -- x eth1 10.3.0.3
 *   x eth2 10.4.0.1 -- server-lan -- server 10.4.0.10
 *
 * The client sends through r1; x routes the client's network back through r2. A probe with TTL 2
 * expires at x, which came in on eth0 and answers out of eth1. An ARP request x needs for the
 * error names the error's source address, even when that is another interface's (Linux's
 * arp_announce=0), which is how the kernel case asymmetric-ttl-incoming showed it.
 */
import { describe, expect, test } from "vitest";
import { field, flow, hasKey, outcome, probe, trace, type ScenarioInput } from "../helpers/fixture";

function asymmetric(icmpErrorSource?: "outgoing" | "incoming"): ScenarioInput {
  const router = (id: string, a: [string, string], b: [string, string], routes: { to: string; via: string }[] = []) => ({
    id, kind: "router" as const, interfaces: [{ name: "eth0", segment: a[0], address: a[1] }, { name: "eth1", segment: b[0], address: b[1] }], routes,
  });
  return {
    id: "fixture-asymmetric-icmp", title: "Asymmetric ICMP", summary: "Engine test fixture: asymmetric path.", difficulty: "intermediate", concepts: ["routing"],
    story: "A topology built by tests/engine/icmp-source.test.ts.",
    segments: ["client-lan", "net-a", "net-b", "server-lan"].map((id) => ({ id, latencyMs: 0.1 })),
    nodes: [
      { id: "client", kind: "host", interfaces: [{ name: "eth0", segment: "client-lan", address: "10.1.0.10/24" }], gateway: "10.1.0.1" },
      router("r1", ["client-lan", "10.1.0.1/24"], ["net-a", "10.2.0.1/24"], [{ to: "10.4.0.0/24", via: "10.2.0.3" }]),
      router("r2", ["client-lan", "10.1.0.2/24"], ["net-b", "10.3.0.2/24"]),
      {
        id: "x", kind: "router", ...(icmpErrorSource ? { icmpErrorSource } : {}),
        interfaces: [{ name: "eth0", segment: "net-a", address: "10.2.0.3/24" }, { name: "eth1", segment: "net-b", address: "10.3.0.3/24" }, { name: "eth2", segment: "server-lan", address: "10.4.0.1/24" }],
        routes: [{ to: "10.1.0.0/24", via: "10.3.0.2" }],
      },
      {
        id: "server", kind: "host", interfaces: [{ name: "eth0", segment: "server-lan", address: "10.4.0.10/24" }], gateway: "10.4.0.1",
        services: [{ kind: "web", port: 80, routes: [{ path: "/", status: 200 }] }],
      },
    ],
    flows: [flow("p", "client", [probe("10.4.0.10", 80, { ttl: 2, srcPort: 40000 })])],
  } as ScenarioInput;
}

describe("the source of ICMP time exceeded on an asymmetric path", () => {
  test.each([
    { label: "default (Linux): the interface the error leaves by", setting: undefined, src: "10.3.0.3", back: "r2", notBack: "r1" },
    { label: "outgoing, written out", setting: "outgoing" as const, src: "10.3.0.3", back: "r2", notBack: "r1" },
    { label: "incoming: the interface the packet came in by", setting: "incoming" as const, src: "10.2.0.3", back: "r2", notBack: "r1" },
  ])("$label: from $src, back through $back", ({ setting, src, back, notBack }) => {
    const t = trace(asymmetric(setting));
    expect(outcome(t, "p")).toMatchObject({ disposition: "TTL_EXCEEDED", node: "x" });
    expect(field(t, "p", "icmp.time-exceeded@x", "ip.src")).toBe(src);
    expect(field(t, "p", "icmp.time-exceeded@x", "ip.dst")).toBe("10.1.0.10");
    expect(hasKey(t, "p", `icmp.time-exceeded@${back}`)).toBe(true);
    expect(hasKey(t, "p", `icmp.time-exceeded@${notBack}`)).toBe(false);
    expect(field(t, "p", "icmp.time-exceeded@client", "ip.src")).toBe(src);
  });

  test.each([
    { setting: "outgoing" as const, sender: "10.3.0.3" },
    { setting: "incoming" as const, sender: "10.2.0.3" },
  ])("with a cold ARP cache, x's ARP request for r2 names the ICMP's source ($setting: $sender), as Linux's arp_announce=0 does", ({ setting, sender }) => {
    const s = asymmetric(setting);
    const t = trace({ ...s, nodes: s.nodes!.map((n) => (n.id === "x" ? { ...n, arp: "cold" } : n)) } as ScenarioInput);
    expect(field(t, "p", "arp.request@x", "packet.arp.senderIp")).toBe(sender);
    expect(field(t, "p", "arp.request@x", "packet.arp.targetIp")).toBe("10.3.0.2");
    expect(field(t, "p", "arp.reply@r2", "packet.arp.targetIp")).toBe(sender);
  });

  test("an unknown setting is refused by the schema", () => {
    expect(() => trace({ ...asymmetric(), nodes: asymmetric().nodes!.map((n) => (n.id === "x" ? { ...n, icmpErrorSource: "inbound" } : n)) } as ScenarioInput))
      .toThrow(/icmpErrorSource/);
  });
});
