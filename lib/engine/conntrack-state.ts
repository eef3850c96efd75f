/**
 * Connection-tracking states and lifetimes, like the STATE and TIMEOUT columns of `conntrack -L`:
 * each packet of a tracked connection moves it through Linux's TCP states (SYN_SENT, SYN_RECV,
 * ESTABLISHED, FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE) or UDP/ICMP's unreplied/replied/
 * assured, and re-arms its timer with that state's timeout. An entry whose timer runs out is gone,
 * and so is the NAT port it held. Pure: the caller passes the clock.
 */
import type { TcpFlag } from "./trace-types";

export type TcpCtState = "SYN_SENT" | "SYN_RECV" | "ESTABLISHED" | "FIN_WAIT" | "CLOSE_WAIT" | "LAST_ACK" | "TIME_WAIT" | "CLOSE";
/** UDP and ICMP have no states of their own; conntrack shows [UNREPLIED] until a reply, then [ASSURED] for a stream. */
export type DatagramCtState = "UNREPLIED" | "REPLIED" | "ASSURED";
export type CtState = TcpCtState | DatagramCtState;

/** Seconds an entry lives in each state without traffic. */
export type CtTimeouts = Readonly<Record<CtState, number>> & { readonly icmp: number };

/**
 * Linux's defaults (net.netfilter.nf_conntrack_tcp_timeout_*, nf_conntrack_udp_timeout(_stream),
 * nf_conntrack_icmp_timeout).
 */
export const LINUX_TIMEOUTS: CtTimeouts = {
  SYN_SENT: 120, SYN_RECV: 60, ESTABLISHED: 432_000, FIN_WAIT: 120, CLOSE_WAIT: 60, LAST_ACK: 30, TIME_WAIT: 120, CLOSE: 10,
  UNREPLIED: 30, REPLIED: 30, ASSURED: 120, icmp: 30,
};

/** AWS NAT gateway: a connection idle for 350 s is dropped, whatever its state (no longer state lasts more). */
export const AWS_NAT_GATEWAY_IDLE_TIMEOUT_S = 350;
export const AWS_NAT_GATEWAY_TIMEOUTS: CtTimeouts = Object.fromEntries(
  Object.entries(LINUX_TIMEOUTS).map(([state, s]) => [state, Math.min(s, AWS_NAT_GATEWAY_IDLE_TIMEOUT_S)]),
) as unknown as CtTimeouts;

export type CtDirection = "original" | "reply";

/** The mutable lifetime of one tracked connection (lives only inside one simulate() call). */
export interface CtLife {
  readonly protocol: "TCP" | "UDP" | "ICMP";
  readonly timeouts: CtTimeouts;
  /** Where the timeouts come from, for the reason a learner reads ("Linux defaults", "AWS NAT gateway idle timeout"). */
  readonly profile: string;
  state: CtState;
  expiresAtMs: number;
  /** Directions that have sent a FIN, in order. */
  fins: readonly CtDirection[];
  /** Frees what the entry held (its NAT port) when it expires. */
  release: (() => void) | null;
}

export function timeoutOf(life: Pick<CtLife, "protocol" | "timeouts" | "state">): number {
  return life.protocol === "ICMP" ? life.timeouts.icmp : life.timeouts[life.state];
}

/** A new entry, seen by its first packet (a SYN, a datagram, an echo request). */
export function newLife(protocol: CtLife["protocol"], flags: readonly TcpFlag[], nowMs: number, timeouts: CtTimeouts, profile: string): CtLife {
  const state: CtState = protocol !== "TCP" ? "UNREPLIED" : flags.includes("RST") ? "CLOSE" : flags.includes("SYN") ? "SYN_SENT" : "ESTABLISHED";
  const life: CtLife = { protocol, timeouts, profile, state, expiresAtMs: 0, fins: NO_FINS, release: null };
  life.expiresAtMs = nowMs + timeoutOf(life) * 1000;
  return life;
}

/**
 * Linux's TCP state table (nf_conntrack_proto_tcp.c), reduced to the segments an endpoint sends:
 * SYN opens, SYN-ACK in reply, the first ACK establishes, a FIN starts closing, the ACK of the
 * second FIN leaves TIME_WAIT, a RST closes.
 */
export function nextTcpState(state: CtState, fins: readonly CtDirection[], dir: CtDirection, flags: readonly TcpFlag[]): { state: CtState; fins: readonly CtDirection[] } {
  // `fins` is returned as is unless a FIN adds to it (most segments change nothing: no copies).
  if (flags.includes("RST")) return { state: "CLOSE", fins };
  const syn = flags.includes("SYN");
  const ack = flags.includes("ACK");
  if (syn) {
    if (!ack && dir === "original") return state === "TIME_WAIT" || state === "CLOSE" ? { state: "SYN_SENT", fins: NO_FINS } : { state, fins };
    if (ack && dir === "reply" && state === "SYN_SENT") return { state: "SYN_RECV", fins };
    return { state, fins };
  }
  if (flags.includes("FIN")) {
    const next = fins.includes(dir) ? fins : [...fins, dir];
    if (next.length === 2) return { state: state === "TIME_WAIT" ? state : "LAST_ACK", fins: next };
    return { state: "FIN_WAIT", fins: next };
  }
  if (ack) {
    if (state === "SYN_RECV" && dir === "original") return { state: "ESTABLISHED", fins };
    // The ACK of the last FIN comes from the side that closed first.
    if (state === "LAST_ACK" && dir === fins[0]) return { state: "TIME_WAIT", fins };
    if (state === "FIN_WAIT" && fins.length === 1 && dir !== fins[0]) return { state: "CLOSE_WAIT", fins };
  }
  return { state, fins };
}

const NO_FINS: readonly CtDirection[] = Object.freeze([]);

/** UDP and ICMP: the first reply marks the entry replied; traffic after that makes it an assured stream. */
export function nextDatagramState(state: CtState, dir: CtDirection): CtState {
  if (state === "UNREPLIED") return dir === "reply" ? "REPLIED" : state;
  return "ASSURED";
}

/** Updates an entry for a packet it matched at `nowMs`; returns whether its state changed. */
export function touch(life: CtLife, dir: CtDirection, flags: readonly TcpFlag[], nowMs: number): boolean {
  const before = life.state;
  if (life.protocol === "TCP") {
    const next = nextTcpState(life.state, life.fins, dir, flags);
    life.state = next.state;
    life.fins = next.fins;
  } else if (life.protocol === "UDP") {
    life.state = nextDatagramState(life.state, dir);
  } else if (dir === "reply") {
    life.state = "REPLIED";
  }
  life.expiresAtMs = nowMs + timeoutOf(life) * 1000;
  return life.state !== before;
}

/** "TIME_WAIT, expires in 120 s (Linux defaults)": what `conntrack -L` would show, in words. */
export function describeLife(life: CtLife, nowMs: number): string {
  const s = Math.max(0, Math.round((life.expiresAtMs - nowMs) / 1000));
  return `${life.state}, expires in ${s} s without traffic (${life.profile})`;
}
