/**
 * Packet filters of a cloud VPC: security groups (stateful, attached to an instance's interface,
 * allow-only, rules by CIDR or by source group) and network ACLs (stateless, per subnet, numbered
 * rules evaluated in order, first match wins, implicit deny at the end).
 */
import { contains } from "../net/cidr";
import { formatIpv4 } from "../net/ipv4";
import type { NaclModel, SecurityGroupModel, SecurityGroupRule } from "./model";
import { describeFlow, type Pkt } from "./packet";
import { RULE } from "./rules";
import { lookupReturn, trackAllowed, type SgLookup } from "./sg-tracking";
import type { Sim } from "./sim";
import type { RtInterface } from "./topology";
import type { Decision, Provenance } from "./trace-types";

export type FilterVerdict =
  | { readonly allowed: true; readonly decision: Decision }
  | { readonly allowed: false; readonly component: string; readonly reason: string; readonly provenance: Provenance };

function flowKey(p: Pkt): string {
  return `${p.proto}|${p.src}|${p.sport}|${p.dst}|${p.dport}`;
}
function reverseKey(p: Pkt): string {
  return `${p.proto}|${p.dst}|${p.dport}|${p.src}|${p.sport}`;
}

const UNTRACKED: SgLookup = { kind: "untracked" };

function portsMatch(rule: { protocol: string; ports: { min: number; max: number } }, p: Pkt): boolean {
  if (rule.protocol !== "all" && rule.protocol !== p.proto) return false;
  return rule.protocol === "all" || (p.dport >= rule.ports.min && p.dport <= rule.ports.max);
}

/** Addresses of every interface that carries a security group, for rules that name a source group. */
function groupMembers(sim: Sim, group: string): number[] {
  const out: number[] = [];
  for (const node of sim.topo.nodes.values()) {
    for (const i of node.interfaces) if (i.ip !== null && i.securityGroups.includes(group)) out.push(i.ip);
  }
  return out;
}

function sgRuleMatches(sim: Sim, rule: SecurityGroupRule, p: Pkt, peer: number): boolean {
  if (!portsMatch(rule, p)) return false;
  if (rule.source.kind === "cidr") return contains(rule.source.cidr, peer as never);
  return groupMembers(sim, rule.source.group).includes(peer);
}

/**
 * Security groups on an interface, for a packet entering (inbound) or leaving (outbound) the
 * instance. Return traffic of a tracked connection is allowed whatever the rules say (stateful).
 */
export function checkSecurityGroups(sim: Sim, iface: RtInterface, p: Pkt, direction: "inbound" | "outbound"): FilterVerdict | null {
  if (iface.securityGroups.length === 0) return null;
  const groups = iface.securityGroups.map((g) => sim.topo.securityGroups.get(g)).filter((g): g is SecurityGroupModel => g !== undefined);
  const names = iface.securityGroups.join(", ");
  const stateful = sim.rule(RULE["sg-stateful"]);
  const now = sim.state.clockMs;
  const returning = stateful ? lookupReturn(sim.state.sgFlows, `${iface.qualified}|${reverseKey(p)}`, now) : UNTRACKED;
  if (returning.kind === "tracked") {
    return {
      allowed: true,
      decision: {
        kind: "filter", reason: `Security group ${names}: this is return traffic of a connection it already allowed, and security groups are stateful.`,
        provenance: { kind: "rule", ruleset: names, rule: "connection tracking (return traffic)" },
      },
    };
  }
  const o = p.icmp?.original;
  const related = direction === "inbound" && o && stateful ? lookupReturn(sim.state.sgFlows, `${iface.qualified}|${o.proto}|${o.src}|${o.sport}|${o.dst}|${o.dport}`, now) : UNTRACKED;
  if (related.kind === "tracked") {
    return {
      allowed: true,
      decision: {
        kind: "filter", reason: `Security group ${names}: this ICMP error is about a connection the group allowed out, so connection tracking lets it in (as it lets traceroute work).`,
        provenance: { kind: "rule", ruleset: names, rule: "connection tracking (related ICMP error)" },
      },
    };
  }
  const expired = returning.kind === "expired" ? returning : related.kind === "expired" ? related : null;
  const afterExpiry = expired
    ? ` The connection it belongs to had been idle for ${expired.idleS} s, longer than the group's ${expired.timeoutS} s tracking timeout, so it is no longer return traffic and meets the rules.`
    : "";
  const peer = direction === "inbound" ? p.src : p.dst;
  for (const g of groups) {
    const rules = direction === "inbound" ? g.inbound : g.outbound;
    const rule = rules.find((r) => sgRuleMatches(sim, r, p, peer));
    if (rule) {
      trackAllowed(sim.state.sgFlows, `${iface.qualified}|${flowKey(p)}`, p.proto, now);
      return {
        allowed: true,
        decision: {
          kind: "filter", reason: `Security group ${g.id} allows ${direction} ${describeFlow(p)}: rule "${rule.text}".${afterExpiry}`,
          provenance: { kind: "rule", ruleset: g.id, rule: rule.text },
        },
      };
    }
  }
  const where = direction === "inbound" ? `from ${formatIpv4(p.src)}` : `to ${formatIpv4(p.dst)}`;
  return {
    allowed: false, component: groups[0]?.id ?? names,
    reason: `Security group ${names} on ${iface.qualified} has no ${direction} rule allowing ${p.proto} port ${p.dport} ${where}; security groups only allow, so anything not allowed is dropped.${afterExpiry}`,
    provenance: { kind: "rule", ruleset: names, rule: `no ${direction} rule matches (implicit deny)` },
  };
}

/**
 * A network ACL at a subnet boundary. `inbound` is evaluated for packets entering the subnet
 * (matched on their source), `outbound` for packets leaving it (matched on their destination).
 */
export function checkNacl(sim: Sim, nacl: NaclModel, subnet: string, p: Pkt, direction: "inbound" | "outbound"): FilterVerdict {
  const rules = [...(direction === "inbound" ? nacl.inbound : nacl.outbound)].sort((a, b) => a.number - b.number);
  const peer = direction === "inbound" ? p.src : p.dst;
  const match = rules.find((r) => portsMatch(r, p) && contains(r.cidr, peer as never));
  const stateKey = `nacl:${nacl.id}|${reverseKey(p)}`;
  if (!sim.rule(RULE["nacl-stateless"]) && lookupReturn(sim.state.sgFlows, stateKey, sim.state.clockMs).kind === "tracked") {
    return { allowed: true, decision: { kind: "filter", reason: `Network ACL ${nacl.id} lets the return traffic through.`, provenance: { kind: "rule", ruleset: nacl.id, rule: "return traffic" } } };
  }
  if (match && match.action === "allow") {
    trackAllowed(sim.state.sgFlows, `nacl:${nacl.id}|${flowKey(p)}`, p.proto, sim.state.clockMs);
    return {
      allowed: true,
      decision: {
        kind: "filter",
        reason: `Network ACL ${nacl.id} (${subnet}, ${direction}): rule ${match.number} "${match.text}" is the first match and allows ${describeFlow(p)}.`,
        provenance: { kind: "rule", ruleset: nacl.id, rule: `${match.number}: ${match.text}` },
      },
    };
  }
  return {
    allowed: false, component: nacl.id,
    reason: match
      ? `Network ACL ${nacl.id} (${subnet}, ${direction}): rule ${match.number} "${match.text}" is the first match and denies ${describeFlow(p)}.`
      : `Network ACL ${nacl.id} (${subnet}, ${direction}): no rule matches ${describeFlow(p)}, so the final "*" rule denies it. ACLs are stateless: return traffic needs its own rule.`,
    provenance: { kind: "rule", ruleset: nacl.id, rule: match ? `${match.number}: ${match.text}` : "*: deny all" },
  };
}
