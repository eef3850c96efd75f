/**
 * Reading a V8 CPU profile (the `Profiler.stop` result of node:inspector, or a .cpuprofile file):
 * where the sampled time went, by function. Pure, so the arithmetic is tested on small profiles.
 *
 * Self time is the time a function was on top of the stack; inclusive time is the time it was
 * anywhere on the stack, counted once per sample however deep it recurses. Functions are named by
 * their name alone: the profiled code is one bundle, so its file and line say nothing useful.
 */

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string };
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  /** The node on top of the stack at each sample. */
  readonly samples: readonly number[];
  /** Microseconds since the previous sample, one per sample. */
  readonly timeDeltas: readonly number[];
}

export interface FunctionTime {
  readonly name: string;
  readonly selfMs: number;
  readonly inclusiveMs: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Every function seen, by self time, largest first. */
  readonly functions: readonly FunctionTime[];
}

/** V8 names anonymous functions "" and its own states "(program)", "(garbage collector)", ... */
function nameOf(node: CpuProfileNode): string {
  return node.callFrame.functionName === "" ? "(anonymous)" : node.callFrame.functionName;
}

/** Self and inclusive time of every function in the profile. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = Math.max(0, profile.timeDeltas[i] ?? 0);
    totalUs += us;
    const top = byId.get(profile.samples[i]!);
    if (!top) continue;
    self.set(nameOf(top), (self.get(nameOf(top)) ?? 0) + us);
    const onStack = new Set<string>();
    for (let id: number | undefined = top.id; id !== undefined; id = parentOf.get(id)) onStack.add(nameOf(byId.get(id)!));
    for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
  const functions = [...inclusive.keys()]
    .map((name) => ({ name, selfMs: (self.get(name) ?? 0) / 1000, inclusiveMs: inclusive.get(name)! / 1000 }))
    .sort((a, b) => b.selfMs - a.selfMs || b.inclusiveMs - a.inclusiveMs || a.name.localeCompare(b.name));
  return { totalMs: totalUs / 1000, functions };
}

/** Inclusive time of a function by name; 0 when it was never sampled. */
export function inclusiveMs(summary: ProfileSummary, name: string): number {
  return summary.functions.find((f) => f.name === name)?.inclusiveMs ?? 0;
}

/**
 * Amdahl's bound for one function: its inclusive share of all the sampled time, and the rate the
 * profiled work could reach (from `ratePerSecond` now) if that function's time fell to nothing.
 */
export function ceilingIfFree(summary: ProfileSummary, name: string, ratePerSecond: number): { readonly share: number; readonly ceiling: number } {
  const share = summary.totalMs > 0 ? inclusiveMs(summary, name) / summary.totalMs : 0;
  return { share, ceiling: share >= 1 ? Infinity : ratePerSecond / (1 - share) };
}
