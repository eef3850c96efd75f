/**
 * The source text's facts (/work/shared/seed/000_2f4892712e71d965.txt, "Real-World Networking
 * Scenarios"), checked hop by hop, forward and back, in the six scenarios at seed 0 (variant 0 is
 * written with the source's own numbers).
 *
 * Each row is [what the source says, flow, hop key, field, expected]. Fields are those of the
 * trace (lib/engine/fields.ts eventField), plus a few readers defined below for values that are
 * lists or decisions. Where our model refines the source (the scenario's `simplifications` say
 * why), the row checks our model's value and a comment names the refinement.
 */
import { describe, expect, test } from "vitest";
import { eventField } from "@/lib/engine/fields";
import type { Provenance, Trace, TraceEvent } from "@/lib/engine/trace-types";
import { simulate } from "@/lib/simulate";
import { scenario } from "../helpers/scenarios";
import { flowOf, hop } from "../helpers/fixture";

type Row = [label: string, flow: string, key: string, field: string, expected: string | RegExp];
type OutcomeRow = [label: string, flow: string, disposition: string, node: string, component: string];

/**
 * A field of an event. Beyond eventField's names:
 * - `app.<path>`: the packet's application message (lists joined with ", ");
 * - `decision:<kind>`: the entry or rule behind the event's first decision of that kind;
 * - `route.table`, `route.candidates`, `route.reason`: the route decision's table, candidates ("; ") and sentence.
 */
function read(e: TraceEvent, name: string): string | null {
  const decisionsOf = "decisions" in e ? e.decisions : [];
  if (name.startsWith("app.")) {
    let cur: unknown = "packet" in e ? e.packet?.app : undefined;
    for (const part of name.slice(4).split(".")) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[part] : undefined;
    if (cur === undefined || cur === null) return null;
    return Array.isArray(cur) ? cur.map((x) => (Array.isArray(x) ? x.join(": ") : String(x))).join(", ") : String(cur);
  }
  if (name.startsWith("decision:")) {
    const p = decisionsOf.find((d) => d.kind === name.slice("decision:".length))?.provenance;
    if (!p) return null;
    return "entry" in p ? p.entry : "rule" in p ? p.rule : null;
  }
  const decision = decisionsOf.find((d) => d.kind === "route");
  const route = decision?.provenance as Extract<Provenance, { kind: "route" }> | undefined;
  if (name === "route.reason") return decision?.reason ?? null;
  if (name === "route.table") return route?.table ?? null;
  if (name === "route.candidates") return route ? route.candidates.join("; ") : null;
  return eventField(e, name);
}

function checkRows(t: Trace, rows: Row[]): void {
  test.each(rows)("%s  [%s: %s %s]", (_label, flowId, key, name, expected) => {
    const value = read(hop(t, flowId, key), name);
    if (expected instanceof RegExp) expect(value).toMatch(expected);
    else expect(value).toBe(expected);
  });
}

function checkOutcomes(t: Trace, rows: OutcomeRow[]): void {
  test.each(rows)("%s  [%s]", (_label, flowId, disposition, node, component) => {
    const { outcome } = flowOf(t, flowId);
    expect({ disposition: outcome.disposition, node: outcome.node, component: outcome.component }).toEqual({ disposition, node, component });
  });
}

const run = (id: string): Trace => simulate(scenario(id), { seed: 0 });

describe("source facts", () => {
  describe("Scenario 1: typing google.com in your browser (browser-to-google)", () => {
    const t = run("browser-to-google");
    const F = "first-visit";
    describe("the setup", () => {
      checkRows(t, [
        ["laptop at home is 192.168.1.10", F, "tcp.syn@laptop", "ip.src", "192.168.1.10"],
        ["the router is 192.168.1.1 (next hop of the laptop's default route)", F, "tcp.syn@laptop", "nextHop", "192.168.1.1"],
        ["the laptop is on 192.168.1.0/24 (the router's connected route on the way back)", F, "tcp.syn-ack@home-router", "route.match", "192.168.1.0/24"],
        ["the public IP is 203.0.113.50", F, "tcp.syn@home-router", "ip.src", "203.0.113.50"],
      ]);
    });
    describe("the browser parses the URL", () => {
      checkRows(t, [
        ["protocol HTTPS", F, "url.parse@laptop", "details.scheme", "https"],
        ["port 443", F, "url.parse@laptop", "details.port", "443"],
        ["host google.com", F, "url.parse@laptop", "details.host", "google.com"],
        ["path / (root)", F, "url.parse@laptop", "details.path", "/"],
      ]);
    });
    describe("DNS resolution", () => {
      checkRows(t, [
        ["browser cache: google.com not found", F, "dns.browser-cache@laptop", "result", "MISS"],
        ["OS cache: google.com not found", F, "dns.os-cache@laptop", "result", "MISS"],
        ["the query leaves the PC from 192.168.1.10:52431", F, "dns.query@laptop", "src", "192.168.1.10:52431"],
        ["a query for google.com", F, "dns.query@laptop", "dns.question", "google.com"],
        ["to the ISP's resolver 8.8.8.8", F, "dns.query@laptop", "dst", "8.8.8.8:53"],
        ["via the router (192.168.1.1's MAC)", F, "dns.query@laptop", "eth.dst", "12:22:33:44:55:66"],
        ["NAT translation: the inside address", F, "nat@home-router", "entry.inside", "192.168.1.10:52431"],
        ["NAT translation: to the public IP 203.0.113.50:10001", F, "nat@home-router", "entry.translated", "203.0.113.50:10001"],
        ["NAT translation: towards 8.8.8.8", F, "nat@home-router", "entry.outside", "8.8.8.8:53"],
        ["the query leaves the router as 203.0.113.50:10001", F, "dns.query@home-router", "src", "203.0.113.50:10001"],
        ["it reaches the resolver from the public address", F, "dns.query@resolver", "src", "203.0.113.50:10001"],
        ["resolver -> root server: where's .com?", F, "dns.iterative-query@resolver", "result", "asks a.root-servers.net (198.41.0.4)"],
        ["the root query is sent to the root server", F, "dns.root-query@resolver", "dst", "198.41.0.4:53"],
        ["root -> resolver: try the TLD servers at a.gtld-servers.net", F, "dns.referral@resolver", "result", "com -> a.gtld-servers.net (192.5.6.30)"],
        ["the root's answer is a referral (authority record)", F, "dns.root-response@root-server", "app.authority.0.data", "a.gtld-servers.net"],
        ["resolver -> .com TLD: where's google.com?", F, "dns.tld-query@resolver", "dns.question", "google.com"],
        ["the TLD query goes to a .com server", F, "dns.tld-query@resolver", "dst", "192.5.6.30:53"],
        ["TLD -> resolver: try ns1.google.com", F, "dns.referral@resolver~2", "result", "google.com -> ns1.google.com (216.239.32.10)"],
        ["resolver -> ns1.google.com: what's google.com's A record?", F, "dns.auth-query@resolver", "dns.question", "google.com"],
        ["asked of ns1.google.com", F, "dns.iterative-query@resolver~3", "result", "asks ns1.google.com (216.239.32.10)"],
        ["ns1.google.com -> resolver: 142.250.190.46", F, "dns.auth-response@google-dns", "dns.answer", "142.250.190.46"],
        ["it is an A record", F, "dns.auth-response@google-dns", "app.answers.0.type", "A"],
        ["the resolver caches it for the TTL", F, "dns.answer@resolver", "result", "142.250.190.46 (TTL 300 s)"],
        ["resolver -> your PC: 142.250.190.46", F, "dns.response@laptop", "dns.answer", "142.250.190.46"],
        ["the answer comes back to 192.168.1.10:52431 (reverse NAT)", F, "dns.response@laptop", "dst", "192.168.1.10:52431"],
        ["from 8.8.8.8", F, "dns.response@laptop", "src", "8.8.8.8:53"],
        ["the PC caches it for the TTL", F, "dns.cache-fill@laptop", "result", "142.250.190.46 for 300 s"],
      ]);
    });
    describe("TCP three-way handshake", () => {
      checkRows(t, [
        ["SYN from 192.168.1.10:52432", F, "tcp.syn@laptop", "src", "192.168.1.10:52432"],
        ["to 142.250.190.46:443", F, "tcp.syn@laptop", "dst", "142.250.190.46:443"],
        ["SYN", F, "tcp.syn@laptop", "tcp.flags", "SYN"],
        ["SYN seq=100", F, "tcp.syn@laptop", "tcp.seq", "100"],
        ["SYN-ACK", F, "tcp.syn-ack@laptop", "tcp.flags", "SYN ACK"],
        ["SYN-ACK seq=300", F, "tcp.syn-ack@laptop", "tcp.seq", "300"],
        ["SYN-ACK ack=101", F, "tcp.syn-ack@laptop", "tcp.ack", "101"],
        ["SYN-ACK from Google 142.250.190.46:443", F, "tcp.syn-ack@laptop", "src", "142.250.190.46:443"],
        ["ACK", F, "tcp.ack@laptop", "tcp.flags", "ACK"],
        ["ACK seq=101", F, "tcp.ack@laptop", "tcp.seq", "101"],
        ["ACK ack=301", F, "tcp.ack@laptop", "tcp.ack", "301"],
        ["connection established (client ISN 100)", F, "tcp.established@laptop", "details.client ISN", "100"],
        ["connection established (server ISN 300)", F, "tcp.established@laptop", "details.server ISN", "300"],
      ]);
    });
    describe("the NAT table entry at the router", () => {
      checkRows(t, [
        ["192.168.1.10:52432 ->", F, "nat@home-router~2", "entry.inside", "192.168.1.10:52432"],
        ["-> 203.0.113.50:10002 ->", F, "nat@home-router~2", "entry.translated", "203.0.113.50:10002"],
        ["-> 142.250.190.46:443", F, "nat@home-router~2", "entry.outside", "142.250.190.46:443"],
        ["the SYN leaves the router as 203.0.113.50:10002", F, "tcp.syn@home-router", "src", "203.0.113.50:10002"],
        ["Google sees the public address", F, "tcp.syn@gfe-2", "src", "203.0.113.50:10002"],
      ]);
    });
    describe("TLS handshake", () => {
      checkRows(t, [
        ["ClientHello", F, "tls.client-hello@laptop", "app.messages", "ClientHello"],
        // Refinement (simplifications): the first data segment after the handshake is the ClientHello, with seq=101 ack=301.
        ["ClientHello seq=101 (the first data segment)", F, "tls.client-hello@laptop", "tcp.seq", "101"],
        ["ClientHello ack=301", F, "tls.client-hello@laptop", "tcp.ack", "301"],
        ["ClientHello offers TLS versions", F, "tls.client-hello@laptop", "app.visible.offered versions", "TLS 1.3, TLS 1.2"],
        ["ClientHello offers cipher suites", F, "tls.client-hello@laptop", "app.visible.cipher suites", /TLS_AES_128_GCM_SHA256/],
        ["ClientHello carries a random", F, "tls.client-hello@laptop", "app.visible.random", "32 random bytes"],
        ["ClientHello names the server (SNI)", F, "tls.client-hello@laptop", "tls.sni", "google.com"],
        ["ServerHello first in the server's flight", F, "tls.server-hello@laptop", "app.messages", /^ServerHello, /],
        ["ServerHello: the chosen cipher", F, "tls.server-hello@laptop", "app.visible.chosen cipher", "TLS_AES_128_GCM_SHA256"],
        ["ServerHello flight carries the certificate", F, "tls.server-hello@laptop", "app.messages", /Certificate/],
        ["verify the certificate chain: google.com -> CA", F, "tls.verify@laptop", "details.chain", "*.google.com -> GTS CA 1C3"],
        ["checked for google.com", F, "tls.verify@laptop", "details.checked name", "google.com"],
        ["-> Root CA, trusted", F, "tls.verify@laptop", "reason", /GTS CA 1C3 -> GTS Root R1\), and GTS Root R1 is in the client's trust store/],
        ["chain verified", F, "tls.verify@laptop", "title", "Certificate chain verified"],
        ["key exchange: ECDHE parameters from the client", F, "tls.client-hello@laptop", "app.visible.key share", "x25519 public key"],
        ["key exchange: ECDHE parameters from the server", F, "tls.server-hello@laptop", "app.visible.key share", "x25519 public key"],
        ["both derive session keys (ECDHE)", F, "tls.keys@laptop", "details.key exchange", "ECDHE (x25519)"],
        // Refinement: TLS 1.3 puts the server's Finished in its first flight; the client's follows.
        ["server Finished", F, "tls.server-hello@laptop", "app.messages", /Finished$/],
        ["client Finished", F, "tls.client-finished@laptop", "app.messages", "ChangeCipherSpec, Finished"],
        ["encrypted connection ready: HTTP/2 negotiated", F, "tls.keys@laptop", "details.alpn", "h2"],
      ]);
    });
    describe("HTTP request, inside the TLS tunnel", () => {
      checkRows(t, [
        ["inside the encrypted tunnel", F, "http.request@laptop", "app.insideTls", "true"],
        ["GET", F, "http.request@laptop", "http.method", "GET"],
        ["/", F, "http.request@laptop", "http.path", "/"],
        ["HTTP/2", F, "http.request@laptop", "app.protocol", "HTTP/2"],
        ["Host: google.com", F, "http.request@laptop", "http.host", "google.com"],
        ["User-Agent: Chrome/120.0", F, "http.request@laptop", "http.header:user-agent", "Chrome/120.0"],
        ["Accept: text/html", F, "http.request@laptop", "http.header:accept", "text/html"],
        ["Accept-Encoding: gzip, br", F, "http.request@laptop", "http.header:accept-encoding", "gzip, br"],
        ["Cookie: NID=123...", F, "http.request@laptop", "http.header:cookie", "NID=123..."],
      ]);
    });
    describe("Google's infrastructure: edge, load balancer, servers", () => {
      // Refinement (simplifications): the front end is an L4 load balancer DNATing to one of three servers.
      checkRows(t, [
        ["the load balancer owns the address the client called", F, "conntrack@google-lb", "entry.outside", "142.250.190.46:443"],
        ["and sends the connection to one server", F, "conntrack@google-lb", "entry.translated", /^10\.10\.0\.1[123]:443$/],
        ["the server generates the response", F, "http.response@gfe-2", "http.status", "200"],
      ]);
    });
    describe("HTTP response", () => {
      checkRows(t, [
        ["HTTP/2", F, "http.response@laptop", "app.protocol", "HTTP/2"],
        ["200 OK", F, "http.response@laptop", "http.status", "200"],
        // Refinement: the model's Content-Type names the charset.
        ["Content-Type: text/html", F, "http.response@laptop", "http.header:content-type", /^text\/html/],
        ["Content-Encoding: gzip", F, "http.response@laptop", "http.header:content-encoding", "gzip"],
        ["Cache-Control: private, max-age=0", F, "http.response@laptop", "http.header:cache-control", "private, max-age=0"],
        ["<!doctype html><html>...", F, "http.response@laptop", "app.bodySummary", "<!doctype html><html>..."],
      ]);
    });
    describe("the packet's journey back", () => {
      checkRows(t, [
        ["from Google 142.250.190.46:443", F, "http.response@google-lb", "src", "142.250.190.46:443"],
        ["across the internet backbone and the ISP to the router's 203.0.113.50", F, "http.response@internet", "dst", "203.0.113.50:10002"],
        ["NAT reverse translation at the router", F, "http.response@home-router", "decision:unsnat", "TCP 192.168.1.10:52432 -> 203.0.113.50:10002 -> 142.250.190.46:443"],
        ["to your PC 192.168.1.10:52432", F, "http.response@home-router", "dst", "192.168.1.10:52432"],
        ["delivered to your PC", F, "http.response@laptop", "dst", "192.168.1.10:52432"],
      ]);
    });
    describe("the browser renders the page", () => {
      checkRows(t, [
        ["parse HTML, fetch CSS/JS/images, execute JavaScript, render", F, "browser.render@laptop", "details.steps", /parse HTML.*CSS\/JS\/images.*JavaScript.*DOM.*paint/],
      ]);
    });
    describe("the packet at each layer", () => {
      checkRows(t, [
        ["application: GET / HTTP/2, Host google.com", F, "http.request@laptop", "http.host", "google.com"],
        ["transport: source port 52432", F, "tcp.ack@laptop", "l4.srcPort", "52432"],
        ["transport: destination port 443", F, "tcp.ack@laptop", "l4.dstPort", "443"],
        ["transport: Seq 101", F, "tcp.ack@laptop", "tcp.seq", "101"],
        ["transport: Ack 301", F, "tcp.ack@laptop", "tcp.ack", "301"],
        ["network: source 192.168.1.10", F, "tcp.syn@laptop", "ip.src", "192.168.1.10"],
        ["network: source after NAT 203.0.113.50", F, "tcp.syn@home-router", "ip.src", "203.0.113.50"],
        ["network: destination 142.250.190.46", F, "tcp.syn@home-router", "ip.dst", "142.250.190.46"],
        ["network: TTL 64 as sent", F, "tcp.syn@laptop", "ip.ttl", "64"],
        ["network: TTL 63 after the router", F, "tcp.syn@home-router", "ip.ttl", "63"],
        ["data link: source MAC AA:BB:CC:DD:EE:FF (your PC)", F, "tcp.syn@laptop", "eth.src", "AA:BB:CC:DD:EE:FF"],
        ["data link: destination MAC, the router's (the source text's 11:22:33:44:55:66 has the group bit set, so the scenario uses 12:22:33:44:55:66)", F, "tcp.syn@laptop", "eth.dst", "12:22:33:44:55:66"],
        ["the same frame header on the HTTP request", F, "http.request@laptop", "eth.dst", "12:22:33:44:55:66"],
      ]);
    });
    checkOutcomes(t, [["the page loads", F, "DELIVERED", "gfe-2", "gfe-2"]]);
  });

  describe("Scenario 2: two offices with the same private subnet (two-offices-same-subnet)", () => {
    const t = run("two-offices-same-subnet");
    checkRows(t, [
      ["Company A's PC is 192.168.1.5", "office-a", "tcp.syn@pc-a", "ip.src", "192.168.1.5"],
      ["Company B's PC is 192.168.1.5 too (same IP!)", "office-b", "tcp.syn@pc-b", "ip.src", "192.168.1.5"],
      ["A's original packet goes to 8.8.8.8", "office-a", "tcp.syn@pc-a", "ip.dst", "8.8.8.8"],
      ["B's original packet goes to 8.8.8.8", "office-b", "tcp.syn@pc-b", "ip.dst", "8.8.8.8"],
      ["after A's NAT: source 203.0.113.10 (A's public IP)", "office-a", "tcp.syn@nat-a", "ip.src", "203.0.113.10"],
      ["after A's NAT: source port 10001, assigned by the NAT", "office-a", "tcp.syn@nat-a", "l4.srcPort", "10001"],
      ["after A's NAT: still to 8.8.8.8", "office-a", "tcp.syn@nat-a", "ip.dst", "8.8.8.8"],
      ["after B's NAT: source 198.51.100.20 (B's public IP, different)", "office-b", "tcp.syn@nat-b", "ip.src", "198.51.100.20"],
      ["after B's NAT: source port 20001", "office-b", "tcp.syn@nat-b", "l4.srcPort", "20001"],
      ["after B's NAT: still to 8.8.8.8", "office-b", "tcp.syn@nat-b", "ip.dst", "8.8.8.8"],
      ["the server sees request 1 from 203.0.113.10:10001", "office-a", "tcp.syn@server", "src", "203.0.113.10:10001"],
      ["the server sees request 2 from 198.51.100.20:20001", "office-b", "tcp.syn@server", "src", "198.51.100.20:20001"],
      ["response to 203.0.113.10:10001", "office-a", "tcp.syn-ack@server", "dst", "203.0.113.10:10001"],
      ["-> Company A's NAT gateway looks up port 10001", "office-a", "tcp.syn-ack@nat-a", "decision:unsnat", "TCP 192.168.1.5:51000 -> 203.0.113.10:10001 -> 8.8.8.8:443"],
      ["-> 192.168.1.5:original_port", "office-a", "tcp.syn-ack@nat-a", "dst", "192.168.1.5:51000"],
      ["-> delivered to Company A's PC", "office-a", "tcp.syn-ack@pc-a", "dst", "192.168.1.5:51000"],
      ["response to 198.51.100.20:20001", "office-b", "tcp.syn-ack@server", "dst", "198.51.100.20:20001"],
      ["-> Company B's NAT gateway looks up port 20001", "office-b", "tcp.syn-ack@nat-b", "decision:unsnat", "TCP 192.168.1.5:51000 -> 198.51.100.20:20001 -> 8.8.8.8:443"],
      ["-> 192.168.1.5:original_port", "office-b", "tcp.syn-ack@nat-b", "dst", "192.168.1.5:51000"],
      ["-> delivered to Company B's PC", "office-b", "tcp.syn-ack@pc-b", "dst", "192.168.1.5:51000"],
      ["A's NAT entry", "office-a", "nat@nat-a", "entry.translated", "203.0.113.10:10001"],
      ["B's NAT entry", "office-b", "nat@nat-b", "entry.translated", "198.51.100.20:20001"],
    ]);
    test("the server's two sources are different: no conflict", () => {
      expect(read(hop(t, "office-a", "tcp.syn@server"), "src")).not.toBe(read(hop(t, "office-b", "tcp.syn@server"), "src"));
    });
    test("the internet never sees 192.168.1.5", () => {
      for (const f of ["office-a", "office-b"]) {
        const seen = flowOf(t, f).events.filter((e) => (e.node === "internet" || e.node === "server") && "packet" in e && e.packet?.ip)
          .flatMap((e) => [read(e, "ip.src"), read(e, "ip.dst")]);
        expect(seen.length).toBeGreaterThan(0);
        expect(seen).not.toContain("192.168.1.5");
      }
    });
    checkOutcomes(t, [
      ["both PCs reach the site at the same time: A", "office-a", "DELIVERED", "server", "server"],
      ["both PCs reach the site at the same time: B", "office-b", "DELIVERED", "server", "server"],
      ["private IPs are only significant inside their own network", "reply-to-private", "NOT_ROUTABLE_ON_INTERNET", "internet", "internet"],
    ]);
  });

  describe("Scenario 3: a private subnet reaches the internet through a NAT gateway (aws-private-subnet-nat)", () => {
    const t = run("aws-private-subnet-nat");
    const F = "apt-update";
    checkRows(t, [
      ["the app server 10.0.2.50:54321 (no public IP)", F, "tcp.syn@app-server", "src", "10.0.2.50:54321"],
      ["needs packages.ubuntu.com, 91.189.88.152:443", F, "tcp.syn@app-server", "dst", "91.189.88.152:443"],
      ["route table check in the private subnet's table", F, "tcp.syn@vpc-router", "route.table", "private-rt"],
      ["10.0.0.0/16 -> local does not match; only the default is a candidate", F, "tcp.syn@vpc-router", "route.candidates", "0.0.0.0/0 -> nat-a"],
      ["0.0.0.0/0 -> nat-xxx: match! send to the NAT gateway", F, "tcp.syn@vpc-router", "decision:route", "0.0.0.0/0 -> nat-a"],
      ["the matched prefix is 0.0.0.0/0", F, "tcp.syn@vpc-router", "route.match", "0.0.0.0/0"],
      ["the lookup explains that only the default matched", F, "tcp.syn@vpc-router", "route.reason", "Route lookup for 91.189.88.152 in private-rt: only 0.0.0.0/0 (/0) matches."],
      ["sent to the NAT gateway", F, "tcp.syn@vpc-router", "nextHop", "nat-a"],
      ["arriving at the NAT gateway: Src 10.0.2.50:54321", F, "tcp.syn@vpc-router", "src", "10.0.2.50:54321"],
      ["arriving at the NAT gateway: Dst 91.189.88.152:443", F, "tcp.syn@vpc-router", "dst", "91.189.88.152:443"],
      // Refinement (simplifications): the NAT gateway writes its own private address (10.0.1.100);
      // the internet gateway maps it to the Elastic IP. The EIP is 54.23.100.7 in variant 0 (the source's 54.x.x.x).
      ["the NAT gateway (10.0.1.100) rewrites the source", F, "tcp.syn@nat-a", "ip.src", "10.0.1.100"],
      ["with port 10001", F, "tcp.syn@nat-a", "l4.srcPort", "10001"],
      ["destination unchanged: 91.189.88.152:443", F, "tcp.syn@nat-a", "dst", "91.189.88.152:443"],
      ["NAT table: 10.0.2.50:54321 ->", F, "nat@nat-a", "entry.inside", "10.0.2.50:54321"],
      ["NAT table: -> 10.0.1.100:10001 (the EIP after the internet gateway) ->", F, "nat@nat-a", "entry.translated", "10.0.1.100:10001"],
      ["NAT table: -> 91.189.88.152:443", F, "nat@nat-a", "entry.outside", "91.189.88.152:443"],
      ["to the internet gateway, which writes the Elastic IP 54.x.x.x", F, "tcp.syn@igw-main", "src", "54.23.100.7:10001"],
      ["the internet gateway's 1:1 mapping", F, "tcp.syn@igw-main", "decision:snat", "10.0.1.100 <-> 54.23.100.7 (nat-a)"],
      ["-> the internet", F, "tcp.syn@internet", "src", "54.23.100.7:10001"],
      ["Ubuntu sees 54.x.x.x:10001", F, "tcp.syn@ubuntu-mirror", "src", "54.23.100.7:10001"],
      ["the response: Src 91.189.88.152:443", F, "tcp.syn-ack@ubuntu-mirror", "src", "91.189.88.152:443"],
      ["the response: Dst 54.x.x.x:10001", F, "tcp.syn-ack@ubuntu-mirror", "dst", "54.23.100.7:10001"],
      ["the internet gateway maps the EIP back to the NAT gateway", F, "tcp.syn-ack@igw-main", "dst", "10.0.1.100:10001"],
      ["the NAT gateway looks up port 10001 -> 10.0.2.50:54321", F, "tcp.syn-ack@nat-a", "decision:unsnat", "TCP 10.0.2.50:54321 -> 10.0.1.100:10001 -> 91.189.88.152:443"],
      ["rewrite: Src 91.189.88.152:443", F, "tcp.syn-ack@nat-a", "src", "91.189.88.152:443"],
      ["rewrite: Dst 10.0.2.50:54321", F, "tcp.syn-ack@nat-a", "dst", "10.0.2.50:54321"],
      ["the app server receives the response", F, "tcp.syn-ack@app-server", "dst", "10.0.2.50:54321"],
      ["and the update completes", F, "http.response@app-server", "http.status", "200"],
    ]);
    describe("the documented alternative: the NAT gateway writes the Elastic IP itself", () => {
      const eip = simulate(scenario("aws-private-subnet-nat"), { seed: 0, world: { "natgw-translates-to-eip": true } });
      checkRows(eip, [
        ["NAT gateway rewrites the source to 54.x.x.x:10001", F, "tcp.syn@nat-a", "src", "54.23.100.7:10001"],
        ["NAT table: 10.0.2.50:54321 -> 54.x.x.x:10001 -> 91.189.88.152:443", F, "nat@nat-a", "entry.translated", "54.23.100.7:10001"],
        ["the reply still reaches 10.0.2.50:54321", F, "tcp.syn-ack@app-server", "dst", "10.0.2.50:54321"],
      ]);
      test("the scenario accepts it for full credit", () => {
        expect(scenario("aws-private-subnet-nat").alternatives.map((a) => [a.rule, a.credit])).toEqual([["natgw-translates-to-eip", 1]]);
      });
    });
    describe("why can't the internet reach the app server?", () => {
      checkRows(t, [
        ["problem 1: the random user aims at 10.0.2.50", "internet-to-private-ip", "tcp.syn@internet-user", "ip.dst", "10.0.2.50"],
        ["problem 2: the NAT gateway's public side, on the port it used", "internet-to-nat-eip", "tcp.syn@internet-user", "dst", "54.23.100.7:10001"],
        ["problem 3: the security group names no rule that allows it", "blocked-by-security-group", "tcp.syn@app-server", "reason", /app-sg .* has no inbound rule allowing TCP port 22/],
      ]);
      checkOutcomes(t, [
        ["problem 1: 10.0.2.50 is not routable on the internet", "internet-to-private-ip", "NOT_ROUTABLE_ON_INTERNET", "internet", "internet"],
        ["problem 2: no NAT mapping exists for inbound", "internet-to-nat-eip", "NO_NAT_MAPPING", "nat-a", "nat-a"],
        ["problem 3: security groups would block anyway", "blocked-by-security-group", "DENIED_BY_SECURITY_GROUP", "app-server", "app-sg"],
      ]);
    });
    checkOutcomes(t, [["apt-get update gets its answer", F, "DELIVERED", "ubuntu-mirror", "ubuntu-mirror"]]);
  });

  describe("Scenario 4: a microservice calls another (kubernetes-service-call)", () => {
    const t = run("kubernetes-service-call");
    const F = "call-order-service";
    checkRows(t, [
      ["the code calls http://order-service", F, "url.parse@user-service-abc123", "details.host", "order-service"],
      ["DNS query: order-service.default.svc.cluster.local", F, "dns.query@user-service-abc123", "dns.question", "order-service.default.svc.cluster.local"],
      ["CoreDNS answers from the cluster", F, "dns.cluster-lookup@coredns-7db6d8ff4d-x2kq9", "result", "10.96.50.100"],
      ["response: 10.96.50.100 (the ClusterIP)", F, "dns.response@user-service-abc123", "dns.answer", "10.96.50.100"],
      ["user-service (10.244.1.5:45678) ->", F, "tcp.syn@user-service-abc123", "src", "10.244.1.5:45678"],
      ["-> 10.96.50.100:80", F, "tcp.syn@user-service-abc123", "dst", "10.96.50.100:80"],
      ["iptables intercepts: ClusterIP 10.96.50.100:80", F, "conntrack@node-1~2", "entry.outside", "10.96.50.100:80"],
      ["DNAT applied: destination changed to 10.244.2.11:8080 (variant 0)", F, "conntrack@node-1~2", "entry.translated", "10.244.2.11:8080"],
      ["for the connection from 10.244.1.5:45678", F, "conntrack@node-1~2", "entry.inside", "10.244.1.5:45678"],
      ["packet: Src 10.244.1.5:45678", F, "tcp.syn@node-1", "src", "10.244.1.5:45678"],
      ["packet: Dst 10.244.2.11:8080", F, "tcp.syn@node-1", "dst", "10.244.2.11:8080"],
      // Refinement (simplifications): host-gateway CNI, each node routes the other's pod range via its address.
      ["the pod network routes between nodes", F, "tcp.syn@node-1", "route.match", "10.244.2.0/24"],
      ["node-1 -> node-2", F, "tcp.syn@node-1", "nextHop", "192.168.10.12"],
      ["node-2 delivers to the pod, unchanged", F, "tcp.syn@node-2", "dst", "10.244.2.11:8080"],
      ["order-pod-2 receives it", F, "tcp.syn@order-pod-2", "dst", "10.244.2.11:8080"],
      ["order-pod-2 (10.244.2.11:8080) -> user-service (10.244.1.5:45678)", F, "tcp.syn-ack@order-pod-2", "src", "10.244.2.11:8080"],
      ["... to 10.244.1.5:45678", F, "tcp.syn-ack@order-pod-2", "dst", "10.244.1.5:45678"],
      ["connection tracking rewrites the reply to come from the ClusterIP", F, "tcp.syn-ack@node-1", "src", "10.96.50.100:80"],
      ["... and it goes to the original requester", F, "tcp.syn-ack@node-1", "dst", "10.244.1.5:45678"],
      ["the requester receives it from 10.96.50.100:80", F, "tcp.syn-ack@user-service-abc123", "src", "10.96.50.100:80"],
      ["the HTTP response too", F, "http.response@user-service-abc123", "src", "10.96.50.100:80"],
      ["status 200", F, "http.response@user-service-abc123", "http.status", "200"],
    ]);
    test("ClusterIP 10.96.50.100:80 -> one of 10.244.2.10, .11, .12 (port 8080)", () => {
      expect(t.symbols["dnat:node-1:svc-default-order-service#1"]).toMatchObject({
        value: "10.244.2.11", free: { kind: "one-of", values: ["10.244.2.10", "10.244.2.11", "10.244.2.12"] },
      });
    });
    checkOutcomes(t, [["served by order-pod-2", F, "DELIVERED", "order-pod-2", "order-pod-2"]]);
  });

  describe("Scenario 5: SSH through a bastion host (ssh-via-bastion)", () => {
    const t = run("ssh-via-bastion");
    const F = "proxyjump";
    checkRows(t, [
      ["ssh -J ec2-user@54.1.2.3: the laptop connects to 54.1.2.3:22", F, "jump.tcp.syn@laptop", "dst", "54.1.2.3:22"],
      // Refinement (simplifications): the laptop is behind a home NAT; 203.0.113.100 is that NAT's public address.
      ["your laptop (203.0.113.100) over the internet", F, "jump.tcp.syn@home-router", "ip.src", "203.0.113.100"],
      ["SSH (port 22)", F, "jump.tcp.syn@home-router", "l4.dstPort", "22"],
      ["the bastion's public 54.1.2.3 maps to its private 10.0.1.50", F, "jump.tcp.syn@igw-main", "ip.dst", "10.0.1.50"],
      ["the mapping", F, "jump.tcp.syn@igw-main", "decision:dnat", "54.1.2.3 <-> 10.0.1.50 (bastion)"],
      ["the bastion sees YOUR_IP", F, "jump.tcp.syn@bastion", "ip.src", "203.0.113.100"],
      ["bastion SG: inbound TCP 22 from YOUR_IP/32 only", F, "jump.tcp.syn@bastion", "decision:filter", "TCP port 22 from 203.0.113.100/32"],
      ["replies come from 54.1.2.3 again", F, "jump.tcp.syn-ack@igw-main", "ip.src", "54.1.2.3"],
      ["user ec2-user on the bastion", F, "jump.ssh.userauth@laptop", "app.detail", /as ec2-user$/],
      ["SSH (port 22) over the private network: bastion 10.0.1.50 ->", F, "target.tcp.syn@bastion", "ip.src", "10.0.1.50"],
      ["-> database server 10.0.2.100:22", F, "target.tcp.syn@bastion", "dst", "10.0.2.100:22"],
      ["the database sees the bastion's private address", F, "target.tcp.syn@db-server", "ip.src", "10.0.1.50"],
      ["database SG: inbound TCP 22 from bastion-sg only", F, "target.tcp.syn@db-server", "decision:filter", "TCP port 22 from sg:bastion-sg"],
      ["the bastion relays the inner session", F, "ssh.jump@bastion", "details.inner connection", "bastion -> 10.0.2.100:22"],
      ["user ec2-user on the database server", F, "target.inner.userauth@db-server", "app.detail", /as ec2-user$/],
      ["the inner session is encrypted inside the outer one", F, "jump.inner.userauth@laptop", "app.encrypted", "true"],
      ["your SSH session is end-to-end encrypted", F, "ssh.end-to-end@laptop", "title", "End-to-end session established"],
      ["method 1, step 1: ssh ec2-user@54.1.2.3", "two-step-first", "tcp.syn@laptop", "dst", "54.1.2.3:22"],
      ["method 1, step 2: from the bastion, ssh ec2-user@10.0.2.100", "two-step-second", "tcp.syn@bastion", "dst", "10.0.2.100:22"],
      ["the database sees the bastion there too", "two-step-second", "tcp.syn@db-server", "ip.src", "10.0.1.50"],
      ["the stranger's SYN reaches the bastion's port 22", "stranger-to-bastion", "tcp.syn@bastion", "l4.dstPort", "22"],
    ]);
    checkOutcomes(t, [
      ["ProxyJump reaches the database server", F, "DELIVERED", "db-server", "db-server"],
      ["method 1 step 2 reaches the database server", "two-step-second", "DELIVERED", "db-server", "db-server"],
      ["the database has no public IP: not reachable from home directly", "direct-to-private", "NOT_ROUTABLE_ON_INTERNET", "internet", "internet"],
      ["port 22 is open to YOUR_IP only", "stranger-to-bastion", "DENIED_BY_SECURITY_GROUP", "bastion", "bastion-sg"],
      ["the database takes SSH from bastion-sg only (not public!)", "web-to-db", "DENIED_BY_SECURITY_GROUP", "db-server", "db-sg"],
    ]);
    test("method 1 step 1 reaches the bastion", () => {
      expect(flowOf(t, "two-step-first").outcome.disposition).toBe("DELIVERED");
      expect(hop(t, "two-step-first", "tcp.syn@bastion").type).toBe("deliver");
    });
  });

  describe("Scenario 6: HTTPS through the Cloudflare CDN (https-through-cdn)", () => {
    const t = run("https-through-cdn");
    const F = "first-request";
    const S = "second-user";
    checkRows(t, [
      ["example.com's A record is a Cloudflare anycast IP (104.16.x.x), not the origin", F, "dns.response@isp-resolver", "dns.answer", "104.16.123.45"],
      ["the user's browser looks it up: 104.16.123.45", F, "dns.response@user-laptop", "dns.answer", "104.16.123.45"],
      ["user -> Cloudflare Tokyo POP", F, "tcp.syn@cf-nrt", "dst", "104.16.123.45:443"],
      ["cache lookup: /static/logo.png", F, "cdn.cache@cf-nrt", "lookup", "https://example.com/static/logo.png"],
      ["result: MISS (not cached yet)", F, "cdn.cache@cf-nrt", "status", "MISS"],
      ["Cloudflare Tokyo -> the origin in US-East", F, "origin.http.request@cf-nrt", "dst", "198.51.100.80:443"],
      ["origin -> Cloudflare: 200 OK + logo.png", F, "origin.http.response@origin", "http.status", "200"],
      ["... the logo", F, "origin.http.response@origin", "http.header:content-type", "image/png"],
      ["Cloudflare caches the response (it is cacheable)", F, "cdn.store@cf-nrt", "status", "STORED"],
      ["Cloudflare -> user: 200 OK + logo.png", F, "http.response@user-laptop", "http.status", "200"],
      // Refinement (simplifications): 1 + 150 + 150 + 1 = 302 ms; the source rounds it to ~300 ms.
      ["total time ~1 + 150 + 150 = ~300 ms", F, "http.exchange@user-laptop", "details.elapsedMs", "302"],
      ["what the user sends: from the user's IP", F, "http.request@cf-nrt", "ip.src", "203.0.113.77"],
      ["what the origin sees: from a Cloudflare IP", F, "origin.http.request@origin", "ip.src", "172.68.140.21"],
      ["CF-Connecting-IP: the user's IP", F, "origin.http.request@origin", "http.header:cf-connecting-ip", "203.0.113.77"],
      ["CF-IPCountry: JP", F, "origin.http.request@origin", "http.header:cf-ipcountry", "JP"],
      ["CF-Ray: ...-NRT", F, "origin.http.request@origin", "http.header:cf-ray", /^[0-9a-f]{16}-NRT$/],
      ["response header CF-Cache-Status: MISS", F, "http.response@user-laptop", "http.header:cf-cache-status", "MISS"],
      ["response header CF-Ray: ...-NRT", F, "http.response@user-laptop", "http.header:cf-ray", /-NRT$/],
      ["another user in Tokyo -> /static/logo.png", S, "http.request@cf-nrt", "http.path", "/static/logo.png"],
      ["cache lookup: HIT!", S, "cdn.cache@cf-nrt", "status", "HIT"],
      ["Cloudflare -> user: 200 OK + logo.png (from cache)", S, "http.response@user2-laptop", "http.status", "200"],
      ["... served from the edge cache", S, "http.response@user2-laptop", "app.bodySummary", "from the edge cache"],
      // Refinement: about 1 ms each way, 2 ms for the request and response.
      ["total time ~1 ms (no origin involved)", S, "http.exchange@user2-laptop", "details.elapsedMs", "2"],
      ["response header CF-Cache-Status: HIT", S, "http.response@user2-laptop", "http.header:cf-cache-status", "HIT"],
      ["CF-Cache-Status: DYNAMIC for what must not be cached", "dynamic", "http.response@user-laptop", "http.header:cf-cache-status", "DYNAMIC"],
    ]);
    test.each([
      ["1 ms to the edge", "http.request@user-laptop", "http.request@cf-nrt", 1],
      ["150 ms to the origin", "origin.http.request@cf-nrt", "origin.http.request@origin", 150],
      ["150 ms back from the origin", "origin.http.response@origin", "origin.http.response@cf-nrt", 150],
      ["1 ms back to the user", "http.response@cf-nrt", "http.response@user-laptop", 1],
    ])("%s", (_label, from, to, ms) => {
      expect(hop(t, F, to).t - hop(t, F, from).t).toBe(ms);
    });
    test("no origin involved in the HIT", () => {
      expect(flowOf(t, S).events.filter((e) => e.node === "origin")).toEqual([]);
    });
    test("the A record is not the origin's address", () => {
      expect(read(hop(t, F, "dns.response@isp-resolver"), "dns.answer")).not.toBe(read(hop(t, F, "origin.http.request@origin"), "ip.dst"));
    });
    checkOutcomes(t, [
      ["the first request is served by the Tokyo edge", F, "DELIVERED", "cf-nrt", "cf-nrt"],
      ["the second too", S, "DELIVERED", "cf-nrt", "cf-nrt"],
    ]);
  });
});
