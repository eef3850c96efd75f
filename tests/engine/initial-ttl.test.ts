/**
 * A node's initial TTL: its OS default (Linux and macOS 64, Windows 128) unless the scenario sets
 * `ttl` on it, as a host can be configured to (and network gear often sends with 255, which is
 * what a router's own ICMP errors then carry). A flow's `ttl` overrides its client's for that flow.
 */
import { describe, expect, test } from "vitest";
import { field, flow, homeNetwork, probe, request, trace, type ScenarioInput } from "../helpers/fixture";

const WEB = "198.51.100.10";

function withTtl(o: { laptop?: number; router?: number; os?: "linux" | "windows" }, flows: ReturnType<typeof flow>[]) {
  const s: ScenarioInput = homeNetwork({ ...(o.os ? { os: o.os } : {}), flows });
  return trace({
    ...s,
    nodes: s.nodes!.map((n) => (n.id === "laptop" && o.laptop ? { ...n, ttl: o.laptop } : n.id === "home-router" && o.router ? { ...n, ttl: o.router } : n)),
  } as ScenarioInput);
}

describe("initial TTL", () => {
  test.each([
    { label: "Linux default", o: {}, want: "64" },
    { label: "Windows default", o: { os: "windows" as const }, want: "128" },
    { label: "set on the host", o: { laptop: 100 }, want: "100" },
    { label: "set on a Windows host overrides its default", o: { os: "windows" as const, laptop: 32 }, want: "32" },
  ])("$label: the SYN leaves with TTL $want", ({ o, want }) => {
    const t = withTtl(o, [flow("f", "laptop", [request(WEB, 80)])]);
    expect(field(t, "f", "tcp.syn@laptop", "ip.ttl")).toBe(want);
  });

  test.each([
    { label: "a Windows-like flow from a Linux laptop", o: {}, flowTtl: 128, want: "128" },
    { label: "network gear's 255, over a TTL set on the host", o: { laptop: 100 }, flowTtl: 255, want: "255" },
    { label: "Linux's 64 from a Windows host", o: { os: "windows" as const }, flowTtl: 64, want: "64" },
  ])("a flow's ttl wins over the node's: $label leaves with $want", ({ o, flowTtl, want }) => {
    const t = withTtl(o, [flow("f", "laptop", [request(WEB, 80)], { ttl: flowTtl }), flow("g", "laptop", [request(WEB, 80)])]);
    expect(field(t, "f", "tcp.syn@laptop", "ip.ttl")).toBe(want);
    expect(field(t, "f", "tcp.ack@laptop", "ip.ttl")).toBe(want);
    const crossed = (f: string) => Number(field(t, f, "tcp.syn@laptop", "ip.ttl")) - Number(field(t, f, "tcp.syn@web", "ip.ttl"));
    expect(crossed("f")).toBe(crossed("g"));
    // Only that flow, and only its client: the server and the next flow keep their own.
    expect(field(t, "f", "tcp.syn-ack@web", "ip.ttl")).toBe("64");
    expect(field(t, "g", "tcp.syn@laptop", "ip.ttl")).not.toBe(want);
  });

  test("a probe's own ttl still wins over its flow's", () => {
    const t = withTtl({}, [flow("p", "laptop", [probe(WEB, 80, { ttl: 1, srcPort: 50000 })], { ttl: 128 })]);
    expect(field(t, "p", "tcp.syn@laptop", "ip.ttl")).toBe("1");
  });

  test.each([0, 256, 1.5])("a flow ttl of %s is refused", (bad) => {
    expect(() => withTtl({}, [flow("f", "laptop", [request(WEB, 80)], { ttl: bad })])).toThrow(/ttl/);
  });

  test("a router set to 255 sends its ICMP time exceeded with TTL 255", () => {
    const t = withTtl({ router: 255 }, [flow("p", "laptop", [probe(WEB, 80, { ttl: 1, srcPort: 50000 })])]);
    expect(field(t, "p", "icmp.time-exceeded@home-router", "ip.ttl")).toBe("255");
  });
});
