/**
 * Conntrack as the trace shows it: which timeouts a node uses (Linux's defaults, or an AWS NAT
 * gateway's 350 s idle timeout), each packet updating its entry's state, and expired entries
 * removed with an event saying which state ran out and that its port is free again.
 */
import { describeEntry, expireConntrack, lookupConntrack, noteExpiry, type CtEntry, type CtHit } from "./conntrack";
import { AWS_NAT_GATEWAY_IDLE_TIMEOUT_S, AWS_NAT_GATEWAY_TIMEOUTS, describeLife, LINUX_TIMEOUTS, newLife, timeoutOf, touch, type CtLife } from "./conntrack-state";
import type { Pkt } from "./packet";
import type { Sim } from "./sim";
import type { RtNode } from "./topology";

/**
 * The timeouts a node's conntrack uses: Linux's defaults, or an AWS NAT gateway's 350 s idle
 * timeout (no state outlives it).
 */
export function lifeFor(sim: Sim, node: RtNode, p: Pkt): CtLife {
  const aws = node.model.kind === "nat-gateway";
  const protocol = p.proto === "TCP" || p.proto === "UDP" ? p.proto : "ICMP";
  return newLife(protocol, p.flags, sim.state.clockMs, aws ? AWS_NAT_GATEWAY_TIMEOUTS : LINUX_TIMEOUTS,
    aws ? `AWS NAT gateway: ${AWS_NAT_GATEWAY_IDLE_TIMEOUT_S} s idle timeout` : "Linux conntrack defaults");
}

/** " Conntrack: ESTABLISHED, expires in 432000 s without traffic (Linux conntrack defaults)." */
export function stateNote(sim: Sim, entry: CtEntry): string {
  return ` Conntrack: ${describeLife(entry.life, sim.state.clockMs)}.`;
}

/** A packet arriving at `node`: drops the node's expired entries, then finds and updates its own. */
export function seen(sim: Sim, node: RtNode, p: Pkt): CtHit | undefined {
  expire(sim, node);
  const hit = lookupConntrack(sim.state.conntrack, node.id, p);
  if (hit) {
    touch(hit.entry.life, hit.direction, p.flags, sim.state.clockMs);
    noteExpiry(sim.state.conntrack, node.id, hit.entry);
  }
  return hit;
}

/** Removes entries whose timer ran out (their ports are free again) and says so in the trace. */
export function expire(sim: Sim, node: RtNode): void {
  for (const e of expireConntrack(sim.state.conntrack, node.id, sim.state.clockMs)) {
    const idleS = Math.round((sim.state.clockMs - e.life.expiresAtMs) / 1000 + timeoutOf(e.life));
    sim.push({
      type: "nat", key: sim.key("conntrack.expire", node.id), node: node.id, action: "expire", entry: e.entry, refs: {},
      reason: `The ${e.life.state} entry ${describeEntry(e)} saw no packet for ${idleS} s, and an entry in ${e.life.state} lives ${timeoutOf(e.life)} s without traffic (${e.life.profile}): it is gone${e.kind === "snat" ? `, and ${e.entry.translated} is free for a new connection` : ""}; a late packet of that connection no longer matches anything.`,
      provenance: { kind: "table-entry", table: e.table, entry: describeEntry(e) },
    });
  }
}
