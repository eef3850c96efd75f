/**
 * The simulation context: the compiled topology, the world's rules, the seed, the mutable state of
 * every table and cache while one `simulate()` call runs, and the trace being written. Nothing here
 * outlives the call; the state is created fresh each time, so simulate() stays a pure function.
 */
import type { FreeSpec, TraceEvent, TraceSymbol } from "./trace-types";
import { isOn, RULE_IDS, type RuleId, type WorldRules } from "./rules";
import type { Topology } from "./topology";
import { rngFor, type Rng } from "../random";
import type { ConntrackTables } from "./conntrack";
import type { SgTable } from "./sg-tracking";

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
  readonly conntrack: ConntrackTables;
  readonly natPorts: Map<string, { used: Set<number>; next: number }>;
  /** Linux port policy: "node|proto|public ip|dst|dport" -> public ports in use towards that destination. */
  readonly natTuples: Map<string, Set<number>>;
  /** Security-group connection tracking: "node|proto|a|ap|b|bp" of allowed connections (sg-tracking.ts). */
  readonly sgFlows: SgTable;
  readonly dnsCaches: Map<string, Map<string, CacheRecord>>;
  /** resolver node -> zone -> the nameserver (name and address) it learned from a referral */
  readonly nsCache: Map<string, Map<string, { name: string; ip: number }>>;
  readonly cdnCaches: Map<string, Map<string, CdnRecord>>;
  readonly ephemeral: Map<string, number>;
  readonly counters: Map<string, number>;
}

export function newState(): SimState {
  return {
    clockMs: 0, arp: new Map(), conntrack: new Map(), natPorts: new Map(), natTuples: new Map(), sgFlows: new Map(),
    dnsCaches: new Map(), nsCache: new Map(), cdnCaches: new Map(), ephemeral: new Map(), counters: new Map(),
  };
}

type WithoutPosition<E> = E extends unknown ? Omit<E, "index" | "t"> : never;
export type NewEvent = WithoutPosition<TraceEvent>;

/** Simulations so far in this process: each gets its own number (see Sim.id). */
let simulations = 0;

/**
 * A run stopped because it recorded more events than its budget allows: a scenario (a hostile one,
 * say) asked for more work than the caller was willing to spend. A named stop, not a crash.
 */
export class EventBudgetExceededError extends Error {
  readonly reason = "EVENT_BUDGET_EXCEEDED";
  constructor(readonly maxEvents: number) {
    super(`the simulation needed more than ${maxEvents} events`);
    this.name = "EventBudgetExceededError";
  }
}

export class Sim {
  /**
   * Distinguishes this simulation from every other in the process, so that shared, cached symbol
   * objects can remember "already declared here" as a number, without holding on to the Sim.
   */
  readonly id = simulations++;
  /**
   * Symbols by id, in declaration order, as the trace's own record. Built in place (copying a Map
   * into an object at the end cost more than the lookups) and given Object.prototype when the run
   * ends (see `finishSymbols`); until then it has none, which has V8 keep it as a hash table from
   * the start instead of minting a hidden class for every new key. (Ids have a "kind:" prefix.)
   */
  readonly symbols: Record<string, TraceSymbol> = Object.create(null) as Record<string, TraceSymbol>;
  readonly rulesInPlay = new Set<RuleId>();
  /** By rule number (see RULE): whether the rule is on in this world, and whether it was asked about. */
  private readonly on: readonly boolean[];
  private readonly inPlay: boolean[] = RULE_IDS.map(() => false);
  events: TraceEvent[] = [];
  /** Events recorded so far in this run, off-the-record ones included (they cost the same work). */
  private eventCount = 0;
  /** The most events this run may record (see EventBudgetExceededError); Infinity when unbounded. */
  maxEvents = Number.POSITIVE_INFINITY;
  flowId = "";
  flowStartMs = 0;
  /** Hop-key counters by label, then node; a counter last used in an earlier flow counts as zero. */
  private keyCounters = new Map<string, Map<string, KeyCounter>>();
  private flowIndex = 0;
  private rngs = new Map<string, Rng>();
  readonly segmentUse = new Map<string, { ms: number; crossings: number }>();

  constructor(
    readonly topo: Topology,
    readonly seed: number,
    readonly world: WorldRules,
    public state: SimState,
  ) {
    this.on = RULE_IDS.map((r) => isOn(world, r));
  }

  /**
   * The symbols as plain data: an object with the ordinary prototype, which is what React can send
   * to a client component and what a caller calling `hasOwnProperty` on it expects.
   */
  finishSymbols(): Record<string, TraceSymbol> {
    return Object.setPrototypeOf(this.symbols, Object.prototype) as Record<string, TraceSymbol>;
  }

  /** Starts a new flow: fresh event list and hop keys; the clock and tables carry on. */
  beginFlow(flowId: string): void {
    this.flowId = flowId;
    this.events = [];
    this.flowIndex++;
    this.segmentUse.clear();
    this.flowStartMs = this.state.clockMs;
  }

  /** Whether a behaviour is on (by its number, `RULE[id]`), noting that the rule mattered for this trace. */
  rule(rule: number): boolean {
    if (!this.inPlay[rule]) {
      this.inPlay[rule] = true;
      this.rulesInPlay.add(RULE_IDS[rule]!);
    }
    return this.on[rule]!;
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
    // Counted per label, then per node, in counters kept for the whole run: both are strings the
    // engine already holds, and a counter is updated in place, so an event costs two lookups.
    let byNode = this.keyCounters.get(label);
    if (!byNode) this.keyCounters.set(label, (byNode = new Map()));
    let counter = byNode.get(node);
    if (counter === undefined) byNode.set(node, (counter = { base: keyBase(label, node), flow: -1, seen: 0 }));
    if (counter.flow !== this.flowIndex) {
      counter.flow = this.flowIndex;
      counter.seen = 1;
      return counter.base;
    }
    counter.seen += 1;
    return `${counter.base}~${counter.seen}`;
  }

  /** Declares a symbol (idempotent: the first declaration of an id wins) and returns its id. */
  symbol(id: string, label: string, value: string, free: FreeSpec | null = null): string {
    if (this.symbols[id] === undefined) this.symbols[id] = { id, label, value, free };
    return id;
  }

  /** Declares a prebuilt symbol (hot paths cache the object, so no strings are built per call). */
  declare(symbol: TraceSymbol): string {
    if (this.symbols[symbol.id] === undefined) this.symbols[symbol.id] = symbol;
    return symbol.id;
  }

  /**
   * Appends an event, numbering and timing it. Every caller passes a fresh object literal, so it is
   * completed in place rather than copied (a copy of every event was the engine's top hotspot);
   * `index` and `t` still come last in the JSON, exactly as a copy would put them.
   */
  push(event: NewEvent): void {
    if (++this.eventCount > this.maxEvents) throw new EventBudgetExceededError(this.maxEvents);
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
    const counters = [...this.keyCounters.values()].flatMap((byNode) => [...byNode.values()].map((c) => [c, c.flow, c.seen] as const));
    const clock = this.state.clockMs;
    const use = new Map([...this.segmentUse].map(([k, v]) => [k, { ...v }]));
    this.events = [];
    try {
      return fn();
    } finally {
      this.events = events;
      for (const byNode of this.keyCounters.values()) for (const c of byNode.values()) c.flow = -1;
      for (const [c, flow, seen] of counters) {
        c.flow = flow;
        c.seen = seen;
      }
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

interface KeyCounter {
  readonly base: string;
  /** The flow (Sim.flowIndex) that last used it. */
  flow: number;
  seen: number;
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
