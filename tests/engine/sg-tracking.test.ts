/**
 * Security groups track the connections they allow, like AWS: return traffic passes whatever the
 * rules say until the connection has been idle for the group's timeout, then meets the rules again.
 */
import { describe, expect, test } from "vitest";
import { lookupReturn, sgIdleTimeoutS, trackAllowed, type SgTable } from "@/lib/engine/sg-tracking";
import { awsVpc, flow, flowOf, outcome, request, trace } from "../helpers/fixture";

describe("idle timeouts (AWS defaults)", () => {
  test.each([
    { label: "TCP: 5 days", protocol: "TCP", replies: 0, seconds: 432_000 },
    { label: "UDP, one request and response: 30 s", protocol: "UDP", replies: 1, seconds: 30 },
    { label: "UDP stream, more than one response: 180 s", protocol: "UDP", replies: 2, seconds: 180 },
    { label: "ICMP: 30 s", protocol: "ICMP", replies: 0, seconds: 30 },
  ])("$label", ({ protocol, replies, seconds }) => {
    expect(sgIdleTimeoutS({ protocol, replies })).toBe(seconds);
  });
});

describe("return traffic of a tracked connection", () => {
  const KEY = "app:eth0|UDP|10.0.2.50|50000|10.0.0.2|53";
  const tracked = (): SgTable => {
    const table: SgTable = new Map();
    trackAllowed(table, KEY, "UDP", 0);
    return table;
  };
  test.each([
    { label: "29 s later: still tracked", at: 29_000, kind: "tracked" },
    { label: "exactly at the timeout: expired", at: 30_000, kind: "expired" },
    { label: "an hour later: expired", at: 3_600_000, kind: "expired" },
  ])("$label", ({ at, kind }) => {
    expect(lookupReturn(tracked(), KEY, at).kind).toBe(kind);
  });

  test("an expired entry says how long it was idle, and is gone after", () => {
    const table = tracked();
    expect(lookupReturn(table, KEY, 45_000)).toEqual({ kind: "expired", idleS: 45, timeoutS: 30 });
    expect(lookupReturn(table, KEY, 45_001)).toEqual({ kind: "untracked" });
  });

  test("each reply re-arms the timer, and the second makes a UDP flow a stream (180 s)", () => {
    const table = tracked();
    expect(lookupReturn(table, KEY, 20_000).kind).toBe("tracked");
    expect(lookupReturn(table, KEY, 45_000).kind).toBe("tracked");
    expect(lookupReturn(table, KEY, 45_000 + 179_000).kind).toBe("tracked");
  });

  test("an untracked connection is not return traffic", () => {
    expect(lookupReturn(new Map(), KEY, 0)).toEqual({ kind: "untracked" });
  });
});

describe("in a trace: web answers ops from the tuple ops opened earlier", () => {
  // ops-sg has no inbound rule: only connection tracking lets web's packet in.
  const later = (after: number) => trace(awsVpc({
    flows: [
      flow("out", "ops", [request("10.0.1.20", 80, { srcPort: 40000 })]),
      flow("back", "web", [request("10.0.1.30", 40000, { srcPort: 80 })], { after }),
    ],
  }));
  test("a day later the connection is still tracked: the packet reaches ops (no service there)", () => {
    expect(outcome(later(86_400), "back").disposition).toBe("PORT_CLOSED");
  });
  test("after 5 days idle it has expired: ops-sg's rules drop it, and the reason says why", () => {
    const t = later(432_001);
    expect(outcome(t, "back")).toMatchObject({ disposition: "DENIED_BY_SECURITY_GROUP", component: "ops-sg" });
    expect(flowOf(t, "back").outcome.reason).toMatch(/idle for 432001 s, longer than the group's 432000 s tracking timeout/);
  });
});
