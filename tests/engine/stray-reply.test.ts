/**
 * A client accepts a SYN-ACK only from the address and port it dialled (lib/engine/tcp.ts,
 * strayReply). A reply that was not translated back (here: a world in which conntrack does not
 * reverse the DNAT) matches no socket: the client answers with RST, the flow ends with
 * REPLY_ADDRESS_MISMATCH, and no ACK or data follows.
 */
import { describe, expect, test } from "vitest";
import { flipped } from "@/lib/engine/rules";
import type { Trace } from "@/lib/engine/trace-types";
import { simulate } from "@/lib/simulate";
import { DISPOSITION_TEXT, dispositionConcept } from "@/lib/grader/describe";
import { scenario } from "../helpers/scenarios";
import { field, hasKey, hop, keys, loadBalancerSite, outcome, trace } from "../helpers/fixture";

const k8s = (world?: boolean): Trace => simulate(scenario("kubernetes-service-call"), { seed: 0, ...(world ? { world: flipped("conntrack-reverse") } : {}) });

const cases = [
  {
    label: "a pod calling a ClusterIP", t: () => k8s(true), real: () => k8s(false), flow: "call-order-service",
    client: "user-service-abc123", synAck: "tcp.syn-ack@node-1", dialled: "10.96.50.100:80", endpoint: "10.244.2.11:8080",
  },
  {
    label: "a client calling an L4 load balancer's VIP", t: () => trace(loadBalancerSite({ layer: 4, pick: "first" }), 0, flipped("conntrack-reverse")),
    real: () => trace(loadBalancerSite({ layer: 4, pick: "first" })), flow: "call", client: "client", synAck: "tcp.syn-ack@lb", dialled: "10.1.0.2:80", endpoint: "10.2.0.21:8080",
  },
];

describe("a SYN-ACK from an address the client did not dial", () => {
  describe.each(cases)("$label", ({ t: make, real, flow, client, synAck, dialled, endpoint }) => {
    const t = make();

    test("the untranslated SYN-ACK reaches the client from the endpoint's own address", () => {
      expect(field(t, flow, synAck, "src")).toBe(endpoint);
      expect(hop(t, flow, `tcp.syn-ack@${client}`).type).toBe("deliver");
    });

    test("the client answers with a bare RST whose seq is the SYN-ACK's ack, addressed to the endpoint", () => {
      const rst = `tcp.rst@${client}`;
      expect(field(t, flow, rst, "tcp.flags")).toBe("RST");
      expect(field(t, flow, rst, "tcp.seq")).toBe(field(t, flow, `tcp.syn-ack@${client}`, "tcp.ack"));
      expect(field(t, flow, rst, "tcp.ack")).toBe("0");
      expect(field(t, flow, rst, "dst")).toBe(endpoint);
    });

    test("the flow ends at the client with REPLY_ADDRESS_MISMATCH, naming both addresses; no ACK follows", () => {
      expect(outcome(t, flow)).toEqual({ disposition: "REPLY_ADDRESS_MISMATCH", node: client, component: client });
      expect(hop(t, flow, `tcp.stray-reply@${client}`)).toMatchObject({ type: "step", details: { dialled, "reply from": endpoint } });
      expect(keys(t, flow).some((k) => k.startsWith("tcp.ack@"))).toBe(false);
    });

    test("in the real world the reply comes from the dialled address and the connection is made", () => {
      const r = real();
      expect(field(r, flow, `tcp.syn-ack@${client}`, "src")).toBe(dialled);
      expect(hasKey(r, flow, `tcp.rst@${client}`)).toBe(false);
      expect(outcome(r, flow).disposition).toBe("DELIVERED");
    });
  });

  test("the disposition has learner-facing words and a concept", () => {
    expect(DISPOSITION_TEXT.REPLY_ADDRESS_MISMATCH).toMatch(/did not dial/);
    expect(dispositionConcept("REPLY_ADDRESS_MISMATCH")).toBe("nat");
  });
});
