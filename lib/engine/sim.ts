/**
 * The simulation context: the compiled topology, the world's rules, the seed, the mutable state of
 * every table and cache while one `simulate()` call runs, and the trace being written. Nothing here
 * outlives the call; the state is created fresh each time, so simulate() stays a pure function.
 */
import type { FreeSpec, TraceEvent, TraceSymbol } from "./trace-types";
import { isOn, type RuleId, type WorldRules } from "./rules";
import type { Topology } from "./topology";
import { rngFor, type Rng } from "../random";
import type { CtEntry } from "./conntrack";

export interface CacheRecord {
  readonly ip: number;
  readonly expiresAtMs: number;
  readonly symbol: string;
  readonly ttl: number;
}

export interface CdnRecord {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly bodyBytes: number;
  readonly storedAtMs: number;
  readonly maxAgeS: number;
}

export interface SimState {
  clockMs: number;
  readonly arp: Map<string, Map<number, string>>;
  /** node id -> tuple key -> entry; both the original and the reply tuple point at the entry. */
  readonly conntrack: Map<string, Map<number, Map<number, { entry: CtEntry; direction: "original" | "reply" }>>>;
  readonly natPorts: Map<string, { used: Set<number>; next: number }>;
  /** Security-group connection tracking: "node|proto|a|ap|b|bp" of allowed connections. */
  readonly sgFlows: Set<string>;
  readonly dnsCaches: Map<string, Map<string, CacheRecord>>;
  /** resolver node -> zone -> the nameserver (name and address) it learned from a referral */
  readonly nsCache: Map<string, Map<string, { name: string; ip: number }>>;
  readonly cdnCaches: Map<string, Map<string, CdnRecord>>;
  readonly ephemeral: Map<string, number>;
  readonly counters: Map<string, number>;
}

export function newState(): SimState {
  return {
    clockMs: 0, arp: new Map(), conntrack: new Map(), natPorts: new Map(), sgFlows: new Set(),
    dnsCaches: new Map(), nsCache: new Map(), cdnCaches: new Map(), ephemeral: new Map(), counters: new Map(),
  };
}

type WithoutPosition<E> = E extends unknown ? Omit<E, "index" | "t"> : never;
export type NewEvent = WithoutPosition<TraceEvent>;

export class Sim {
  readonly symbols = new Map<string, TraceSymbol>();
  readonly rulesInPlay = new Set<RuleId>();
  private readonly on: Record<RuleId, boolean>;
  private readonly inPlay: Record<RuleId, boolean> = ruleFlags(() => false);
  events: TraceEvent[] = [];
  flowId = "";
  flowStartMs = 0;
  private keyCounts = new Map<string, Map<string, number>>();
  private rngs = new Map<string, Rng>();
  readonly segmentUse = new Map<string, { ms: number; crossings: number }>();

  constructor(
    readonly topo: Topology,
    readonly seed: number,
    readonly world: WorldRules,
    public state: SimState,
  ) {
    this.on = ruleFlags((r) => isOn(world, r));
  }

  /** Starts a new flow: fresh event list and hop keys; the clock and tables carry on. */
  beginFlow(flowId: string): void {
    this.flowId = flowId;
    this.events = [];
    this.keyCounts = new Map();
    this.segmentUse.clear();
    this.flowStartMs = this.state.clockMs;
  }

  /** Whether a behaviour is on, noting that the rule mattered for this trace. */
  rule(rule: RuleId): boolean {
    if (!this.inPlay[rule]) {
      this.inPlay[rule] = true;
      this.rulesInPlay.add(rule);
    }
    return this.on[rule];
  }

  /** A seeded stream for one purpose; the same purpose under the same seed always draws the same. */
  rng(purpose: string): Rng {
    let r = this.rngs.get(purpose);
    if (!r) {
      r = rngFor(this.seed, purpose);
      this.rngs.set(purpose, r);
    }
    return r;
  }

  /** Next number in a named counter, from 1. */
  count(name: string): number {
    const n = (this.state.counters.get(name) ?? 0) + 1;
    this.state.counters.set(name, n);
    return n;
  }

  /** A unique key for a hop of `label` at `node`: "tcp.syn@home-router", then "~2" on a second pass. */
  key(label: string, node: string): string {
    // Counted per label, then per node: both are usually strings the engine already holds, so no
    // new "label@node" string has to be hashed for every event.
    let byNode = this.keyCounts.get(label);
    if (!byNode) this.keyCounts.set(label, (byNode = new Map()));
    const seen = byNode.get(node);
    if (seen === undefined) {
      byNode.set(node, 1);
      return keyBase(label, node);
    }
    byNode.set(node, seen + 1);
    return `${keyBase(label, node)}~${seen + 1}`;
  }

  /** Declares a symbol (idempotent: the first declaration of an id wins) and returns its id. */
  symbol(id: string, label: string, value: string, free: FreeSpec | null = null): string {
    if (!this.symbols.has(id)) this.symbols.set(id, { id, label, value, free });
    return id;
  }

  /** Declares a prebuilt symbol (hot paths cache the object, so no strings are built per call). */
  declare(symbol: TraceSymbol): string {
    if (!this.symbols.has(symbol.id)) this.symbols.set(symbol.id, symbol);
    return symbol.id;
  }

  /**
   * Appends an event, numbering and timing it. Every caller passes a fresh object literal, so it is
   * completed in place rather than copied (a copy of every event was the engine's top hotspot);
   * `index` and `t` still come last in the JSON, exactly as a copy would put them.
   */
  push(event: NewEvent): void {
    const e = event as { index?: number; t?: number };
    e.index = this.events.length;
    e.t = round(this.state.clockMs - this.flowStartMs);
    this.events.push(e as TraceEvent);
  }

  /**
   * Runs `fn` off the record: its events, hop keys and elapsed time are discarded, while the
   * state it creates (connections, NAT entries) remains. Used for what happened before the story
   * starts, such as a CDN's kept-alive connection to its origin.
   */
  silently<T>(fn: () => T): T {
    const events = this.events;
    const keys = new Map([...this.keyCounts].map(([label, byNode]) => [label, new Map(byNode)]));
    const clock = this.state.clockMs;
    const use = new Map([...this.segmentUse].map(([k, v]) => [k, { ...v }]));
    this.events = [];
    try {
      return fn();
    } finally {
      this.events = events;
      this.keyCounts = keys;
      this.state.clockMs = clock;
      this.segmentUse.clear();
      for (const [k, v] of use) this.segmentUse.set(k, v);
    }
  }

  /** Advances the clock by a frame crossing a segment. */
  cross(segment: string, ms: number): void {
    this.state.clockMs += ms;
    const use = this.segmentUse.get(segment) ?? { ms: 0, crossings: 0 };
    use.ms += ms;
    use.crossings += 1;
    this.segmentUse.set(segment, use);
  }
}

/**
 * One flag per rule, as an object literal with every key: a fixed shape keeps `flags[rule]` a fast
 * property read (an object built key by key, or by Object.fromEntries, is a slow dictionary).
 */
function ruleFlags(flag: (rule: RuleId) => boolean): Record<RuleId, boolean> {
  return {
    "ttl-decrement": flag("ttl-decrement"), "mac-rewrite": flag("mac-rewrite"), "mac-end-to-end": flag("mac-end-to-end"), snat: flag("snat"),
    "nat-port-preservation": flag("nat-port-preservation"), "reverse-nat": flag("reverse-nat"), "kube-proxy-dnat": flag("kube-proxy-dnat"),
    "conntrack-reverse": flag("conntrack-reverse"), "dns-cache": flag("dns-cache"), "cdn-cache": flag("cdn-cache"), "sg-stateful": flag("sg-stateful"),
    "nacl-stateless": flag("nacl-stateless"), "syn-consumes-seq": flag("syn-consumes-seq"), "dns-search-domains": flag("dns-search-domains"),
    "proxy-new-connection": flag("proxy-new-connection"), "natgw-translates-to-eip": flag("natgw-translates-to-eip"),
  };
}

const keyBases = new Map<string, Map<string, string>>();

/** "label@node", built once per pair for the life of the process (labels and node ids are few). */
function keyBase(label: string, node: string): string {
  if (keyBases.size > 10_000) keyBases.clear();
  let byNode = keyBases.get(label);
  if (!byNode) keyBases.set(label, (byNode = new Map()));
  let k = byNode.get(node);
  if (k === undefined) byNode.set(node, (k = `${label}@${node}`));
  return k;
}

/** Rounds to microseconds, so float sums of latencies print the same everywhere. */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
