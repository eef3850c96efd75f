/**
 * SSH, directly or through a bastion with ProxyJump (`ssh -J`): two TCP connections, the outer
 * session to the bastion and an inner session to the target carried inside it, encrypted end to
 * end so the bastion relays bytes it cannot read.
 */
import { formatIpv4 } from "../net/ipv4";
import { clientPort, givenAddress, servicePort } from "./endpoint";
import type { Transmit } from "./forward";
import type { StepModel } from "./model";
import type { Sim } from "./sim";
import { connect, sendData, type TcpConnection } from "./tcp";
import type { RtNode } from "./topology";
import type { SshMessage } from "./trace-types";

type Failure = Extract<Transmit, { ok: false }>;
type SshStep = Extract<StepModel, { kind: "ssh" }>;

interface Message {
  readonly name: string;
  readonly fromClient: boolean;
  readonly bytes: number;
  readonly plaintext: boolean;
  readonly detail: string;
}

/** The handshake, condensed to the messages that matter for the picture. */
const HANDSHAKE: readonly Message[] = [
  { name: "client-version", fromClient: true, bytes: 32, plaintext: true, detail: "SSH-2.0-OpenSSH_9.6 (version banner, readable on the wire)" },
  { name: "server-version", fromClient: false, bytes: 32, plaintext: true, detail: "SSH-2.0-OpenSSH_9.6" },
  { name: "kex-init", fromClient: true, bytes: 1_480, plaintext: true, detail: "KEXINIT + KEX_ECDH_INIT: algorithm lists and the client's curve25519 public key" },
  { name: "kex-reply", fromClient: false, bytes: 1_136, plaintext: true, detail: "KEXINIT + KEX_ECDH_REPLY + NEWKEYS: host key, server's public key, signature" },
  { name: "newkeys", fromClient: true, bytes: 16, plaintext: true, detail: "NEWKEYS: from here on everything is encrypted" },
  { name: "userauth", fromClient: true, bytes: 460, plaintext: false, detail: "USERAUTH_REQUEST publickey (encrypted)" },
  { name: "userauth-ok", fromClient: false, bytes: 52, plaintext: false, detail: "USERAUTH_SUCCESS (encrypted)" },
];

function ssh(stage: string, encrypted: boolean, detail: string): SshMessage {
  return { protocol: "SSH", stage, encrypted, detail };
}

function open(sim: Sim, client: RtNode, to: number, prefix: string, step: SshStep, sourceSpec: import("./model").PortSpec | null) {
  return connect(sim, {
    prefix, client, to, toRef: givenAddress(sim, to, `${prefix}ssh`), port: 22, portRef: servicePort(sim, 22, `${prefix}ssh`),
    source: clientPort(sim, client, sourceSpec, `${prefix}ssh`), isn: step.isn, purpose: `${prefix}ssh`,
  });
}

function runHandshake(sim: Sim, conn: TcpConnection, user: string): Failure | null {
  for (const m of HANDSHAKE) {
    const r = sendData(sim, conn, m.fromClient, `ssh.${m.name}`, m.bytes, ssh(m.name, !m.plaintext, m.name === "userauth" ? `${m.detail} as ${user}` : m.detail));
    if (!r.ok) return r;
  }
  return null;
}

/** An SSH session, through a jump host when the step names one. */
export function sshSession(sim: Sim, client: RtNode, step: SshStep): Failure | null {
  if (step.jump === null) {
    const direct = open(sim, client, step.to, "", step, step.srcPort);
    if (!direct.ok) return direct.failure;
    return runHandshake(sim, direct.conn, step.user);
  }
  const outer = open(sim, client, step.jump.ip, "jump.", step, step.jumpSrcPort);
  if (!outer.ok) return outer.failure;
  const failed = runHandshake(sim, outer.conn, step.jump.user);
  if (failed) return failed;
  const bastion = outer.conn.server.node;
  const target = formatIpv4(step.to);
  const ask = sendData(sim, outer.conn, true, "ssh.channel-open", 120, ssh("CHANNEL_OPEN direct-tcpip", true, `asks the bastion to open a TCP connection to ${target}:22 (encrypted)`));
  if (!ask.ok) return ask;
  sim.push({
    type: "step", key: sim.key("ssh.jump", bastion.id), node: bastion.id, protocol: "SSH", title: `Bastion opens a connection to ${target}:22`,
    details: { "outer session": `${client.id} -> ${bastion.id}:22`, "inner connection": `${bastion.id} -> ${target}:22` },
    reason: `ProxyJump: the bastion's sshd opens its own TCP connection to ${target}:22 and relays bytes between it and the channel; it never sees the inner session's keys.`,
    provenance: { kind: "protocol", rule: "RFC 4254 7.2: direct-tcpip channel" },
  });
  const inner = open(sim, bastion, step.to, "target.", step, null);
  if (!inner.ok) return inner.failure;
  const confirm = sendData(sim, outer.conn, false, "ssh.channel-confirm", 60, ssh("CHANNEL_OPEN_CONFIRMATION", true, "channel is open (encrypted)"));
  if (!confirm.ok) return confirm;
  for (const m of HANDSHAKE) {
    const detail = m.name === "userauth" ? `${m.detail} as ${step.user}` : m.detail;
    const first = m.fromClient ? outer.conn : inner.conn;
    const second = m.fromClient ? inner.conn : outer.conn;
    const wrap = (c: TcpConnection) => c === outer.conn
      ? ssh(`channel data: inner ${m.name}`, true, `inner ${detail}, wrapped in the outer session's encryption`)
      : ssh(m.name, !m.plaintext, detail);
    let r = sendData(sim, first, m.fromClient ? true : false, `inner.${m.name}`, m.bytes + (first === outer.conn ? 36 : 0), wrap(first));
    if (!r.ok) return r;
    r = sendData(sim, second, m.fromClient ? true : false, `inner.${m.name}`, m.bytes + (second === outer.conn ? 36 : 0), wrap(second));
    if (!r.ok) return r;
  }
  sim.push({
    type: "step", key: sim.key("ssh.end-to-end", client.id), node: client.id, protocol: "SSH", title: "End-to-end session established",
    details: { "you -> bastion": "outer SSH session (port 22)", "bastion -> target": `TCP to ${target}:22 carrying the inner session` },
    reason: `The inner SSH session runs between your laptop and ${target}; the bastion only forwards its encrypted bytes. Your private key never touches the bastion.`,
    provenance: { kind: "protocol", rule: "OpenSSH ProxyJump (ssh -J)" },
  });
  return null;
}
