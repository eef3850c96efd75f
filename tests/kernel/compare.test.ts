/**
 * The pure half of `npm run test:kernel`: reading tcpdump's pcap files, making sequence numbers
 * relative, merging Linux's four-segment close, matching conntrack lines, and the declared
 * simplifications being shown to learners. (The namespaces themselves run in scripts/kernel/run.ts.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { SIMPLIFICATIONS, declaredFor } from "@/lib/engine/simplifications";
import { compareLink, conntrackNat, conntrackState, dropRetransmissions, mergeCloseAcks, natMatches, rows, simulatedStates } from "../../scripts/kernel/compare";
import { flow, homeNetwork, probe, trace } from "../helpers/fixture";
import { parsePcap } from "../../scripts/kernel/pcap";

const mac = (last: number) => [2, 0, 0, 0, 0, last];

function ethernet(dst: number[], src: number[], type: number, payload: number[]): number[] {
  return [...dst, ...src, type >> 8, type & 255, ...payload];
}

function ipv4(src: number[], dst: number[], ttl: number, proto: number, l4: number[]): number[] {
  const len = 20 + l4.length;
  return [0x45, 0, len >> 8, len & 255, 0, 0, 0, 0, ttl, proto, 0, 0, ...src, ...dst, ...l4];
}

const u16 = (n: number) => [n >> 8, n & 255];
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const tcp = (sport: number, dport: number, seq: number, ack: number, flags: number) => [...u16(sport), ...u16(dport), ...u32(seq), ...u32(ack), 0x50, flags, 0, 0, 0, 0, 0, 0];

function pcap(frames: number[][]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20);
  const records = frames.map((f) => {
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(f.length, 8);
    rec.writeUInt32LE(f.length, 12);
    return Buffer.concat([rec, Buffer.from(f)]);
  });
  return Buffer.concat([header, ...records]);
}

const A = [10, 0, 0, 1];
const B = [10, 0, 0, 2];
const SYN = 0x02;

describe("parsePcap", () => {
  test("reads ARP, TCP and an ICMP error with the header it carries", () => {
    const arp = ethernet([255, 255, 255, 255, 255, 255], mac(1), 0x0806, [0, 1, 8, 0, 6, 4, 0, 1, ...mac(1), ...A, 0, 0, 0, 0, 0, 0, ...B]);
    const syn = ethernet(mac(2), mac(1), 0x0800, ipv4(A, B, 64, 6, tcp(40000, 80, 1000, 0, SYN)));
    const inner = ipv4(A, B, 1, 6, tcp(40000, 80, 1000, 0, SYN)).slice(0, 28);
    const icmp = ethernet(mac(1), mac(2), 0x0800, ipv4(B, A, 64, 1, [11, 0, 0, 0, 0, 0, 0, 0, ...inner]));
    const frames = parsePcap(pcap([arp, syn, icmp]));
    expect(frames).toEqual([
      { ethSrc: "02:00:00:00:00:01", ethDst: "FF:FF:FF:FF:FF:FF", arp: { op: "request", senderMac: "02:00:00:00:00:01", senderIp: "10.0.0.1", targetIp: "10.0.0.2" } },
      { ethSrc: "02:00:00:00:00:01", ethDst: "02:00:00:00:00:02", ip: { src: "10.0.0.1", dst: "10.0.0.2", ttl: 64, protocol: "TCP" }, sport: 40000, dport: 80, tcp: { seq: 1000, ack: 0, flags: ["SYN"] } },
      { ethSrc: "02:00:00:00:00:02", ethDst: "02:00:00:00:00:01", ip: { src: "10.0.0.2", dst: "10.0.0.1", ttl: 64, protocol: "ICMP" }, icmp: { type: 11, code: 0, inner: "TCP 10.0.0.1:40000 -> 10.0.0.2:80" } },
    ]);
  });

  test("rejects a file that is not a pcap", () => {
    expect(() => parsePcap(Buffer.alloc(40, 7))).toThrow("not a pcap file");
  });
});

const frame = (src: string, dst: string, sport: number, dport: number, flags: string[], seq: number, ack: number) =>
  ({ link: "lan", ethSrc: "02:00:00:00:00:01", ethDst: "02:00:00:00:00:02", src, dst, ttl: 64, proto: "TCP", sport, dport, flags, seq, ack, free: {} });

describe("sequence numbers and the close", () => {
  const open = [
    frame("10.0.0.1", "10.0.0.2", 40000, 80, ["SYN"], 5000, 0),
    frame("10.0.0.2", "10.0.0.1", 80, 40000, ["SYN", "ACK"], 9000, 5001),
    frame("10.0.0.1", "10.0.0.2", 40000, 80, ["ACK", "FIN"], 5001, 9001),
  ];

  test("seq and ack are relative to each side's ISN", () => {
    expect(rows(open).map((r) => `${r.fields.seq}/${r.fields.ack}`)).toEqual(["0/-", "0/1", "1/1"]);
  });

  test.each([
    { label: "ACK then FIN-ACK from the server is merged", extra: [frame("10.0.0.2", "10.0.0.1", 80, 40000, ["ACK"], 9001, 5002), frame("10.0.0.2", "10.0.0.1", 80, 40000, ["ACK", "FIN"], 9001, 5002)], merged: 1, left: 4 },
    { label: "a FIN-ACK straight away needs no merge", extra: [frame("10.0.0.2", "10.0.0.1", 80, 40000, ["ACK", "FIN"], 9001, 5002)], merged: 0, left: 4 },
    { label: "an ACK with no FIN after it is kept", extra: [frame("10.0.0.2", "10.0.0.1", 80, 40000, ["ACK"], 9001, 5002)], merged: 0, left: 4 },
  ])("$label", ({ extra, merged, left }) => {
    const r = mergeCloseAcks([...open, ...extra]);
    expect(r.merged).toBe(merged);
    expect(r.frames).toHaveLength(left);
  });

  const syn = open[0]!;
  const arp = { link: "lan", ethSrc: "02:00:00:00:00:02", ethDst: "ff:ff:ff:ff:ff:ff", arp: "request who-has 10.0.0.1 tell 10.0.0.2", free: {} };
  test.each([
    { label: "a SYN resent a second later is left out", frames: [syn, syn, ...open.slice(1)], dropped: 1 },
    { label: "a FIN seen twice is kept (the close is compared as Linux does it)", frames: [...open, open[2]!], dropped: 0 },
    { label: "a SYN resent after an ARP exchange is left out, the ARP kept", frames: [syn, syn, arp, ...open.slice(1)], dropped: 1 },
    { label: "the same SYN on another link is not a retransmission", frames: [syn, { ...syn, link: "wan" }], dropped: 0 },
    { label: "a new connection's SYN (another ISN) is kept", frames: [syn, { ...syn, seq: 7000 }], dropped: 0 },
    { label: "a resent SYN, SYN-ACK and the ACK answering each: one copy each kept", frames: [syn, syn, open[1]!, open[1]!, frame("10.0.0.1", "10.0.0.2", 40000, 80, ["ACK"], 5001, 9001), frame("10.0.0.1", "10.0.0.2", 40000, 80, ["ACK"], 5001, 9001)], dropped: 3 },
    { label: "ACKs with other numbers are kept", frames: [frame("10.0.0.1", "10.0.0.2", 40000, 80, ["ACK"], 5001, 9001), frame("10.0.0.1", "10.0.0.2", 40000, 80, ["ACK"], 5002, 9002)], dropped: 0 },
  ])("retransmissions: $label", ({ frames, dropped }) => {
    const r = dropRetransmissions(frames);
    expect(r.dropped).toBe(dropped);
    expect(r.frames).toHaveLength(frames.length - dropped);
  });

  test("a port the simulator's policy leaves free may differ; any other field may not", () => {
    const sim = rows([{ ...frame("10.0.0.1", "10.0.0.2", 40000, 80, ["SYN"], 1, 0), free: { "l4.srcPort": { kind: "range", min: 1024, max: 65535, why: "" } } }]);
    const kernel = rows([frame("10.0.0.1", "10.0.0.2", 51000, 80, ["SYN"], 7, 0)]);
    expect(compareLink("lan", sim, kernel)).toEqual([]);
    const wrongTtl = rows([{ ...frame("10.0.0.1", "10.0.0.2", 51000, 80, ["SYN"], 7, 0), ttl: 63 }]);
    expect(compareLink("lan", sim, wrongTtl).map((d) => d.field)).toEqual(["ttl"]);
  });
});

describe("conntrack lines", () => {
  test.each([
    { label: "source NAT", line: "tcp      6 117 TIME_WAIT src=192.168.1.10 dst=203.0.113.10 sport=40000 dport=80 src=203.0.113.10 dst=203.0.113.50 sport=80 dport=40000 [ASSURED] mark=0 use=1", want: "snat TCP 192.168.1.10:40000 -> 203.0.113.50:40000 -> 203.0.113.10:80" },
    { label: "destination NAT", line: "tcp      6 117 TIME_WAIT src=10.244.1.10 dst=10.96.0.10 sport=40000 dport=80 src=10.244.2.10 dst=10.244.1.10 sport=8080 dport=40000 [ASSURED] mark=0 use=1", want: "dnat TCP 10.244.1.10:40000 -> 10.244.2.10:8080 -> 10.96.0.10:80" },
    { label: "untranslated", line: "tcp      6 117 TIME_WAIT src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=80 src=10.0.0.2 dst=10.0.0.1 sport=80 dport=40000 [ASSURED] mark=0 use=1", want: null },
  ])("$label", ({ line, want }) => {
    expect(conntrackNat(line)).toBe(want);
  });

  test("a translated port the policy allows matches; one outside it does not", () => {
    const sim = { text: "snat TCP 192.168.1.11:40000 -> 203.0.113.50:6994 -> 203.0.113.10:80", free: { kind: "range" as const, min: 1024, max: 65535, why: "" } };
    expect(natMatches(sim, "snat TCP 192.168.1.11:40000 -> 203.0.113.50:62039 -> 203.0.113.10:80")).toBe(true);
    expect(natMatches(sim, "snat TCP 192.168.1.11:40000 -> 203.0.113.50:80 -> 203.0.113.10:80")).toBe(false);
    expect(natMatches({ ...sim, free: null }, "snat TCP 192.168.1.11:40000 -> 203.0.113.50:62039 -> 203.0.113.10:80")).toBe(false);
  });
});

describe("declared simplifications", () => {
  const doc = readFileSync(path.resolve(__dirname, "../../docs/simulator-vs-kernel.md"), "utf8");

  test.each(SIMPLIFICATIONS.map((s) => [s.id, s] as const))("%s is explained to learners in docs/simulator-vs-kernel.md", (_id, s) => {
    expect(doc).toContain(`### ${s.id}: ${s.title}`);
    expect(doc.replace(/\s+/g, " ")).toContain(s.explanation);
  });

  test("only a declared field is accepted", () => {
    expect(declaredFor("home-nat", { field: "tcp-close" })?.id).toBe("tcp-close-fin-ack");
    expect(declaredFor("home-nat", { field: "ttl" })).toBeNull();
  });
});

describe("conntrack states", () => {
  test.each([
    ["a closed TCP connection", "tcp      6 119 TIME_WAIT src=192.168.1.10 dst=203.0.113.10 sport=40000 dport=80 src=203.0.113.10 dst=203.0.113.50 sport=80 dport=40000 [ASSURED] mark=0 use=1", "TIME_WAIT", 119],
    ["a TCP connection still opening", "tcp      6 118 SYN_SENT src=192.168.1.10 dst=198.51.100.10 sport=40000 dport=80 [UNREPLIED] src=198.51.100.10 dst=203.0.113.50 sport=80 dport=40000 mark=0 use=1", "SYN_SENT", 118],
    ["an unanswered UDP datagram", "udp      17 29 src=192.168.1.10 dst=8.8.8.8 sport=5353 dport=53 [UNREPLIED] src=8.8.8.8 dst=203.0.113.50 sport=53 dport=5353 mark=0 use=1", "UNREPLIED", 29],
    ["a UDP stream", "udp      17 117 src=192.168.1.10 dst=8.8.8.8 sport=5353 dport=53 src=8.8.8.8 dst=203.0.113.50 sport=53 dport=5353 [ASSURED] mark=0 use=1", "ASSURED", 117],
  ])("reads %s", (_label, line, state, timeoutS) => {
    expect(conntrackState(line)).toEqual({ state, timeoutS });
  });

  test("the simulator's entry ends a closed probe in TIME_WAIT with 120 s left, keyed like simulatedNat", () => {
    const t = trace(homeNetwork({ flows: [flow("p", "laptop", [probe("198.51.100.10", 80, { srcPort: 40000 })])] }));
    expect([...simulatedStates(t)]).toEqual([["home-router snat TCP 192.168.1.10:40000 -> 203.0.113.50:10001 -> 198.51.100.10:80", { state: "TIME_WAIT", timeoutS: 120 }]]);
  });
});
