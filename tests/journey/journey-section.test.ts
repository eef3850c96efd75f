/**
 * The journey view rendered on the server (react-dom/server) with real traces: the diagram with
 * its highlights, the step list, and the inspector's layers, decisions and provenance.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { JourneySection } from "@/components/journey/journey-section";
import type { JourneyProps } from "@/components/journey/types";
import { layoutDiagram } from "@/lib/diagram/layout";
import { simulate, variantOf } from "@/lib/simulate";
import { scenario } from "../helpers/scenarios";

function propsFor(id: string, extra: Partial<JourneyProps> = {}): JourneyProps {
  const s = scenario(id);
  const instance = variantOf(s, 0);
  const diagram = layoutDiagram(instance.input.network, instance.file.zones, instance.file.flows[0]!.from);
  const trace = simulate(s, { seed: 0 });
  return { diagram, flows: trace.flows.map((f) => ({ id: f.id, title: f.title, outcome: f.outcome, events: f.events })), ...extra };
}

/** The HTML as text a person would read: tags out, entities decoded, whitespace collapsed. */
function render(props: JourneyProps): { html: string; text: string } {
  const html = renderToString(createElement(JourneySection, props)).replace(/<!-- -->/g, "");
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { html, text };
}

/** The inspector's part of the page (after the step list). */
const inspector = (html: string) => html.slice(html.indexOf('data-testid="layer-inspector"'));

describe("JourneySection server render", () => {
  test("opens the given hop: layers, then the node's decisions with their provenance", () => {
    const { html } = render(propsFor("browser-to-google", { initialFlow: "first-visit", initialKey: "dns.query@home-router" }));
    const panel = inspector(html);
    expect(html).toContain('data-testid="topology-diagram"');
    expect(panel).toContain('data-key="dns.query@home-router"');
    const layers = [...panel.matchAll(/data-layer="([a-z]+)"/g)].map((m) => m[1]);
    expect(layers).toEqual(["event", "eth", "ip", "udp", "dns", "decisions"]);
    for (const text of ["Ethernet II", "Internet Protocol version 4", "User Datagram Protocol", "Domain Name System", "Decisions at Home router (NAT)"]) {
      expect(panel).toContain(text);
    }
    const decisions = [...panel.matchAll(/data-decision="([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(decisions).toEqual(["ttl", "route", "snat", "arp", "l2-rewrite"]);
    expect(panel).toContain("Source NAT: 192.168.1.10:52431 becomes 203.0.113.50:10001.");
    expect(panel).toContain("home-router main");
    expect(panel).toContain("default via 203.0.113.1");
    expect(panel).toContain("RFC 791: TTL is decremented at every router");
  });

  test("the diagram highlights the packet's path so far and shows the packet at the current node", () => {
    const { html } = render(propsFor("browser-to-google", { initialFlow: "first-visit", initialKey: "dns.query@resolver" }));
    expect(html).toMatch(/data-link="isp-access:home-router:internet"/);
    expect(html).toMatch(/class="[^"]*current[^"]*" data-node="resolver"/);
    expect(html).toMatch(/class="[^"]*visited[^"]*" data-node="laptop"/);
    expect(html).toContain('data-testid="packet-dot"');
    expect(html).not.toContain('data-testid="drop-marker"');
  });

  test("a drop: a red cross with its disposition on the diagram, and the reason in the inspector", () => {
    const { html, text } = render(propsFor("browser-to-google", { initialFlow: "ttl-one", initialKey: "tcp.syn@home-router" }));
    expect(html).toContain('data-testid="drop-marker"');
    expect(html).not.toContain('data-testid="packet-dot"');
    expect(text).toContain("Dropped at Home router (NAT): TTL_EXCEEDED");
    expect(text).toContain("Dropped: TTL_EXCEEDED (blame: home-router )");
    expect(text).toContain("RFC 791/1812: a router discards a packet whose TTL reaches zero");
  });

  test("a route lookup lists every matching route and marks the longest prefix", () => {
    const props = propsFor("aws-private-subnet-nat", { initialFlow: "stateless-nacl", initialKey: "tcp.syn-ack@vpc-router~2" });
    const { text } = render(props);
    expect(text).toContain("Candidates (matching routes) 10.0.0.0/16 -> local longest prefix: chosen 0.0.0.0/0 -> igw-main");
    expect(text).toContain("DENIED_BY_NETWORK_ACL");
  });

  test("non-packet events are steps too, with their own fields and provenance", () => {
    const { text } = render(propsFor("browser-to-google", { initialFlow: "first-visit", initialKey: "nat@home-router" }));
    expect(text).toContain("NAT entry created at Home router (NAT)");
    expect(text).toContain("NAT details");
    expect(text).toContain("Translated 203.0.113.50:10001");
    expect(text).toContain("masquerade: SNAT out wan0 to 203.0.113.50");
    // Every event of the flow is in the step list, DNS steps and protocol steps included.
    for (const title of ["DNS browser cache at Your laptop", "Certificate chain verified (Your laptop)", "Parse https://google.com/ (Your laptop)"]) {
      expect(text).toContain(title);
    }
  });

  test("TLS: what an observer sees and what is encrypted", () => {
    const props = propsFor("browser-to-google");
    const serverHello = props.flows[0]!.events.find((e) => e.type === "hop" && e.packet.app?.protocol === "TLS" && e.packet.app.encrypted.length > 0)!;
    const { text } = render({ ...props, initialFlow: "first-visit", initialKey: serverHello.key });
    expect(text).toContain("Transport Layer Security 1.3");
    expect(text).toMatch(/Visible on the wire chosen version TLS 1\.3 visible/);
    expect(text).toMatch(/Encrypted EncryptedExtensions \(ALPN: h2\) only the two ends can read it encrypted Certificate \(\*\.google\.com -> GTS CA 1C3\)/);
  });

  test("several flows get a picker; one flow shows its title", () => {
    const many = render(propsFor("browser-to-google"));
    expect(many.html).toContain("<select");
    expect(many.text).toContain("Mistype the domain as googel.cmo");
    const props = propsFor("browser-to-google");
    const one = render({ ...props, flows: [props.flows[3]!] });
    expect(one.html).not.toContain("<select");
    expect(one.text).toContain("A probe with TTL 1 (what traceroute's first probe does)");
  });

  test("controls and keyboard help are there; with no flows it says so", () => {
    const { html, text } = render(propsFor("kubernetes-service-call"));
    expect(html).toContain('aria-label="Previous step"');
    expect(html).toContain('aria-label="Next step"');
    expect(html).toContain('type="range"');
    expect(text).toContain("Space play/pause");
    const props = propsFor("kubernetes-service-call");
    expect(render({ ...props, flows: [] }).text).toContain("There is no trace to show.");
  });
});
