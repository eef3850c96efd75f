/**
 * Connection tracking of AWS security groups: a connection a group allowed lets its return
 * traffic in (or out) whatever the rules say, until it has been idle for the group's timeout
 * (AWS's defaults: an established TCP connection 5 days, a UDP flow 30 s, or 180 s once it has
 * seen more than one request and response, a "stream"). An expired connection's return traffic
 * meets the rules again. Network ACLs have no tracking; the flipped "stateful ACL" rule borrows
 * this table to show what that wrong model predicts. Pure: the caller passes the clock.
 */

/** Seconds a tracked connection lives without traffic (AWS ConnectionTrackingConfiguration defaults). */
export const SG_IDLE_TIMEOUT_S = { tcpEstablished: 432_000, udp: 30, udpStream: 180, other: 30 } as const;

export interface SgTrack {
  readonly protocol: string;
  /** Packets seen in the reply direction: a UDP flow is a stream after its second. */
  replies: number;
  expiresAtMs: number;
}

/** "interface|proto|src|sport|dst|dport" in the direction the group allowed -> its tracking. */
export type SgTable = Map<string, SgTrack>;

/** How long a tracked connection may stay idle, in seconds. */
export function sgIdleTimeoutS(track: Pick<SgTrack, "protocol" | "replies">): number {
  if (track.protocol === "TCP") return SG_IDLE_TIMEOUT_S.tcpEstablished;
  if (track.protocol === "UDP") return track.replies > 1 ? SG_IDLE_TIMEOUT_S.udpStream : SG_IDLE_TIMEOUT_S.udp;
  return SG_IDLE_TIMEOUT_S.other;
}

/** A packet the group allowed by a rule: track its connection (again), from now. */
export function trackAllowed(table: SgTable, key: string, protocol: string, nowMs: number): void {
  const track = table.get(key) ?? { protocol, replies: 0, expiresAtMs: 0 };
  track.expiresAtMs = nowMs + sgIdleTimeoutS(track) * 1000;
  table.set(key, track);
}

export type SgLookup =
  | { readonly kind: "tracked" }
  | { readonly kind: "expired"; readonly idleS: number; readonly timeoutS: number }
  | { readonly kind: "untracked" };

/**
 * Return traffic of `key` (the connection in the direction the group allowed): is it still
 * tracked? A hit re-arms the timer (a reply counts towards a UDP stream); an expired entry is
 * removed, and says how long it had been idle.
 */
export function lookupReturn(table: SgTable, key: string, nowMs: number): SgLookup {
  const track = table.get(key);
  if (!track) return { kind: "untracked" };
  if (track.expiresAtMs <= nowMs) {
    table.delete(key);
    const timeoutS = sgIdleTimeoutS(track);
    return { kind: "expired", timeoutS, idleS: Math.round((nowMs - (track.expiresAtMs - timeoutS * 1000)) / 1000) };
  }
  track.replies += 1;
  track.expiresAtMs = nowMs + sgIdleTimeoutS(track) * 1000;
  return { kind: "tracked" };
}
