/**
 * TCP (lib/engine/tcp.ts): sequence and acknowledgement numbers through the handshake, the TLS
 * flights, HTTP and the close (seq advances by the payload; SYN and FIN consume one each), and a
 * closed port answering RST.
 */
import { describe, expect, test } from "vitest";
import type { HopEvent, Trace } from "@/lib/engine/trace-types";
import { simulate } from "@/lib/simulate";
import { scenario } from "../helpers/scenarios";
import { browse, events, field, flow, homeNetwork, hop, loadBalancerSite, outcome, probe, request, trace } from "../helpers/fixture";

const num = (t: Trace, flowId: string, key: string, name: string) => Number(field(t, flowId, key, name));

/**
 * Checks every segment of one connection as its sender wrote it (the `send` hops, before any NAT
 * on the way): seq is where that side's byte stream has got to, ack is where the other side's has
 * got to. Returns the problems found and how many segments were checked.
 */
function checkConnection(t: Trace, flowId: string, belongs: (label: string) => boolean): { problems: string[]; checked: number } {
  const sends = events(t, flowId, "hop").filter((e) => e.action === "send" && e.packet.tcp !== undefined && belongs(e.label));
  const problems: string[] = [];
  const next = new Map<string, number>();
  const clientNode = sends[0]?.node;
  for (const e of sends) {
    const tcp = e.packet.tcp!;
    const me = e.node === clientNode ? "client" : "server";
    const peer = me === "client" ? "server" : "client";
    if (!next.has(me)) next.set(me, tcp.seq); // the first segment seen (the SYN, or data on a kept-alive connection)
    if (tcp.seq !== next.get(me)) problems.push(`${e.key}: seq ${tcp.seq}, expected ${next.get(me)}`);
    const isFirstSyn = tcp.flags.includes("SYN") && !tcp.flags.includes("ACK");
    if (!isFirstSyn && next.has(peer) && tcp.ack !== next.get(peer)) problems.push(`${e.key}: ack ${tcp.ack}, expected ${next.get(peer)}`);
    if (isFirstSyn && tcp.ack !== 0) problems.push(`${e.key}: a first SYN acknowledges nothing`);
    const consumed = tcp.payloadBytes + (tcp.flags.includes("SYN") ? 1 : 0) + (tcp.flags.includes("FIN") ? 1 : 0);
    next.set(me, (tcp.seq + consumed) >>> 0);
    // The peer's first ack tells us where its view of our stream starts, for a connection whose SYN we did not see.
    if (!next.has(peer) && !isFirstSyn) next.set(peer, tcp.ack);
  }
  return { problems, checked: sends.length };
}

const plain = (label: string) => /^(tcp|tls|http|ssh)\./.test(label);
const prefixed = (p: string) => (label: string) => label.startsWith(p);

describe("TCP", () => {
  describe("the numbers of an HTTPS visit, with ISNs 1000 (client) and 5000 (server)", () => {
    const t = trace(homeNetwork({ serverIsn: 5000, flows: [flow("f", "laptop", [browse("https://example.com/", { isn: 1000, http: "2" })])] }));
    const len = (key: string) => num(t, "f", key, "packet.tcp.payloadBytes");

    test.each([
      ["SYN", "tcp.syn@laptop", "SYN", 1000, 0, 0],
      ["SYN-ACK: the SYN consumed one", "tcp.syn-ack@web", "SYN ACK", 5000, 1001, 0],
      ["ACK", "tcp.ack@laptop", "ACK", 1001, 5001, 0],
      ["ClientHello: the first data starts right after the SYN", "tls.client-hello@laptop", "ACK PSH", 1001, 5001, 517],
      ["ServerHello flight", "tls.server-hello@web", "ACK PSH", 5001, 1518, 1777],
      ["client Finished", "tls.client-finished@laptop", "ACK PSH", 1518, 6778, 80],
      ["HTTP request", "http.request@laptop", "ACK PSH", 1598, 6778, null],
    ])("%s: %s flags %s seq %i ack %i", (_label, key, flags, seq, ack, payload) => {
      expect(field(t, "f", key, "tcp.flags")).toBe(flags);
      expect(num(t, "f", key, "tcp.seq")).toBe(seq);
      expect(num(t, "f", key, "tcp.ack")).toBe(ack);
      if (payload !== null) expect(len(key)).toBe(payload);
    });

    test("the response and the close continue the arithmetic", () => {
      const req = len("http.request@laptop");
      const res = len("http.response@web");
      expect(req).toBeGreaterThan(0);
      expect([num(t, "f", "http.response@web", "tcp.seq"), num(t, "f", "http.response@web", "tcp.ack")]).toEqual([6778, 1598 + req]);
      expect([num(t, "f", "tcp.fin@laptop", "tcp.seq"), num(t, "f", "tcp.fin@laptop", "tcp.ack")]).toEqual([1598 + req, 6778 + res]);
      expect([num(t, "f", "tcp.fin-ack@web", "tcp.seq"), num(t, "f", "tcp.fin-ack@web", "tcp.ack")]).toEqual([6778 + res, 1598 + req + 1]);
      expect([num(t, "f", "tcp.last-ack@laptop", "tcp.seq"), num(t, "f", "tcp.last-ack@laptop", "tcp.ack")]).toEqual([1598 + req + 1, 6778 + res + 1]);
    });

    test("NAT does not touch the numbers", () => {
      for (const key of ["tcp.syn", "tls.client-hello", "http.request", "tcp.fin"]) {
        expect(field(t, "f", `${key}@home-router`, "tcp.seq")).toBe(field(t, "f", `${key}@laptop`, "tcp.seq"));
      }
    });

    test("seq refs count from the ISN symbols", () => {
      expect((hop(t, "f", "http.request@laptop") as HopEvent).refs["tcp.seq"]).toEqual({ symbol: "isn:f/browse:client", offset: 598 });
      expect((hop(t, "f", "http.request@laptop") as HopEvent).refs["tcp.ack"]).toEqual({ symbol: "isn:f/browse:server", offset: 1778 });
      expect(t.symbols["isn:f/browse:client"]).toMatchObject({ value: "1000", free: null });
    });

    test("a seeded ISN is a free 32-bit symbol", () => {
      const seeded = trace(homeNetwork({ flows: [flow("f", "laptop", [request("198.51.100.10", 80)])] }));
      expect(seeded.symbols["isn:f/request:client"]?.free).toMatchObject({ kind: "range", min: 0, max: 4294967295 });
    });
  });

  describe("the invariant holds for every connection, segment by segment", () => {
    const google = simulate(scenario("browser-to-google"), { seed: 0 });
    const bastion = simulate(scenario("ssh-via-bastion"), { seed: 0 });
    const cdn = simulate(scenario("https-through-cdn"), { seed: 0 });
    const l7 = trace(loadBalancerSite());
    test.each<[string, Trace, string, (label: string) => boolean, number]>([
      ["home network, plain HTTP", trace(homeNetwork({ flows: [flow("f", "laptop", [request("198.51.100.10", 80)])] })), "f", plain, 8],
      ["home network, HTTPS over HTTP/2", trace(homeNetwork({ flows: [flow("f", "laptop", [browse("https://example.com/", { http: "2" })])] })), "f", plain, 11],
      ["browser-to-google first visit (through an L4 balancer)", google, "first-visit", plain, 11],
      ["L4 balancer fixture", trace(loadBalancerSite({ layer: 4 })), "call", plain, 8],
      ["L7 balancer: client connection", l7, "call", plain, 8],
      ["L7 balancer: the balancer's own connection", l7, "call", prefixed("backend."), 5],
      ["bastion: laptop -> bastion", bastion, "proxyjump", prefixed("jump."), 19],
      ["bastion: bastion -> database", bastion, "proxyjump", prefixed("target."), 10],
      ["CDN: the edge's kept-alive connection to the origin", cdn, "first-request", prefixed("origin."), 2],
    ])("%s", (_label, t, flowId, belongs, atLeast) => {
      const { problems, checked } = checkConnection(t, flowId, belongs);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThanOrEqual(atLeast);
    });

    test("the checker does catch a world where the SYN consumes nothing", () => {
      const wrong = trace(homeNetwork({ flows: [flow("f", "laptop", [request("198.51.100.10", 80)])] }), 0, { "syn-consumes-seq": false });
      expect(checkConnection(wrong, "f", plain).problems.length).toBeGreaterThan(0);
    });
  });

  describe("a closed port answers RST: PORT_CLOSED", () => {
    const t = trace(homeNetwork({ flows: [flow("f", "laptop", [probe("198.51.100.10", 22, { srcPort: 50000 })])] }));
    test("the flow ends at the server", () => {
      expect(outcome(t, "f")).toEqual({ disposition: "PORT_CLOSED", node: "web", component: "web" });
    });
    test("the RST acknowledges the SYN and comes back through the NAT to the laptop", () => {
      expect(field(t, "f", "tcp.rst@web", "tcp.flags")).toBe("ACK RST");
      expect(num(t, "f", "tcp.rst@web", "tcp.ack")).toBe(num(t, "f", "tcp.syn@laptop", "tcp.seq") + 1);
      expect(field(t, "f", "tcp.rst@web", "dst")).toBe("203.0.113.50:10001");
      expect(hop(t, "f", "tcp.rst@laptop").type).toBe("deliver");
      expect(field(t, "f", "tcp.rst@laptop", "dst")).toBe("192.168.1.10:50000");
    });
    test("no SYN-ACK, and a step that says the connection was refused", () => {
      expect(events(t, "f").some((e) => e.key.startsWith("tcp.syn-ack"))).toBe(false);
      expect(hop(t, "f", "tcp.refused@web")).toMatchObject({ type: "step", protocol: "TCP", title: "Connection refused" });
    });
  });
});

describe("tcp.established names the address the client dialled", () => {
  test.each([
    { label: "a ClusterIP (kubernetes-service-call): the Service address, with the pod that answered beside it", id: "kubernetes-service-call", dnat: true },
    { label: "a plain server (two-offices-same-subnet): no second address", id: "two-offices-same-subnet", dnat: false },
  ])("$label", ({ id, dnat }) => {
    const t = simulate(scenario(id), { seed: 0 });
    let checked = 0;
    for (const f of t.flows) {
      const syn = f.events.find((e): e is HopEvent => e.type === "hop" && e.label === "tcp.syn" && e.action === "send");
      const established = f.events.find((e) => e.type === "step" && e.title === "Connection established");
      if (!syn || !established || established.type !== "step") continue;
      expect(established.details.server).toBe(`${syn.packet.ip!.dst}:${syn.packet.tcp!.dstPort}`);
      expect(established.details["answered by"] !== undefined).toBe(dnat);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
