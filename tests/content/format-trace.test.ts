import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { appSummary, packetLayers } from "@/lib/content/format-packet";
import { formatFlow, formatMs, formatTrace, wrapText } from "@/lib/content/format-trace";
import type { FlowTrace, Packet, TraceEvent } from "@/lib/engine/trace-types";
import { loadScenarioText } from "@/lib/scenario/load";
import { simulate } from "@/lib/simulate";

const root = path.resolve(__dirname, "../..");
const loaded = loadScenarioText(readFileSync(path.join(root, "content/scenarios/browser-to-google.yaml"), "utf8"), "browser-to-google.yaml");
if (!loaded.ok) throw new Error("the google scenario does not load");
const trace = simulate(loaded.scenario, { seed: 0 });
// The escape character is the point: these tests check that colour codes are present or absent.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/;

const eth = { src: "AA:BB:CC:DD:EE:FF", dst: "12:22:33:44:55:66", type: "IPv4" as const };
const ip = { src: "192.168.1.10", dst: "142.250.190.46", ttl: 64, protocol: "TCP" as const };
const tcp = { srcPort: 52432, dstPort: 443, seq: 100, ack: 0, flags: ["SYN" as const], payloadBytes: 0 };

describe("packetLayers", () => {
  test.each<{ label: string; packet: Packet; lines: string[] }>([
    {
      label: "TCP SYN", packet: { eth, ip, tcp },
      lines: ["eth AA:BB:CC:DD:EE:FF > 12:22:33:44:55:66", "ip 192.168.1.10:52432 > 142.250.190.46:443 ttl=64 TCP SYN seq=100 ack=0 len=0"],
    },
    {
      label: "UDP DNS query",
      packet: {
        eth, ip: { ...ip, dst: "8.8.8.8", protocol: "UDP" }, udp: { srcPort: 52431, dstPort: 53, payloadBytes: 38 },
        app: { protocol: "DNS", id: 7, kind: "query", question: { name: "google.com", type: "A" }, recursionDesired: true, rcode: "NOERROR", answers: [], authority: [], additional: [] },
      },
      lines: ["eth AA:BB:CC:DD:EE:FF > 12:22:33:44:55:66", "ip 192.168.1.10:52431 > 8.8.8.8:53 ttl=64 UDP len=38", "DNS query google.com A id=7"],
    },
    {
      label: "ARP request",
      packet: { eth: { src: "AA:BB:CC:DD:EE:FF", dst: "FF:FF:FF:FF:FF:FF", type: "ARP" }, arp: { op: "request", senderMac: "AA:BB:CC:DD:EE:FF", senderIp: "192.168.1.10", targetMac: "00:00:00:00:00:00", targetIp: "192.168.1.1" } },
      lines: ["eth AA:BB:CC:DD:EE:FF > FF:FF:FF:FF:FF:FF ARP", "arp who-has 192.168.1.1 tell 192.168.1.10"],
    },
    {
      label: "ICMP", packet: { eth, ip: { ...ip, protocol: "ICMP" }, icmp: { type: 11, code: 0, name: "time-exceeded" } },
      lines: ["eth AA:BB:CC:DD:EE:FF > 12:22:33:44:55:66", "ip 192.168.1.10 > 142.250.190.46 ttl=64 ICMP time-exceeded (type 11 code 0)"],
    },
  ])("$label", ({ packet, lines }) => {
    expect(packetLayers(packet)).toEqual(lines);
  });
});

describe("appSummary", () => {
  test.each<{ label: string; app: Parameters<typeof appSummary>[0]; text: string }>([
    {
      label: "DNS answer",
      app: { protocol: "DNS", id: 1, kind: "response", question: { name: "google.com", type: "A" }, recursionDesired: true, rcode: "NOERROR", answers: [{ name: "google.com", type: "A", ttl: 300, data: "142.250.190.46" }], authority: [], additional: [] },
      text: "DNS response google.com A NOERROR; answer google.com A 142.250.190.46",
    },
    {
      label: "TLS ClientHello",
      app: { protocol: "TLS", version: "1.3", messages: ["ClientHello"], visible: { "server name (SNI)": "google.com" }, encrypted: [] },
      text: "TLS ClientHello SNI=google.com",
    },
    {
      label: "HTTP/2 request",
      app: { protocol: "HTTP/2", kind: "request", method: "GET", path: "/", host: "google.com", headers: [], bodyBytes: 0, insideTls: true },
      text: "HTTP/2 GET google.com/ (inside TLS)",
    },
    {
      label: "HTTP/1.1 response",
      app: { protocol: "HTTP/1.1", kind: "response", status: 404, headers: [["content-type", "text/plain"]], bodyBytes: 9, insideTls: false },
      text: "HTTP/1.1 404 text/plain, 9 B body",
    },
    { label: "SSH", app: { protocol: "SSH", stage: "kex", encrypted: false, detail: "curve25519" }, text: "SSH kex: curve25519" },
  ])("$label", ({ app, text }) => {
    expect(appSummary(app)).toBe(text);
  });
});

describe("wrapText and formatMs", () => {
  test.each([
    { text: "a b c", width: 10, lines: ["a b c"] },
    { text: "alpha beta gamma", width: 10, lines: ["alpha beta", "gamma"] },
    { text: "abcdefghijkl", width: 5, lines: ["abcde", "fghij", "kl"] },
    { text: "", width: 5, lines: [""] },
  ])("wraps $text at $width", ({ text, width, lines }) => {
    expect(wrapText(text, width)).toEqual(lines);
  });

  test.each([[0, "0.0"], [112.2, "112.2"], [30012.2, "30012.2"], [1.54, "1.54"], [0.125, "0.125"]])("%d ms -> %s", (t, text) => {
    expect(formatMs(t)).toBe(text);
  });
});

describe("formatTrace on the google scenario", () => {
  const lines = formatTrace(trace, { width: 100 });
  const text = lines.join("\n");

  test("opens with the scenario, seed and engine, and has a section per flow", () => {
    expect(lines[0]).toBe(`browser-to-google  seed 0  engine ${trace.engineVersion}  (hopwise-trace/1)`);
    for (const f of trace.flows) expect(lines).toContain(`== ${f.id}: ${f.title}`);
  });

  test("shows the SYN leaving the home router with its layers and decisions", () => {
    const at = lines.findIndex((l) => /^\s+102\.0\s+hop\s+tcp\.syn@home-router\s/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(lines[at]).toMatch(/forward lan0 -> wan0, next hop 203\.0\.113\.1$/);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      "          | eth 02:86:FF:6D:43:ED > 02:9F:30:2D:84:7A",
      "          | ip 203.0.113.50:10002 > 142.250.190.46:443 ttl=63 TCP SYN seq=100 ack=0 len=0",
    ]);
    expect(lines[at + 3]).toBe("            - ttl: TTL 64 -> 63: every router decrements it by one.");
    expect(lines.slice(at + 3, at + 12).some((l) => l.startsWith("            - snat: Source NAT: 192.168.1.10:52432 becomes 203.0.113.50:10002."))).toBe(true);
  });

  test("shows NAT entries, DNS reasons and application summaries", () => {
    expect(text).toContain("| TCP 192.168.1.10:52432 -> 203.0.113.50:10002 -> 142.250.190.46:443 (home-router NAT");
    expect(text).toContain("| DNS query google.com A id=");
    expect(text).toContain("| TLS ClientHello SNI=google.com");
    expect(text).toContain("| HTTP/2 GET google.com/ (inside TLS)");
    expect(text).toMatch(/dns\.browser-cache@laptop\s+browser-cache google\.com: MISS\n\s+google\.com is not in the browser's host cache\./);
  });

  test("ends every flow with its outcome and latency", () => {
    expect(text).toContain("=> DELIVERED at gfe-");
    expect(text).toContain("=> NXDOMAIN at laptop (blame root-server)");
    expect(text).toContain("=> TTL_EXCEEDED at home-router");
    expect(text).toMatch(/latency 234\.2 ms in total: home-wifi 30\.0 ms x15/);
  });

  test.each([60, 80, 100, 140])("keeps every line within %i columns", (width) => {
    const long = formatTrace(trace, { width }).filter((l) => l.length > width);
    expect(long).toEqual([]);
  });

  test("uses colour only when asked", () => {
    expect(text).not.toMatch(ANSI);
    expect(formatTrace(trace, { color: true }).join("\n")).toMatch(ANSI);
  });

  test("can leave the decisions out", () => {
    expect(formatTrace(trace, { decisions: false }).some((l) => l.includes("- route:"))).toBe(false);
  });
});

describe("formatFlow on hand-made events", () => {
  const base = { index: 0, t: 1.5, node: "r1", reason: "because" };
  const flow = (events: TraceEvent[], disposition: FlowTrace["outcome"]["disposition"] = "DELIVERED"): FlowTrace => ({
    id: "f", title: "A flow", events,
    outcome: { disposition, node: "r1", component: "r1", reason: "Done." }, latency: { totalMs: 1.5, segments: [] },
  });

  test.each<{ label: string; event: TraceEvent; expected: RegExp }>([
    {
      label: "a drop with its disposition and reason",
      event: { ...base, type: "drop", key: "tcp.syn@r1", label: "tcp.syn", disposition: "NO_ROUTE", component: "r1 main", packet: { eth, ip, tcp }, decisions: [], provenance: { kind: "protocol", rule: "x" } },
      expected: /tcp\.syn@r1 +DROPPED: NO_ROUTE \(blame r1 main\)\n +because\n +\| eth /,
    },
    {
      label: "a cache lookup with its reason",
      event: { ...base, type: "cache", key: "cdn.cache@r1", cache: "edge", lookup: "/logo.png", status: "HIT", provenance: { kind: "protocol", rule: "x" } },
      expected: /cdn\.cache@r1 +edge \/logo\.png: HIT\n +because/,
    },
    {
      label: "a step with its protocol and title",
      event: { ...base, type: "step", key: "tls.keys@r1", protocol: "TLS", title: "Keys", details: {}, provenance: { kind: "protocol", rule: "x" } },
      expected: /tls\.keys@r1 +TLS: Keys\n +because/,
    },
    {
      label: "an ARP cache hit (no packet) with its reason",
      event: { ...base, type: "arp", key: "arp@r1", op: "cache-hit", packet: null, provenance: { kind: "protocol", rule: "x" } },
      expected: /arp@r1 +cache-hit\n +because/,
    },
  ])("shows $label", ({ event, expected }) => {
    expect(formatFlow(flow([event])).join("\n")).toMatch(expected);
  });
});
