/**
 * TCP: the three-way handshake, sequence and acknowledgement numbers as bytes flow, and the
 * teardown. A connection is two sides, each with its own view of the 4-tuple (they differ when
 * NAT or DNAT sits between them). SYN and FIN each consume one sequence number.
 */
import { formatIpv4 } from "../net/ipv4";
import type { IsnSpec } from "./model";
import { sourceOf, type PortChoice } from "./endpoint";
import { transmit, type Transmit } from "./forward";
import { canonicalFlags, makeRefs, socket, type Pkt, type Refs } from "./packet";
import { RULE } from "./rules";
import type { Sim } from "./sim";
import type { RtNode } from "./topology";
import type { AppPayload, FieldRef, TcpFlag } from "./trace-types";

export interface TcpSide {
  readonly node: RtNode;
  readonly ip: number;
  readonly ipRef: FieldRef;
  readonly port: number;
  readonly portRef: FieldRef;
  readonly ttl: number;
  readonly ttlRef: FieldRef;
  readonly isn: number;
  readonly isnSymbol: string;
  /** Sequence space used after the ISN: 1 for the SYN, plus payload bytes, plus 1 for a FIN. */
  used: number;
  /** How this side addresses its peer. */
  readonly peerIp: number;
  readonly peerIpRef: FieldRef | undefined;
  readonly peerPort: number;
  readonly peerPortRef: FieldRef | undefined;
}

export interface TcpConnection {
  /** Label prefix for this connection's packets, e.g. "" or "upstream.". */
  readonly prefix: string;
  readonly client: TcpSide;
  readonly server: TcpSide;
  readonly service: import("./model").ServiceModel;
}

export type ConnectResult =
  | { readonly ok: true; readonly conn: TcpConnection }
  | { readonly ok: false; readonly failure: Extract<Transmit, { ok: false }> };

/** An initial sequence number: the scenario's, or a seeded one the learner cannot know. */
export function initialSequence(sim: Sim, spec: IsnSpec, id: string, label: string): { isn: number; symbol: string } {
  if (spec.kind === "fixed") return { isn: spec.value, symbol: sim.symbol(id, `${label} (given)`, String(spec.value)) };
  const isn = sim.rng(id).int(0, 0xffffffff);
  const free = { kind: "range" as const, min: 0, max: 0xffffffff, why: "initial sequence numbers are random 32-bit values (RFC 6528)" };
  return { isn, symbol: sim.symbol(id, label, String(isn), free) };
}

/** Builds a segment from one side to the other, numbered from that side's state. */
function segment(sim: Sim, conn: TcpConnection, from: TcpSide, to: TcpSide, label: string, flags: TcpFlag[], len: number, app: AppPayload | null, opts: { seqOffset?: number; ackNothing?: boolean } = {}): Pkt {
  const synCost = sim.rule(RULE["syn-consumes-seq"]) ? 1 : 0;
  const seqUsed = Math.max(0, from.used - (from.used > 0 ? 1 - synCost : 0));
  const peerUsed = Math.max(0, to.used - (to.used > 0 ? 1 - synCost : 0));
  const seq = (from.isn + seqUsed) >>> 0;
  const ack = opts.ackNothing ? 0 : (to.isn + peerUsed) >>> 0;
  const refs: Record<string, FieldRef> = {
    "ip.src": from.ipRef, "l4.srcPort": from.portRef, "ip.ttl": from.ttlRef,
    "tcp.seq": { symbol: from.isnSymbol, offset: seqUsed },
  };
  if (from.peerIpRef) refs["ip.dst"] = from.peerIpRef;
  if (from.peerPortRef) refs["l4.dstPort"] = from.peerPortRef;
  if (!opts.ackNothing) refs["tcp.ack"] = { symbol: to.isnSymbol, offset: peerUsed };
  return {
    label: conn.prefix + label, srcMac: "", dstMac: "", src: from.ip, dst: from.peerIp, ttl: from.ttl, proto: "TCP",
    sport: from.port, dport: from.peerPort, seq, ack, flags: canonicalFlags(flags), len, icmp: null, app,
    refs: makeRefs(refs as Refs), steer: null,
  };
}

export interface ConnectSpec {
  readonly prefix: string;
  readonly client: RtNode;
  readonly to: number;
  readonly toRef: FieldRef;
  readonly port: number;
  readonly portRef: FieldRef;
  readonly source: PortChoice;
  readonly isn: IsnSpec;
  readonly purpose: string;
}

/** Opens a connection with the three-way handshake. A closed port answers with RST. */
export function connect(sim: Sim, spec: ConnectSpec): ConnectResult {
  const src = sourceOf(sim, spec.client, spec.to);
  const cIsn = initialSequence(sim, spec.isn, `isn:${sim.flowId}/${spec.purpose}:client`, `client's initial sequence number (${spec.purpose})`);
  const client: TcpSide = {
    node: spec.client, ip: src.ip, ipRef: src.ipRef, port: spec.source.port, portRef: spec.source.ref, ttl: src.ttl, ttlRef: src.ttlRef,
    isn: cIsn.isn, isnSymbol: cIsn.symbol, used: 0, peerIp: spec.to, peerIpRef: spec.toRef, peerPort: spec.port, peerPortRef: spec.portRef,
  };
  // The server side is not known until the SYN arrives; a placeholder gives the SYN its numbers.
  const placeholder: TcpSide = { ...client, isn: 0, isnSymbol: "", used: 0 };
  const syn = segment(sim, { prefix: spec.prefix } as TcpConnection, client, placeholder, "tcp.syn", ["SYN"], 0, null, { ackNothing: true });
  const arrived = transmit(sim, spec.client, syn);
  if (!arrived.ok) return { ok: false, failure: arrived };
  client.used = 1;
  const serverNode = arrived.node;
  const service = serverNode.services.get(arrived.pkt.dport);
  const serverSrc = sourceOf(sim, serverNode);
  const sIsnSpec: IsnSpec = service && "serverIsn" in service ? service.serverIsn : { kind: "seeded" };
  const sIsn = initialSequence(sim, sIsnSpec, `isn:${sim.flowId}/${spec.purpose}:server`, `server's initial sequence number (${spec.purpose})`);
  const server: TcpSide = {
    node: serverNode, ip: arrived.pkt.dst, ipRef: arrived.pkt.refs["ip.dst"] ?? serverSrc.ipRef,
    port: arrived.pkt.dport, portRef: arrived.pkt.refs["l4.dstPort"] ?? spec.portRef, ttl: serverSrc.ttl, ttlRef: serverSrc.ttlRef,
    isn: sIsn.isn, isnSymbol: sIsn.symbol, used: 0,
    peerIp: arrived.pkt.src, peerIpRef: arrived.pkt.refs["ip.src"], peerPort: arrived.pkt.sport, peerPortRef: arrived.pkt.refs["l4.srcPort"],
  };
  const conn: TcpConnection = { prefix: spec.prefix, client, server, service: service! };
  if (!service) {
    const rst = segment(sim, conn, server, client, "tcp.rst", ["RST", "ACK"], 0, null);
    transmit(sim, serverNode, rst);
    const reason = `Nothing listens on ${socket(arrived.pkt.dst, arrived.pkt.dport)} at ${serverNode.id}, so it answers the SYN with RST: connection refused.`;
    sim.push({ type: "step", key: sim.key(`${spec.prefix}tcp.refused`, serverNode.id), node: serverNode.id, protocol: "TCP", title: "Connection refused", details: {}, reason, provenance: { kind: "protocol", rule: "RFC 9293 3.10.7.1: a SYN to a closed port gets a RST" } });
    return { ok: false, failure: { ok: false, disposition: "PORT_CLOSED", node: serverNode.id, component: serverNode.id, reason } };
  }
  const synAck = segment(sim, conn, server, client, "tcp.syn-ack", ["SYN", "ACK"], 0, null);
  const back = transmit(sim, serverNode, synAck);
  if (!back.ok) return { ok: false, failure: back };
  if (back.pkt.src !== client.peerIp || back.pkt.sport !== client.peerPort) return { ok: false, failure: strayReply(sim, spec, client, back.pkt) };
  server.used = 1;
  const ack = segment(sim, conn, client, server, "tcp.ack", ["ACK"], 0, null);
  const done = transmit(sim, spec.client, ack);
  if (!done.ok) return { ok: false, failure: done };
  sim.push({
    type: "step", key: sim.key(`${spec.prefix}tcp.established`, spec.client.id), node: spec.client.id, protocol: "TCP", title: "Connection established",
    // The client knows the connection by the address it dialled (a ClusterIP, a VIP); the server
    // behind a DNAT may know itself by another, which is shown beside it.
    details: {
      client: socket(client.ip, client.port), server: socket(client.peerIp, client.peerPort),
      ...(server.ip !== client.peerIp || server.port !== client.peerPort ? { "answered by": socket(server.ip, server.port) } : {}),
      "client ISN": String(client.isn), "server ISN": String(server.isn),
    },
    reason: `SYN, SYN-ACK, ACK: both sides have agreed on initial sequence numbers (${client.isn} and ${server.isn}) and each has acknowledged the other's.`,
    provenance: { kind: "protocol", rule: "RFC 9293 3.5: three-way handshake" },
  });
  return { ok: true, conn };
}

/**
 * A SYN-ACK from an address or port the client did not dial (an untranslated reply: a DNAT the
 * reply bypassed) matches none of its sockets, so the client's kernel answers it with a RST that
 * takes its sequence number from the segment's ACK (RFC 9293 3.10.7.1, Linux tcp_v4_send_reset).
 * The client's own SYN is left unanswered: its connect() times out.
 */
function strayReply(sim: Sim, spec: ConnectSpec, client: TcpSide, synAck: Pkt): Extract<Transmit, { ok: false }> {
  const refs: Record<string, FieldRef> = { "ip.src": client.ipRef, "l4.srcPort": client.portRef, "ip.ttl": client.ttlRef };
  if (synAck.refs["ip.src"]) refs["ip.dst"] = synAck.refs["ip.src"];
  if (synAck.refs["l4.srcPort"]) refs["l4.dstPort"] = synAck.refs["l4.srcPort"];
  if (synAck.refs["tcp.ack"]) refs["tcp.seq"] = synAck.refs["tcp.ack"];
  const rst: Pkt = {
    label: `${spec.prefix}tcp.rst`, srcMac: "", dstMac: "", src: client.ip, dst: synAck.src, ttl: client.ttl, proto: "TCP",
    sport: client.port, dport: synAck.sport, seq: synAck.ack, ack: 0, flags: ["RST"], len: 0, icmp: null, app: null,
    refs: makeRefs(refs as Refs), steer: null,
  };
  const dialled = socket(client.peerIp, client.peerPort);
  const from = socket(synAck.src, synAck.sport);
  const reason = `${spec.client.id} dialled ${dialled}, but the SYN-ACK comes from ${from}: no socket of ${spec.client.id} is connected to that address, so its kernel answers with RST and keeps waiting for a reply from ${dialled}, which never comes. The reply was not translated back on its way (its path bypassed the DNAT's connection tracking).`;
  sim.push({
    type: "step", key: sim.key(`${spec.prefix}tcp.stray-reply`, spec.client.id), node: spec.client.id, protocol: "TCP", title: "SYN-ACK from the wrong address",
    details: { dialled, "reply from": from }, reason,
    provenance: { kind: "protocol", rule: "RFC 9293 3.10.7.1: a segment for no connection is answered with RST" },
  });
  transmit(sim, spec.client, rst);
  return { ok: false, disposition: "REPLY_ADDRESS_MISMATCH", node: spec.client.id, component: spec.client.id, reason };
}

/** Sends application bytes from one side; returns the delivered packet (or the failure). */
export function sendData(sim: Sim, conn: TcpConnection, fromClient: boolean, label: string, len: number, app: AppPayload | null): Transmit {
  const from = fromClient ? conn.client : conn.server;
  const to = fromClient ? conn.server : conn.client;
  const pkt = segment(sim, conn, from, to, label, ["PSH", "ACK"], len, app);
  const result = transmit(sim, from.node, pkt);
  if (result.ok) from.used += len;
  return result;
}

/** Closes the connection: FIN from the client, FIN-ACK from the server, and the final ACK. */
export function close(sim: Sim, conn: TcpConnection): Transmit {
  const { client, server } = conn;
  const fin = segment(sim, conn, client, server, "tcp.fin", ["FIN", "ACK"], 0, null);
  let r = transmit(sim, client.node, fin);
  if (!r.ok) return r;
  client.used += 1;
  const finAck = segment(sim, conn, server, client, "tcp.fin-ack", ["FIN", "ACK"], 0, null);
  r = transmit(sim, server.node, finAck);
  if (!r.ok) return r;
  server.used += 1;
  const last = segment(sim, conn, client, server, "tcp.last-ack", ["ACK"], 0, null);
  r = transmit(sim, client.node, last);
  if (r.ok) {
    sim.push({
      type: "step", key: sim.key(`${conn.prefix}tcp.closed`, client.node.id), node: client.node.id, protocol: "TCP", title: "Connection closed",
      details: { client: socket(client.ip, client.port), server: formatIpv4(server.ip) },
      reason: "FIN, FIN-ACK, ACK: each side has closed its direction; the client keeps the socket in TIME_WAIT for a while so late segments are not mistaken for a new connection.",
      provenance: { kind: "protocol", rule: "RFC 9293 3.6: closing a connection" },
    });
  }
  return r;
}
