/**
 * Cloud packet filters (lib/engine/firewall.ts) on the AWS fixture: security groups (stateful,
 * allow-only, by CIDR or by source group) and network ACLs (stateless, numbered, first match,
 * implicit deny).
 */
import { describe, expect, test } from "vitest";
import type { TraceEvent } from "@/lib/engine/trace-types";
import { awsVpc, decisions, events, flow, hop, outcome, probe, request, trace, type AwsVpcOptions } from "../helpers/fixture";

const APP = "10.0.2.50";
type Nacl = NonNullable<NonNullable<AwsVpcOptions["nacls"]>["private"]>;
const ALLOW_OUT: Nacl["outbound"] = [{ rule: 100, protocol: "all", cidr: "0.0.0.0/0", action: "allow" }];

const filterOf = (e: TraceEvent) => decisions(e).filter((d) => d.kind === "filter").map((d) => d.provenance);
const dropOf = (t: ReturnType<typeof trace>, flowId: string) => events(t, flowId, "drop")[0];

describe("security groups", () => {
  const t = trace(awsVpc({
    flows: [
      flow("web-to-app-8080", "web", [probe(APP, 8080)]),
      flow("ops-to-app-8080", "ops", [probe(APP, 8080)]),
      flow("ops-to-app-9000", "ops", [probe(APP, 9000)]),
      flow("web-to-app-22", "web", [probe(APP, 22)]),
      flow("user-to-web-80", "user", [probe("203.0.113.20", 80)]),
      flow("user-to-web-22", "user", [probe("203.0.113.20", 22)]),
    ],
  }));

  describe("allow rules", () => {
    test.each([
      ["by source group: web (in web-sg) to app:8080", "web-to-app-8080", "tcp.syn@app", { kind: "rule", ruleset: "app-sg", rule: "TCP port 8080 from sg:web-sg" }],
      ["by CIDR: ops (10.0.1.30, in 10.0.1.0/24) to app:9000", "ops-to-app-9000", "tcp.syn@app", { kind: "rule", ruleset: "app-sg", rule: "TCP port 9000 from 10.0.1.0/24" }],
      ["by CIDR 0.0.0.0/0: a user on the internet to web:80", "user-to-web-80", "tcp.syn@web", { kind: "rule", ruleset: "web-sg", rule: "TCP port 80 from 0.0.0.0/0" }],
    ])("%s", (_label, flowId, key, provenance) => {
      expect(outcome(t, flowId).disposition).toBe("DELIVERED");
      expect(filterOf(hop(t, flowId, key))).toEqual([provenance]);
    });

    test("the default outbound rule lets the sender's SYN out", () => {
      expect(filterOf(hop(t, "web-to-app-8080", "tcp.syn@web"))).toEqual([{ kind: "rule", ruleset: "web-sg", rule: "all traffic to 0.0.0.0/0" }]);
    });
  });

  describe("implicit deny, naming the group", () => {
    test.each([
      ["ops is in 10.0.1.0/24 but not in web-sg: app:8080", "ops-to-app-8080", "app", "app-sg", "tcp.syn@app"],
      ["no rule for port 22 on app", "web-to-app-22", "app", "app-sg", "tcp.syn@app"],
      ["no rule for port 22 on web, from the internet", "user-to-web-22", "web", "web-sg", "tcp.syn@web"],
    ])("%s", (_label, flowId, node, group, key) => {
      expect(outcome(t, flowId)).toEqual({ disposition: "DENIED_BY_SECURITY_GROUP", node, component: group });
      const drop = dropOf(t, flowId)!;
      expect(drop.key).toBe(key);
      expect(drop.provenance).toEqual({ kind: "rule", ruleset: group, rule: "no inbound rule matches (implicit deny)" });
    });
  });

  describe("stateful: return traffic needs no rule", () => {
    test.each([
      ["web's SYN-ACK leaving for the user (web-sg has no outbound rule of its own for it)", "user-to-web-80", "tcp.syn-ack@web"],
      ["app's SYN-ACK arriving at web (no inbound rule for web's ephemeral port)", "web-to-app-8080", "tcp.syn-ack@web"],
      ["app's FIN-ACK arriving at web", "web-to-app-8080", "tcp.fin-ack@web"],
    ])("%s", (_label, flowId, key) => {
      expect(outcome(t, flowId).disposition).toBe("DELIVERED");
      expect(filterOf(hop(t, flowId, key))).toEqual([{ kind: "rule", ruleset: "web-sg", rule: "connection tracking (return traffic)" }]);
    });

    // An ICMP error about a connection the group allowed out is related traffic, let back in like
    // any reply (Linux conntrack RELATED; traceroute works from an EC2 instance). A probe with TTL 1
    // from app dies at the NAT gateway, whose time-exceeded comes back to app, and
    // lib/engine/firewall.ts checkSecurityGroups matches it only against app-sg's inbound rules
    // (TCP 8080/9000): the error is dropped with DENIED_BY_SECURITY_GROUP instead of delivered.
    test("an ICMP error about an allowed connection is let back in", () => {
      const t2 = trace(awsVpc({ flows: [flow("p", "app", [probe("91.189.88.152", 80, { ttl: 1 })])] }));
      expect(outcome(t2, "p").disposition).toBe("TTL_EXCEEDED");
      expect(hop(t2, "p", "icmp.time-exceeded@app").type).toBe("deliver");
    });

    test("with stateful tracking switched off, the same return traffic is denied", () => {
      const off = trace(awsVpc({ flows: [flow("web-to-app-8080", "web", [probe(APP, 8080)])] }), 0, { "sg-stateful": false });
      expect(outcome(off, "web-to-app-8080")).toEqual({ disposition: "DENIED_BY_SECURITY_GROUP", node: "web", component: "web-sg" });
      expect(dropOf(off, "web-to-app-8080")!.key).toBe("tcp.syn-ack@web");
    });
  });
});

describe("network ACLs", () => {
  // Written out of numeric order on purpose: the ACL is evaluated by rule number.
  const numbered: Nacl = {
    inbound: [
      { rule: 100, protocol: "all", cidr: "10.0.0.0/16", action: "allow" },
      { rule: 90, protocol: "tcp", ports: 9000, cidr: "10.0.1.30/32", action: "deny" },
      { rule: 200, protocol: "tcp", ports: 8080, cidr: "10.0.1.20/32", action: "deny" },
    ],
    outbound: ALLOW_OUT,
  };
  const t = trace(awsVpc({
    nacls: { private: numbered },
    flows: [
      flow("ops-to-app-9000", "ops", [probe(APP, 9000)]),
      flow("web-to-app-9000", "web", [probe(APP, 9000)]),
      flow("web-to-app-8080", "web", [probe(APP, 8080)]),
    ],
  }));

  describe("numbered rules, first match wins", () => {
    test("a deny numbered before an allow wins (90 deny beats 100 allow), at the VPC router", () => {
      expect(outcome(t, "ops-to-app-9000")).toEqual({ disposition: "DENIED_BY_NETWORK_ACL", node: "vpc-router", component: "private-nacl" });
      expect(dropOf(t, "ops-to-app-9000")!.provenance).toEqual({ kind: "rule", ruleset: "private-nacl", rule: "90: DENY TCP port 9000 from 10.0.1.30/32" });
    });
    test.each([
      ["another source does not match rule 90: rule 100 allows it", "web-to-app-9000"],
      ["a deny numbered after the matching allow (200) never applies", "web-to-app-8080"],
    ])("%s", (_label, flowId) => {
      expect(outcome(t, flowId).disposition).toBe("DELIVERED");
      expect(filterOf(hop(t, flowId, "tcp.syn@vpc-router"))).toEqual([{ kind: "rule", ruleset: "private-nacl", rule: "100: ALLOW all all ports from 10.0.0.0/16" }]);
    });
    test("the NACL is checked before the security group: ops:9000 never reaches app-sg", () => {
      expect(events(t, "ops-to-app-9000", "hop").map((e) => e.node)).toEqual(["ops"]);
    });
  });

  describe("implicit deny", () => {
    const empty = trace(awsVpc({ nacls: { private: { inbound: [], outbound: ALLOW_OUT } }, flows: [flow("f", "web", [probe(APP, 8080)])] }));
    test("no rule matches: the final * rule denies, naming the ACL", () => {
      expect(outcome(empty, "f")).toEqual({ disposition: "DENIED_BY_NETWORK_ACL", node: "vpc-router", component: "private-nacl" });
      expect(dropOf(empty, "f")!.provenance).toEqual({ kind: "rule", ruleset: "private-nacl", rule: "*: deny all" });
    });
  });

  describe("stateless: return traffic to ephemeral ports needs its own rule", () => {
    const inboundOnlyVpc: Nacl = { inbound: [{ rule: 100, protocol: "all", cidr: "10.0.0.0/16", action: "allow" }], outbound: ALLOW_OUT };
    const withEphemeral: Nacl = { inbound: [...inboundOnlyVpc.inbound, { rule: 110, protocol: "tcp", ports: [1024, 65535], cidr: "0.0.0.0/0", action: "allow" }], outbound: ALLOW_OUT };
    const update = (nacl: Nacl, world?: Parameters<typeof trace>[2]) => trace(awsVpc({ nacls: { private: nacl }, flows: [flow("update", "app", [request("91.189.88.152", 80, { srcPort: 54321 })])] }), 0, world);

    test("without an ephemeral-port rule, the mirror's SYN-ACK is dropped entering the private subnet", () => {
      const t2 = update(inboundOnlyVpc);
      expect(outcome(t2, "update")).toEqual({ disposition: "DENIED_BY_NETWORK_ACL", node: "vpc-router", component: "private-nacl" });
      const drop = dropOf(t2, "update")!;
      expect(drop.key).toBe("tcp.syn-ack@vpc-router~2");
      expect(drop.reason).toMatch(/return traffic needs its own rule/);
      // The outbound SYN went out fine: the NACL allowed it.
      expect(filterOf(hop(t2, "update", "tcp.syn@vpc-router"))).toEqual([{ kind: "rule", ruleset: "private-nacl", rule: "100: ALLOW all all ports to 0.0.0.0/0" }]);
    });

    test("rule 110 (TCP 1024-65535 from anywhere) lets the return traffic in", () => {
      const t2 = update(withEphemeral);
      expect(outcome(t2, "update").disposition).toBe("DELIVERED");
      expect(filterOf(hop(t2, "update", "tcp.syn-ack@vpc-router~2"))).toEqual([{ kind: "rule", ruleset: "private-nacl", rule: "110: ALLOW TCP ports 1024-65535 from 0.0.0.0/0" }]);
    });

    test("in the world of the misconception (stateful ACLs) it would have worked", () => {
      expect(outcome(update(inboundOnlyVpc, { "nacl-stateless": false }), "update").disposition).toBe("DELIVERED");
    });

    test("an ACL on the public subnet filters the NAT gateway's traffic too", () => {
      const pub: Nacl = { inbound: [{ rule: 100, protocol: "all", cidr: "10.0.0.0/16", action: "allow" }], outbound: ALLOW_OUT };
      const t2 = trace(awsVpc({ nacls: { public: pub }, flows: [flow("update", "app", [request("91.189.88.152", 80)])] }));
      expect(outcome(t2, "update")).toEqual({ disposition: "DENIED_BY_NETWORK_ACL", node: "vpc-router", component: "public-nacl" });
      expect(dropOf(t2, "update")!.key).toBe("tcp.syn-ack@vpc-router");
    });
  });
});
