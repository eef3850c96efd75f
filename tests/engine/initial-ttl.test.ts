/**
 * A node's initial TTL: its OS default (Linux and macOS 64, Windows 128) unless the scenario sets
 * `ttl` on it, as a host can be configured to (and network gear often sends with 255, which is
 * what a router's own ICMP errors then carry).
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

  test("a router set to 255 sends its ICMP time exceeded with TTL 255", () => {
    const t = withTtl({ router: 255 }, [flow("p", "laptop", [probe(WEB, 80, { ttl: 1, srcPort: 50000 })])]);
    expect(field(t, "p", "icmp.time-exceeded@home-router", "ip.ttl")).toBe("255");
  });
});
