import { describe, expect, test } from "vitest";
import { simulateInput } from "@/lib/simulate";
import { buildChainTopology } from "@/scripts/bench/large-topology";

/** Correctness of the benchmark's generated networks (not timing): they simulate, deliver, and have the path length asked for. */
describe.each([
  { label: "10,000 nodes, 30 hops", routers: 100, hostsPerRouter: 99, pathHops: 30, nodes: 10_000 },
  { label: "10,000 nodes, 10 hops", routers: 100, hostsPerRouter: 99, pathHops: 10, nodes: 10_000 },
  { label: "~100 nodes, 30 hops", routers: 34, hostsPerRouter: 2, pathHops: 30, nodes: 102 },
])("chain topology: $label", ({ routers, hostsPerRouter, pathHops, nodes }) => {
  const chain = buildChainTopology({ routers, hostsPerRouter, pathHops });
  const trace = simulateInput(chain.input, { seed: 0 });
  const flow = trace.flows[0]!;

  test("has the requested number of nodes", () => {
    expect(chain.nodeCount).toBe(nodes);
    expect(chain.input.network.nodes).toHaveLength(nodes);
  });

  test("delivers the probe to the server", () => {
    expect(flow.outcome.disposition).toBe("DELIVERED");
    expect(flow.outcome.node).toBe(chain.server);
  });

  test(`the SYN makes exactly ${pathHops} hops, then is delivered`, () => {
    const syn = flow.events.filter((e) => "label" in e && e.label === "tcp.syn");
    expect(syn.filter((e) => e.type === "hop")).toHaveLength(pathHops);
    expect(syn.at(-1)).toMatchObject({ type: "deliver", node: chain.server });
    expect(syn[0]).toMatchObject({ type: "hop", node: chain.client, action: "send" });
  });

  test("every packet of the connection crosses the same path (6 packets)", () => {
    expect(flow.events.filter((e) => e.type === "hop")).toHaveLength(6 * pathHops);
    expect(flow.events.filter((e) => e.type === "deliver")).toHaveLength(6);
  });

  test("the TTL drops once per router", () => {
    const delivered = flow.events.find((e) => e.type === "deliver" && e.label === "tcp.syn");
    expect(delivered && "packet" in delivered ? delivered.packet?.ip?.ttl : null).toBe(64 - (pathHops - 1));
  });
});
