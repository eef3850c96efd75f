/** The journey's model of a flow: step titles, the packet's position and path, where to start, the inspector's layers. */
import { describe, expect, test } from "vitest";
import { eventFields, packetSections, provenanceView } from "@/components/journey/inspector-model";
import { describeStep, formatTime, initialPosition, journeySteps, packetLine, packetStateAt } from "@/components/journey/journey-steps";
import { layoutDiagram } from "@/lib/diagram/layout";
import type { FlowTrace, TraceEvent } from "@/lib/engine/trace-types";
import { simulate, variantOf } from "@/lib/simulate";
import { scenario } from "../helpers/scenarios";

function setup(id: string) {
  const s = scenario(id);
  const instance = variantOf(s, 0);
  const diagram = layoutDiagram(instance.input.network, instance.file.zones, instance.file.flows[0]!.from);
  const trace = simulate(s, { seed: 0 });
  const labels = new Map(diagram.nodes.map((n) => [n.id, n.label]));
  const flow = (fid: string): FlowTrace => trace.flows.find((f) => f.id === fid)!;
  const event = (fid: string, key: string): TraceEvent => flow(fid).events.find((e) => e.key === key)!;
  return { diagram, trace, labels, flow, event };
}

const google = setup("browser-to-google");
const aws = setup("aws-private-subnet-nat");

describe("describeStep: one title per kind of event", () => {
  test.each([
    { label: "a packet sent", key: "dns.query@laptop", badge: "SEND", tone: "send", title: "dns.query: sent by Your laptop", detail: /^UDP 192\.168\.1\.10:52431 → 8\.8\.8\.8:53 · DNS query google\.com A/ },
    { label: "a packet forwarded", key: "dns.query@home-router", badge: "FORWARD", tone: "forward", title: "dns.query: forwarded by Home router (NAT)", detail: /^UDP 203\.0\.113\.50:10001 → 8\.8\.8\.8:53/ },
    { label: "a packet delivered", key: "dns.query@resolver", badge: "DELIVER", tone: "deliver", title: "dns.query: delivered to Google Public DNS (8.8.8.8)", detail: /DNS query/ },
    { label: "an ARP request", key: "arp.request@laptop", badge: "ARP", tone: "note", title: "ARP request from Your laptop", detail: /who-has 192\.168\.1\.1\? tell 192\.168\.1\.10/ },
    { label: "a NAT entry", key: "nat@home-router", badge: "NAT", tone: "note", title: "NAT entry created at Home router (NAT)", detail: /UDP 192\.168\.1\.10:52431 → 203\.0\.113\.50:10001 ↔ 8\.8\.8\.8:53/ },
    { label: "a DNS cache miss", key: "dns.browser-cache@laptop", badge: "DNS", tone: "note", title: "DNS browser cache at Your laptop", detail: /google\.com: MISS/ },
    { label: "a protocol step", key: "tls.verify@laptop", badge: "TLS", tone: "note", title: "Certificate chain verified (Your laptop)", detail: /chain: \*\.google\.com -> GTS CA 1C3/ },
    { label: "time passing", key: "http.exchange@laptop", badge: "TIME", tone: "note", title: "GET /: 200 in 24.4 ms (Your laptop)", detail: /elapsedMs: 24\.4/ },
  ])("$label", ({ key, badge, tone, title, detail }) => {
    const step = describeStep(google.event("first-visit", key), google.labels);
    expect(step).toMatchObject({ key, badge, tone, title });
    expect(step.detail).toMatch(detail);
  });

  test("a drop names its disposition", () => {
    const step = describeStep(google.event("ttl-one", "tcp.syn@home-router"), google.labels);
    expect(step).toMatchObject({ badge: "DROP", tone: "drop", packet: true, title: "tcp.syn: dropped at Home router (NAT) (TTL_EXCEEDED)" });
  });

  test("a cache lookup shows its status", () => {
    const cdn = setup("https-through-cdn");
    const e = cdn.flow("first-request").events.find((x) => x.type === "cache")!;
    expect(describeStep(e, cdn.labels)).toMatchObject({ badge: "CACHE", title: expect.stringMatching(/^Cache MISS at /) });
  });

  test("every event of every flow becomes a step, in order, packets marked", () => {
    for (const f of google.trace.flows) {
      const steps = journeySteps(f, google.labels);
      expect(steps.map((s) => s.index)).toEqual(f.events.map((e) => e.index));
      expect(steps.filter((s) => s.packet).length).toBe(f.events.filter((e) => ["hop", "deliver", "drop"].includes(e.type)).length);
    }
  });
});

describe("packetStateAt: where the packet is and what it crossed", () => {
  const events = google.flow("first-visit").events;
  const at = (key: string) => events.findIndex((e) => e.key === key);

  test.each([
    { label: "before any packet: nowhere", index: 0, node: null, from: null, visited: [], active: [] },
    { label: "sent: resting at the sender", index: at("dns.query@laptop"), node: "laptop", from: null, visited: ["laptop"], active: [] },
    {
      label: "forwarded: it moved from the laptop across the home Wi-Fi",
      index: at("dns.query@home-router"), node: "home-router", from: "laptop", visited: ["laptop", "home-router"], active: ["home-wifi:home-router:laptop"],
    },
    {
      label: "a note after a move: the packet rests, no link is active",
      index: at("dns.resolver-cache@resolver"), node: "resolver", from: null, visited: ["laptop", "home-router", "internet", "resolver"], active: [],
    },
    {
      label: "delivered: the whole path of this packet",
      index: at("dns.query@resolver"), node: "resolver", from: "internet", visited: ["laptop", "home-router", "internet", "resolver"], active: ["to-resolver:internet:resolver"],
    },
    {
      label: "a new packet starts a new path",
      index: at("dns.root-query@resolver"), node: "resolver", from: null, visited: ["resolver"], active: [],
    },
  ])("$label", ({ index, node, from, visited, active }) => {
    const state = packetStateAt(events, google.diagram, index);
    expect(state.node).toBe(node);
    expect(state.from).toBe(from);
    expect(state.visited).toEqual(visited);
    expect(state.active).toEqual(active);
    expect(state.drop).toBeNull();
  });

  test("the links crossed so far grow with the packet's path", () => {
    const state = packetStateAt(events, google.diagram, at("dns.query@resolver"));
    expect(state.crossed).toEqual(["home-wifi:home-router:laptop", "isp-access:home-router:internet", "to-resolver:internet:resolver"]);
  });

  test.each([
    { label: "TTL 1 dies at the home router", setup: google, flow: "ttl-one", node: "home-router", disposition: "TTL_EXCEEDED" },
    { label: "the internet drops a private destination", setup: aws, flow: "internet-to-private-ip", node: "internet", disposition: "NOT_ROUTABLE_ON_INTERNET" },
    { label: "a security group drops SSH", setup: aws, flow: "blocked-by-security-group", node: "app-server", disposition: "DENIED_BY_SECURITY_GROUP" },
  ])("a drop: $label", ({ setup: s, flow, node, disposition }) => {
    const evs = s.flow(flow).events;
    const drop = evs.findIndex((e) => e.type === "drop");
    const state = packetStateAt(evs, s.diagram, drop);
    expect(state.drop).toEqual({ node, disposition });
    expect(state.node).toBe(node);
    // Steps after the drop still show it.
    expect(packetStateAt(evs, s.diagram, evs.length - 1).drop ?? state.drop).toEqual({ node, disposition });
  });

  test("out-of-range indexes are safe", () => {
    expect(packetStateAt(events, google.diagram, 10_000)).toEqual(packetStateAt(events, google.diagram, events.length - 1));
    expect(packetStateAt(events, google.diagram, -1).node).toBeNull();
    expect(packetStateAt([], google.diagram, 3).node).toBeNull();
  });
});

describe("initialPosition", () => {
  const flows = google.trace.flows;
  const index = (flow: number, key: string) => flows[flow]!.events.findIndex((e) => e.key === key);
  test.each([
    { label: "nothing given: the start of the first flow", flow: undefined, key: undefined, expected: { flow: 0, step: 0 } },
    { label: "a flow: its start", flow: "typo", key: undefined, expected: { flow: 2, step: 0 } },
    { label: "a flow and a hop: that hop", flow: "first-visit", key: "tcp.syn@home-router", expected: { flow: 0, step: index(0, "tcp.syn@home-router") } },
    { label: "a hop in another flow", flow: "ttl-one", key: "tcp.syn@home-router", expected: { flow: 3, step: index(3, "tcp.syn@home-router") } },
    { label: "an unknown flow: the first flow", flow: "nope", key: "tcp.syn@home-router", expected: { flow: 0, step: index(0, "tcp.syn@home-router") } },
    { label: "an unknown key: the flow's start", flow: "first-visit", key: "nope@nowhere", expected: { flow: 0, step: 0 } },
  ])("$label", ({ flow, key, expected }) => {
    expect(initialPosition(flows, flow, key)).toEqual(expected);
  });

  test("no flows at all", () => {
    expect(initialPosition([], "x", "y")).toEqual({ flow: 0, step: 0 });
  });
});

describe("packetSections: the layers, outermost first", () => {
  test.each([
    { label: "a DNS query over UDP", flow: "first-visit", key: "dns.query@laptop", layers: ["eth", "ip", "udp", "dns"] },
    { label: "a TCP SYN", flow: "first-visit", key: "tcp.syn@laptop", layers: ["eth", "ip", "tcp"] },
    { label: "a TLS ClientHello", flow: "first-visit", key: "tls.client-hello@laptop", layers: ["eth", "ip", "tcp", "tls"] },
    { label: "an HTTP/2 request", flow: "first-visit", key: "http.request@laptop", layers: ["eth", "ip", "tcp", "http"] },
    { label: "an ARP request", flow: "first-visit", key: "arp.request@laptop", layers: ["eth", "arp"] },
  ])("$label", ({ flow, key, layers }) => {
    const e = google.event(flow, key);
    if (!("packet" in e) || !e.packet) throw new Error("not a packet event");
    expect(packetSections(e.packet).map((s) => s.id)).toEqual(layers);
  });

  test("Ethernet, IPv4 and TCP fields", () => {
    const e = google.event("first-visit", "tcp.syn@laptop");
    const sections = packetSections((e as Extract<TraceEvent, { type: "hop" }>).packet);
    const field = (id: string, name: string) => sections.find((s) => s.id === id)!.fields.find((f) => f.name === name)?.value;
    expect(field("eth", "Source MAC")).toBe("AA:BB:CC:DD:EE:FF");
    expect(field("eth", "Destination MAC")).toBe("12:22:33:44:55:66");
    expect(field("ip", "TTL")).toBe("64");
    expect(field("ip", "Protocol")).toBe("TCP");
    expect(field("tcp", "Flags")).toBe("SYN");
    expect(field("tcp", "Sequence number")).toBe("100");
    expect(field("tcp", "Acknowledgment number")).toBe("0 (not used: no ACK flag)");
  });

  test("TLS: what is visible and what is encrypted", () => {
    const hello = packetSections((google.event("first-visit", "tls.client-hello@laptop") as Extract<TraceEvent, { type: "hop" }>).packet).find((s) => s.id === "tls")!;
    expect(hello.groups![0]!.fields).toContainEqual({ name: "server name (SNI)", value: "google.com", tone: "visible" });
    const server = google.flow("first-visit").events.find((e) => e.type === "hop" && e.packet.app?.protocol === "TLS" && e.packet.app.encrypted.length > 0) as Extract<TraceEvent, { type: "hop" }>;
    const tls = packetSections(server.packet).find((s) => s.id === "tls")!;
    expect(tls.groups![1]!.fields.map((f) => f.tone)).toEqual(tls.groups![1]!.fields.map(() => "encrypted"));
  });

  test("HTTP inside TLS is marked encrypted, with its headers", () => {
    const http = packetSections((google.event("first-visit", "http.request@laptop") as Extract<TraceEvent, { type: "hop" }>).packet).find((s) => s.id === "http")!;
    expect(http.fields).toContainEqual({ name: ":method", value: "GET", tone: "encrypted" });
    expect(http.fields).toContainEqual({ name: ":authority", value: "google.com", tone: "encrypted" });
    expect(http.groups![0]!.fields.map((f) => f.name)).toContain("user-agent");
    expect(http.note).toMatch(/Inside TLS/);
  });

  test("DNS responses list answers, authority and additional records", () => {
    const referral = google.flow("first-visit").events.find((e) => e.type === "hop" && e.packet.app?.protocol === "DNS" && e.packet.app.authority.length > 0) as Extract<TraceEvent, { type: "hop" }>;
    const dns = packetSections(referral.packet).find((s) => s.id === "dns")!;
    expect(dns.groups!.map((g) => g.title)).toEqual(["Answers", "Authority", "Additional"]);
    expect(dns.groups![1]!.fields[0]).toEqual({ name: "com NS", value: "a.gtld-servers.net (TTL 172800 s)" });
  });

  test("packetLine summarises a packet", () => {
    const e = google.event("first-visit", "tcp.syn@laptop") as Extract<TraceEvent, { type: "hop" }>;
    expect(packetLine(e.packet)).toBe("TCP SYN 192.168.1.10:52432 → 142.250.190.46:443");
  });
});

describe("provenance and event fields", () => {
  test.each([
    { label: "a route lists its candidates, the chosen one marked", p: { kind: "route", table: "rt", entry: "10.0.0.0/16 -> local", prefix: "10.0.0.0/16", candidates: ["10.0.0.0/16 -> local", "0.0.0.0/0 -> igw"] }, heading: "Route table", candidates: [true, false] },
    { label: "a rule", p: { kind: "rule", ruleset: "app-sg", rule: "no inbound rule matches" }, heading: "Rule", candidates: undefined },
    { label: "a table entry", p: { kind: "table-entry", table: "NAT table", entry: "TCP a -> b -> c" }, heading: "Table entry", candidates: undefined },
    { label: "a protocol rule", p: { kind: "protocol", rule: "RFC 791" }, heading: "Protocol rule", candidates: undefined },
    { label: "configuration", p: { kind: "config", node: "laptop", setting: "nameserver 8.8.8.8" }, heading: "Configuration", candidates: undefined },
  ] as const)("$label", ({ p, heading, candidates }) => {
    const view = provenanceView(p);
    expect(view.label).toBe(heading);
    expect(view.candidates?.map((c) => c.chosen)).toEqual(candidates);
  });

  test("a NAT event shows its entry", () => {
    const fields = eventFields(google.event("first-visit", "nat@home-router"));
    expect(fields).toContainEqual({ name: "Translated", value: "203.0.113.50:10001" });
    expect(fields).toContainEqual({ name: "Kind", value: "SNAT" });
  });

  test.each([
    [0, "0 ms"],
    [13, "13 ms"],
    [0.45, "0.45 ms"],
    [112.2, "112.2 ms"],
    [21.123, "21.12 ms"],
  ])("formatTime(%s) = %s", (t, text) => {
    expect(formatTime(t)).toBe(text);
  });
});
