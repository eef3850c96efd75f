/**
 * The `linux` NAT port policy (Linux MASQUERADE/SNAT, as `npm run test:kernel` measured it): the
 * client's port is kept when the translated connection is unique, else a random free port in the
 * range, and any port of the range is then a right answer. Ports are tracked per connection, so
 * the same client port towards another destination keeps its number.
 */
import { describe, expect, test } from "vitest";
import { events, flow, homeNetwork, hop, request, trace } from "../helpers/fixture";
import type { TraceEvent } from "@/lib/engine/trace-types";

const WEB = "198.51.100.10";
const OTHER = "198.51.100.20";
const LINUX = { policy: "linux" as const, first: 1024, last: 65535 };
const translated = (t: ReturnType<typeof trace>, flowId: string) => events(t, flowId, "nat").map((e) => e.entry.translated);

describe("linux port policy", () => {
  describe.each([0, 1, 2])("seed %i", (seed) => {
    const clash = trace(homeNetwork({
      phone: true, natPorts: LINUX,
      flows: [flow("laptop", "laptop", [request(WEB, 80, { srcPort: 50000 })]), flow("phone", "phone", [request(WEB, 80, { srcPort: 50000 })])],
    }), seed);

    test("the first client keeps its port", () => {
      expect(translated(clash, "laptop")).toEqual(["203.0.113.50:50000"]);
    });

    test("the second client's port is taken towards the same destination: a free port of the range, which the grader may accept as any", () => {
      const [port] = translated(clash, "phone").map((s) => Number(s.split(":")[1]));
      expect(port).not.toBe(50000);
      expect(port).toBeGreaterThanOrEqual(1024);
      const e = hop(clash, "phone", "tcp.syn@home-router") as Extract<TraceEvent, { type: "hop" }>;
      const ref = e.refs["l4.srcPort"]!;
      expect(clash.symbols[ref.symbol]?.free).toMatchObject({ kind: "range", min: 1024, max: 65535 });
    });
  });

  test("the same client port towards two destinations keeps its number both times (tracked per connection)", () => {
    const t = trace(homeNetwork({
      phone: true, natPorts: LINUX,
      flows: [flow("laptop", "laptop", [request(WEB, 80, { srcPort: 50000 })]), flow("phone", "phone", [request(OTHER, 80, { srcPort: 50000 })])],
    }));
    expect([...translated(t, "laptop"), ...translated(t, "phone")]).toEqual(["203.0.113.50:50000", "203.0.113.50:50000"]);
  });

  test("the source text's sequential policy is unchanged: counts up from its first port", () => {
    const t = trace(homeNetwork({
      phone: true, natPorts: { policy: "sequential", first: 10001, last: 65535 },
      flows: [flow("laptop", "laptop", [request(WEB, 80, { srcPort: 50000 })]), flow("phone", "phone", [request(OTHER, 80, { srcPort: 50000 })])],
    }));
    expect([...translated(t, "laptop"), ...translated(t, "phone")]).toEqual(["203.0.113.50:10001", "203.0.113.50:10002"]);
  });

  test("a range with no free port left for the destination is exhausted", () => {
    const t = trace(homeNetwork({
      phone: true, natPorts: { policy: "linux", first: 50000, last: 50000 },
      flows: [flow("laptop", "laptop", [request(WEB, 80, { srcPort: 50000 })]), flow("phone", "phone", [request(WEB, 80, { srcPort: 50000 })])],
    }));
    expect(t.flows[1]!.outcome.disposition).toBe("NAT_PORT_EXHAUSTED");
  });
});
