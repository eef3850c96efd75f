/**
 * Free values and error carried forward. Every value in a trace that copies a quantity (an
 * allocated port, an initial sequence number, an address) points at the same symbol. For a free
 * symbol the learner may pick any valid value, then must use it consistently; for a fixed one,
 * a later blank accepts either the truth or the learner's own nearest earlier value, so one early
 * slip is counted once, where it was made.
 */
import type { FieldRef, FreeSpec, TraceSymbol } from "../engine/trace-types";

export interface Observation {
  readonly blank: string;
  readonly label: string;
  readonly order: number;
  readonly ref: FieldRef;
  readonly given: string;
  readonly expected: string;
}

export interface PartVerdict {
  readonly correct: boolean;
  readonly note: string | null;
  /** Credited only because it follows from an earlier wrong answer (error carried forward). */
  readonly carried?: boolean;
}

function numeric(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : null;
}

/** The quantity a value implies: value minus the field's offset (seq 101 with offset 1 -> ISN 100). */
function implied(given: string, ref: FieldRef): string | null {
  if (!("offset" in ref) || ref.offset === 0) return given;
  const n = numeric(given);
  return n === null ? null : String((n - ref.offset + 2 ** 32) % 2 ** 32);
}

function apply(binding: string, ref: FieldRef): string | null {
  if (!("offset" in ref)) return ref.map[binding] ?? null;
  if (ref.offset === 0) return binding;
  const n = numeric(binding);
  return n === null ? null : String((n + ref.offset) % 2 ** 32);
}

/** Whether a value is one the learner may validly choose for a free symbol. */
export function satisfies(free: FreeSpec, value: string): boolean {
  switch (free.kind) {
    case "range": {
      const n = numeric(value);
      return n !== null && n >= free.min && n <= free.max;
    }
    case "one-of": return free.values.includes(value);
    case "pattern": return value.length <= 64 && new RegExp(free.pattern).test(value);
  }
}

export function describeFree(free: FreeSpec): string {
  switch (free.kind) {
    case "range": return `any value from ${free.min} to ${free.max}`;
    case "one-of": return `any of ${free.values.join(", ")}`;
    case "pattern": return `any value shaped like ${free.example}`;
  }
}

/**
 * Grades every observation (an answered blank part tied to a symbol). Returns verdicts keyed by
 * `${blank}#${partIndex}`.
 */
export class Consistency {
  private readonly bySymbol = new Map<string, Observation[]>();
  /** Where each observation sits: blank id -> part index -> its place in its symbol's list. */
  private readonly where = new Map<string, Map<number, { symbol: string; index: number }>>();
  private readonly bindings = new Map<string, string | null>();

  constructor(private readonly symbols: Readonly<Record<string, TraceSymbol>>) {}

  observe(blank: string, part: number, o: Observation): void {
    let list = this.bySymbol.get(o.ref.symbol);
    if (!list) this.bySymbol.set(o.ref.symbol, (list = []));
    let parts = this.where.get(blank);
    if (!parts) this.where.set(blank, (parts = new Map()));
    parts.set(part, { symbol: o.ref.symbol, index: list.length });
    list.push(o);
  }

  /** The learner's choice for a free symbol: the valid value most of their answers imply (ties go to the simulator's, then the earliest). */
  private binding(symbol: string): string | null {
    if (this.bindings.has(symbol)) return this.bindings.get(symbol)!;
    const s = this.symbols[symbol];
    const counts = new Map<string, { n: number; first: number }>();
    for (const o of this.bySymbol.get(symbol) ?? []) {
      if (!("offset" in o.ref)) continue;
      const v = implied(o.given, o.ref);
      if (v === null || (s?.free && !satisfies(s.free, v))) continue;
      const c = counts.get(v) ?? { n: 0, first: o.order };
      counts.set(v, { n: c.n + 1, first: Math.min(c.first, o.order) });
    }
    let best: string | null = null;
    for (const [v, c] of counts) {
      if (best === null) { best = v; continue; }
      const b = counts.get(best)!;
      if (c.n > b.n || (c.n === b.n && v === s?.value && best !== s?.value) || (c.n === b.n && best !== s?.value && v !== s?.value && c.first < b.first)) best = v;
    }
    this.bindings.set(symbol, best);
    return best;
  }

  /** The verdict for one observation: part `part` of blank `blank`. */
  verdict(blank: string, part: number): PartVerdict {
    const at = this.where.get(blank)?.get(part);
    if (at) {
      const symbol = at.symbol;
      const list = this.bySymbol.get(symbol)!;
      const i = at.index;
      const o = list[i]!;
      const s = this.symbols[symbol];
      if (!("offset" in o.ref)) {
        // A value looked up through a free choice (e.g. the MAC of the endpoint the learner picked).
        const b = this.binding(symbol);
        const want = b === null ? o.expected : apply(b, o.ref) ?? o.expected;
        return { correct: o.given === want, note: b !== null && b !== s?.value && o.given === want ? "consistent with the endpoint you chose" : null };
      }
      if (s?.free) {
        const b = this.binding(symbol);
        const v = implied(o.given, o.ref);
        if (b === null) return { correct: false, note: `${describeFree(s.free)} would be right (${s.free.why})` };
        const want = apply(b, o.ref);
        if (o.given === want) return { correct: true, note: b === s.value ? null : `any valid choice is right here (${s.free.why}); you used ${b} consistently` };
        const valid = v !== null && satisfies(s.free, v);
        return { correct: false, note: valid ? `inconsistent: elsewhere you used ${b}, so this should be ${want}` : `${describeFree(s.free)} would be right (${s.free.why}); with your other answers it is ${want}` };
      }
      if (o.given === o.expected) return { correct: true, note: null };
      for (let j = i - 1; j >= 0; j--) {
        const prev = list[j]!;
        if (!("offset" in prev.ref)) continue;
        const base = implied(prev.given, prev.ref);
        const carried = base === null ? null : apply(base, o.ref);
        if (carried !== null && carried === o.given && prev.given !== prev.expected) {
          return { correct: true, carried: true, note: `consistent with your earlier answer at ${prev.label} (${prev.given}); the mistake is counted there` };
        }
        break;
      }
      return { correct: false, note: null };
    }
    return { correct: false, note: null };
  }
}
