/**
 * Conntrack states and lifetimes: each packet moves a tracked connection through Linux's states
 * and re-arms its timeout; an entry whose timeout runs out is removed and its NAT port is free
 * again, while an entry still alive (TIME_WAIT after a close, ESTABLISHED while a flow keeps its
 * connection open) keeps its port taken. Time passes between flows with a flow's `after`.
 */
import { describe, expect, test } from "vitest";
import {
  AWS_NAT_GATEWAY_TIMEOUTS, LINUX_TIMEOUTS, nextDatagramState, nextTcpState, newLife, timeoutOf, touch,
  type CtDirection, type CtState,
} from "@/lib/engine/conntrack-state";
import type { TcpFlag } from "@/lib/engine/trace-types";
import { awsVpc, decisions, events, flow, homeNetwork, hop, load, request, resolve, trace } from "../helpers/fixture";
import type { StepInput } from "../helpers/fixture";

const WEB = "198.51.100.10";
const ONE_PORT = { policy: "sequential" as const, first: 10001, last: 10001 };
const open = (step: StepInput): StepInput => ({ ...step, keepOpen: true }) as StepInput;

describe("the TCP state table (Linux nf_conntrack_proto_tcp, as endpoints drive it)", () => {
  const cases: [string, CtState, CtDirection[], CtDirection, TcpFlag[], CtState][] = [
    ["the SYN-ACK answers the SYN", "SYN_SENT", [], "reply", ["SYN", "ACK"], "SYN_RECV"],
    ["the client's ACK completes the handshake", "SYN_RECV", [], "original", ["ACK"], "ESTABLISHED"],
    ["a SYN-ACK from the client's side does not", "SYN_SENT", [], "original", ["SYN", "ACK"], "SYN_SENT"],
    ["the first FIN starts closing", "ESTABLISHED", [], "original", ["FIN", "ACK"], "FIN_WAIT"],
    ["the ACK of a lone FIN half-closes", "FIN_WAIT", ["original"], "reply", ["ACK"], "CLOSE_WAIT"],
    ["the second FIN waits for the last ACK", "FIN_WAIT", ["original"], "reply", ["FIN", "ACK"], "LAST_ACK"],
    ["the last ACK from the side that closed first: TIME_WAIT", "LAST_ACK", ["original", "reply"], "original", ["ACK"], "TIME_WAIT"],
    ["an ACK from the other side is not the last ACK", "LAST_ACK", ["original", "reply"], "reply", ["ACK"], "LAST_ACK"],
    ["a RST closes from any state", "ESTABLISHED", [], "reply", ["RST"], "CLOSE"],
    ["a new SYN reopens a TIME_WAIT entry", "TIME_WAIT", ["original", "reply"], "original", ["SYN"], "SYN_SENT"],
  ];
  test.each(cases)("%s: %s + %s/%s -> %s", (_label, from, fins, dir, flags, to) => {
    expect(nextTcpState(from, fins, dir, flags).state).toBe(to);
  });

  test.each([
    ["UNREPLIED", "original", "UNREPLIED"], ["UNREPLIED", "reply", "REPLIED"], ["REPLIED", "original", "ASSURED"], ["REPLIED", "reply", "ASSURED"],
  ] as const)("UDP %s + a packet in the %s direction -> %s", (from, dir, to) => {
    expect(nextDatagramState(from, dir)).toBe(to);
  });
});

describe("timeouts", () => {
  test.each([
    ["TCP", ["SYN"], [], "SYN_SENT", 120],
    ["TCP", ["SYN"], [["reply", ["SYN", "ACK"]], ["original", ["ACK"]]], "ESTABLISHED", 432_000],
    ["TCP", ["SYN"], [["reply", ["SYN", "ACK"]], ["original", ["ACK"]], ["original", ["FIN", "ACK"]], ["reply", ["FIN", "ACK"]], ["original", ["ACK"]]], "TIME_WAIT", 120],
    ["TCP", ["SYN"], [["reply", ["RST"]]], "CLOSE", 10],
    ["UDP", [], [], "UNREPLIED", 30],
    ["UDP", [], [["reply", []], ["original", []]], "ASSURED", 120],
    ["ICMP", [], [], "UNREPLIED", 30],
  ] as [("TCP" | "UDP" | "ICMP"), TcpFlag[], [CtDirection, TcpFlag[]][], CtState, number][])("Linux: %s %j then %j is %s for %i s", (proto, first, packets, state, seconds) => {
    const life = newLife(proto, first, 0, LINUX_TIMEOUTS, "Linux");
    for (const [dir, flags] of packets) touch(life, dir, flags, 1000);
    expect(life.state).toBe(state);
    expect(timeoutOf(life)).toBe(seconds);
    expect(life.expiresAtMs).toBe((packets.length > 0 ? 1000 : 0) + seconds * 1000);
  });

  test("an AWS NAT gateway lets no state outlive its 350 s idle timeout", () => {
    expect(AWS_NAT_GATEWAY_TIMEOUTS.ESTABLISHED).toBe(350);
    expect(AWS_NAT_GATEWAY_TIMEOUTS.TIME_WAIT).toBe(120);
    expect(Math.max(...Object.values(AWS_NAT_GATEWAY_TIMEOUTS))).toBe(350);
  });
});

describe("a one-port NAT over time (home router, Linux timeouts)", () => {
  const second = (after: number, keepFirstOpen = false) => trace(homeNetwork({
    natPorts: ONE_PORT,
    flows: [
      flow("first", "laptop", [keepFirstOpen ? open(request(WEB, 80, { srcPort: 50000 })) : request(WEB, 80, { srcPort: 50000 })]),
      flow("second", "laptop", [request(WEB, 80, { srcPort: 50001 })], { after }),
    ],
  }));
  test.each([
    ["closed, straight after: the first entry is in TIME_WAIT and still holds the port", 0, false, "NAT_PORT_EXHAUSTED"],
    ["closed, 119 s later: still TIME_WAIT", 119, false, "NAT_PORT_EXHAUSTED"],
    ["closed, 121 s later: TIME_WAIT (120 s) has expired, the port is free", 121, false, "DELIVERED"],
    ["left open, an hour later: ESTABLISHED lasts five days", 3600, true, "NAT_PORT_EXHAUSTED"],
    ["left open, 432001 s later: even ESTABLISHED expires", 432_001, true, "DELIVERED"],
  ] as const)("%s", (_label, after, keepOpen, disposition) => {
    expect(second(after, keepOpen).flows[1]!.outcome.disposition).toBe(disposition);
  });

  test("the expiry is in the trace, naming the state and its timeout, and the port is reused", () => {
    const t = second(121);
    const [expired] = events(t, "second", "nat").filter((e) => e.action === "expire");
    expect(expired?.node).toBe("home-router");
    expect(expired?.entry.translated).toBe("203.0.113.50:10001");
    expect(expired?.reason).toMatch(/TIME_WAIT entry .* no packet for 121 s, and an entry in TIME_WAIT lives 120 s without traffic \(Linux conntrack defaults\)/);
    expect(events(t, "second", "nat").find((e) => e.action === "create")?.entry.translated).toBe("203.0.113.50:10001");
  });

  test("nothing expires while the entry is alive", () => {
    expect(events(second(60), "second", "nat").filter((e) => e.action === "expire")).toEqual([]);
  });
});

describe("other protocols and policies over time", () => {
  const dnsThen = (after: number) => trace(homeNetwork({
    natPorts: ONE_PORT,
    flows: [flow("lookup", "laptop", [resolve("example.com")]), flow("visit", "laptop", [request(WEB, 80, { srcPort: 50000 })], { after })],
  }));
  const linuxThen = (after: number) => trace(homeNetwork({
    phone: true, natPorts: { policy: "linux", first: 50000, last: 50000 },
    flows: [flow("laptop", "laptop", [request(WEB, 80, { srcPort: 50000 })]), flow("phone", "phone", [request(WEB, 80, { srcPort: 50000 })], { after })],
  }));
  test.each([
    ["a DNS query's UDP entry (REPLIED, 30 s) holds the only port 29 s later", () => dnsThen(29), "NAT_PORT_EXHAUSTED"],
    ["and has expired 31 s later", () => dnsThen(31), "DELIVERED"],
    ["linux policy: the port towards the same destination is held in TIME_WAIT", () => linuxThen(0), "NAT_PORT_EXHAUSTED"],
    ["linux policy: 121 s later the other client gets it", () => linuxThen(121), "DELIVERED"],
  ] as const)("%s", (_label, run, disposition) => {
    expect(run().flows[1]!.outcome.disposition).toBe(disposition);
  });

  test("the DNS entry is created UNREPLIED (30 s) and its reply marks it REPLIED", () => {
    const t = dnsThen(0);
    const created = events(t, "lookup", "nat")[0]!;
    expect(created.entry.protocol).toBe("UDP");
    expect(created.reason).toMatch(/UNREPLIED, expires in 30 s/);
    const reply = events(t, "lookup", "hop").flatMap((e) => e.decisions).find((d) => d.kind === "unsnat");
    expect(reply?.reason).toMatch(/REPLIED, expires in 30 s/);
  });
});

describe("the trace names each state as the connection's packets cross the NAT", () => {
  const t = trace(homeNetwork({ flows: [flow("visit", "laptop", [request(WEB, 80, { srcPort: 50000 })])] }));
  const reasonAt = (key: string, kind: string) => decisions(hop(t, "visit", key)).find((d) => d.kind === kind)?.reason ?? "";
  test.each([
    ["the SYN creates the entry", () => events(t, "visit", "nat")[0]!.reason, /SYN_SENT, expires in 120 s/],
    ["the SYN-ACK is un-SNATed in SYN_RECV", () => reasonAt("tcp.syn-ack@home-router", "unsnat"), /SYN_RECV, expires in 60 s/],
    ["the ACK establishes it", () => reasonAt("tcp.ack@home-router", "snat"), /ESTABLISHED, expires in 432000 s/],
    ["the final ACK leaves it in TIME_WAIT", () => reasonAt("tcp.last-ack@home-router", "snat"), /TIME_WAIT, expires in 120 s/],
  ] as const)("%s", (_label, reason, pattern) => {
    expect(reason()).toMatch(pattern);
  });
});

describe("AWS NAT gateway: 350 s idle timeout", () => {
  const later = (after: number) => trace(awsVpc({
    flows: [
      flow("open", "app", [open(request("91.189.88.152", 80, { srcPort: 54321 }))]),
      flow("later", "app", [request("91.189.88.152", 80, { srcPort: 54322 })], { after }),
    ],
  }));
  const expiries = (t: ReturnType<typeof trace>) => events(t, "later", "nat").filter((e) => e.action === "expire");
  test("an open connection idle for 351 s is dropped by the gateway", () => {
    const [e] = expiries(later(351));
    expect(e?.node).toBe("nat-gw");
    expect(e?.reason).toMatch(/ESTABLISHED entry .* no packet for 351 s, and an entry in ESTABLISHED lives 350 s without traffic \(AWS NAT gateway: 350 s idle timeout\)/);
  });
  test("idle for 300 s it is still there", () => {
    expect(expiries(later(300))).toEqual([]);
  });
});

describe("flows over time", () => {
  const two = (after: number, keepOpen: boolean) => trace(homeNetwork({
    flows: [
      flow("first", "laptop", [keepOpen ? open(request(WEB, 80, { srcPort: 50000 })) : request(WEB, 80, { srcPort: 50000 })]),
      flow("second", "laptop", [request(WEB, 80, { srcPort: 50001 })], { after }),
    ],
  }));
  test("the time before a flow (after) is not part of its latency", () => {
    expect(two(100, false).flows[1]!.latency.totalMs).toBe(two(0, false).flows[1]!.latency.totalMs);
  });
  test.each([
    ["a kept-open connection sends no FIN and says it is left open", true, ["tcp.left-open@laptop"], []],
    ["a closed one sends its FIN", false, [], ["tcp.fin@laptop"]],
  ] as const)("%s", (_label, keepOpen, present, fin) => {
    const keys = events(two(0, keepOpen), "first").map((e) => e.key);
    expect(keys.filter((k) => k === "tcp.left-open@laptop")).toEqual(present);
    expect(keys.filter((k) => k === "tcp.fin@laptop")).toEqual(fin);
  });
});

describe("scenario format", () => {
  test.each([
    ["after defaults to 0", {}, 0],
    ["after in seconds", { after: 90 }, 90],
  ] as const)("%s", (_label, extra, seconds) => {
    const file = load(homeNetwork({ flows: [flow("f", "laptop", [request(WEB, 80)], extra)] }));
    expect(file.flows[0]!.after).toBe(seconds);
  });
  test.each([["a negative after", { after: -1 }], ["a keepOpen that is not a boolean", null]] as const)("rejects %s", (_label, extra) => {
    const step = extra === null ? ({ ...request(WEB, 80), keepOpen: "yes" } as unknown as StepInput) : request(WEB, 80);
    expect(() => load(homeNetwork({ flows: [flow("f", "laptop", [step], extra ?? {})] }))).toThrow();
  });
});
