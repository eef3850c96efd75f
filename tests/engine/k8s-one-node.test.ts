/**
 * Kubernetes on one node (lib/engine/forward.ts, nat.ts `bridged` and `output`): kube-proxy picks
 * an endpoint on the caller's own node, so the DNATed SYN goes back out of the node's pod bridge
 * and the endpoint's reply is bridged straight to the caller, never routed by the node.
 *
 * - With bridge netfilter (the default, which kube-proxy's iptables mode needs) the bridged reply
 *   passes the node's conntrack and comes from the ClusterIP: the connection works.
 * - Without it the reply keeps the pod's address, which the client did not dial: RST, and the flow
 *   ends with REPLY_ADDRESS_MISMATCH (the kernel case clusterip-one-node shows the same).
 * - The node's own call to a ClusterIP is DNATed on the way out (iptables' OUTPUT chain) and
 *   translated back on arrival.
 */
import { describe, expect, test } from "vitest";
import { field, flow, hasKey, hop, outcome, request, trace, type ScenarioInput } from "../helpers/fixture";

const CLUSTER_IP = "10.96.0.10";
const ENDPOINT = "10.244.1.11";

function oneNode(o: { bridgeNetfilter?: boolean; from?: string } = {}): ScenarioInput {
  return {
    id: "fixture-k8s-one-node", title: "One Kubernetes node", summary: "Engine test fixture: one Kubernetes node.", difficulty: "intermediate", concepts: ["kubernetes"],
    story: "A topology built by tests/engine/k8s-one-node.test.ts.",
    segments: [{ id: "node-net", latencyMs: 0.2 }],
    clusters: [{
      id: "c", nodeSegment: "node-net", dnsService: "web", // no lookups here: any Service will do as the pods' nameserver
      nodes: [{ id: "node-1", address: "192.168.10.11/24", podCidr: "10.244.1.0/24", ...(o.bridgeNetfilter !== undefined ? { bridgeNetfilter: o.bridgeNetfilter } : {}) }],
      pods: [
        { id: "client-pod", node: "node-1", address: "10.244.1.10", labels: { app: "client" } },
        {
          id: "web-pod", node: "node-1", address: ENDPOINT, labels: { app: "web" },
          services: [{ kind: "web", port: 8080, routes: [{ path: "/", status: 200 }] }],
        },
      ],
      services: [{ name: "web", clusterIp: CLUSTER_IP, port: 80, targetPort: 8080, selector: { app: "web" } }],
    }],
    flows: [flow("call", o.from ?? "client-pod", [request(CLUSTER_IP, 80, { srcPort: 40000 })])],
  } as ScenarioInput;
}

describe("a ClusterIP whose endpoint is on the caller's own node", () => {
  describe.each([
    { label: "with bridge netfilter (the default)", o: {}, from: `${CLUSTER_IP}:80`, disposition: "DELIVERED" },
    { label: "with bridge netfilter, written out", o: { bridgeNetfilter: true }, from: `${CLUSTER_IP}:80`, disposition: "DELIVERED" },
    { label: "behind a plain bridge", o: { bridgeNetfilter: false }, from: `${ENDPOINT}:8080`, disposition: "REPLY_ADDRESS_MISMATCH" },
  ])("$label", ({ o, from, disposition }) => {
    const t = trace(oneNode(o));

    test("the node DNATs the SYN and routes it back out of its pod bridge to the endpoint", () => {
      expect(field(t, "call", "tcp.syn@node-1", "dst")).toBe(`${ENDPOINT}:8080`);
      expect(hop(t, "call", "tcp.syn@node-1")).toMatchObject({ type: "hop", ingress: "cni0", egress: "cni0" });
    });

    test(`the endpoint's SYN-ACK is bridged to the client, never routed by the node, and arrives from ${from}`, () => {
      expect(field(t, "call", "tcp.syn-ack@web-pod", "src")).toBe(`${ENDPOINT}:8080`);
      expect(hasKey(t, "call", "tcp.syn-ack@node-1")).toBe(false);
      expect(field(t, "call", "tcp.syn-ack@client-pod", "src")).toBe(from);
    });

    test(`the flow ends ${disposition}`, () => {
      expect(outcome(t, "call").disposition).toBe(disposition);
      expect(hasKey(t, "call", "tcp.rst@client-pod")).toBe(disposition !== "DELIVERED");
    });
  });

  test("with bridge netfilter the client's arrival names the translation and the node's conntrack", () => {
    const e = hop(trace(oneNode()), "call", "tcp.syn-ack@client-pod");
    const d = "decisions" in e ? e.decisions.find((x) => x.kind === "undnat") : undefined;
    expect(d?.reason).toMatch(/bridge netfilter/);
    expect(d?.provenance).toMatchObject({ kind: "table-entry", table: "node-1 conntrack" });
  });

  test("every later segment is translated too: the HTTP response reaches the client from the ClusterIP", () => {
    expect(field(trace(oneNode()), "call", "http.response@client-pod", "src")).toBe(`${CLUSTER_IP}:80`);
  });
});

describe("the node's own call to a ClusterIP", () => {
  const t = trace(oneNode({ from: "node-1" }));

  test("is DNATed before it leaves (OUTPUT): the SYN leaves the node for the endpoint, from the node's address", () => {
    expect(field(t, "call", "tcp.syn@node-1", "dst")).toBe(`${ENDPOINT}:8080`);
    expect(field(t, "call", "tcp.syn@node-1", "ip.src")).toBe("192.168.10.11");
    expect(hop(t, "call", "tcp.syn@node-1")).toMatchObject({ action: "send", egress: "cni0" });
  });

  test("the reply is translated back on arrival and the connection is to the ClusterIP", () => {
    expect(field(t, "call", "tcp.syn-ack@node-1", "src")).toBe(`${CLUSTER_IP}:80`);
    expect(hop(t, "call", "tcp.established@node-1")).toMatchObject({ details: { server: `${CLUSTER_IP}:80`, "answered by": `${ENDPOINT}:8080` } });
    expect(outcome(t, "call").disposition).toBe("DELIVERED");
  });
});
