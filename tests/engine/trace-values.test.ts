/**
 * Traces are values (STYLE.md lesson 15): a trace handed to one caller shares no mutable object
 * with any other trace, so whatever a caller does to its trace cannot show up in the next
 * simulate() of the same scenario. What the engine keeps between calls (decisions, symbols, refs,
 * the memoised variant, the grader's misconception worlds) is deeply frozen instead.
 */
import { describe, expect, test } from "vitest";
import { worldTrace } from "@/lib/grader/misconceptions";
import type { Trace } from "@/lib/engine/trace-types";
import type { ScenarioFile } from "@/lib/scenario/schema";
import { simulate } from "@/lib/simulate";
import { scenario, scenarioIds } from "../helpers/scenarios";
import { homeNetwork, load } from "../helpers/fixture";

/** Every object reachable from a value, with the first path that reaches it. */
function objectsOf(root: unknown): Map<object, string> {
  const seen = new Map<object, string>();
  const walk = (v: unknown, path: string): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.set(v, path);
    for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`);
  };
  walk(root, "trace");
  return seen;
}

/** Paths of objects reachable from both traces that a caller could still change. */
function sharedMutable(a: Trace, b: Trace): string[] {
  const inA = objectsOf(a);
  return [...objectsOf(b)].filter(([o]) => inA.has(o) && !Object.isFrozen(o)).map(([, path]) => path);
}

/** Changes everything a caller could change in a trace: numbers, strings, arrays. */
function vandalise(trace: Trace): void {
  for (const [o] of objectsOf(trace)) {
    if (Object.isFrozen(o)) continue;
    if (Array.isArray(o)) {
      o.push("vandalised");
      continue;
    }
    const rec = o as Record<string, unknown>;
    for (const [k, v] of Object.entries(rec)) {
      if (typeof v === "number") rec[k] = v + 1000;
      else if (typeof v === "string") rec[k] = `${v}!`;
    }
  }
}

const subjects: [string, () => ScenarioFile][] = [
  ...scenarioIds().map((id) => [id, () => scenario(id)] as [string, () => ScenarioFile]),
  ["fixture: home network (cold ARP, site router)", () => load(homeNetwork({ arp: "cold", siteRouter: true }))],
];

describe("traces are values", () => {
  describe.each(subjects)("%s", (_name, make) => {
    const s = make();

    test("two simulations of the same variant share no mutable object", () => {
      expect(sharedMutable(simulate(s, { seed: 0 }), simulate(s, { seed: 0 }))).toEqual([]);
    });

    test("changing every field of one trace leaves the next simulate() unchanged", () => {
      const before = JSON.stringify(simulate(s, { seed: 3 }));
      vandalise(simulate(s, { seed: 3 }));
      expect(JSON.stringify(simulate(s, { seed: 3 }))).toBe(before);
    });
  });

  test("events[i].packet.ip.ttl changed in one trace is not seen by the next", () => {
    const s = scenario("browser-to-google");
    const first = simulate(s, { seed: 0 });
    const hops = first.flows.flatMap((f) => f.events).filter((e) => e.type === "hop");
    const ttls = hops.map((e) => e.packet.ip!.ttl);
    for (const e of hops) (e.packet.ip as { ttl: number }).ttl = 1;
    const again = simulate(s, { seed: 0 }).flows.flatMap((f) => f.events).filter((e) => e.type === "hop");
    expect(again.map((e) => e.packet.ip!.ttl)).toEqual(ttls);
    expect(ttls.some((t) => t !== 1)).toBe(true);
  });

  test("the grader's cached misconception world is frozen, so no grading can change it for the next", () => {
    const s = scenario("browser-to-google");
    const world = worldTrace(s, 0, "ttl-decrement");
    const objects = [...objectsOf(world).keys()];
    expect(objects.length).toBeGreaterThan(100);
    expect(objects.filter((o) => !Object.isFrozen(o))).toEqual([]);
    expect(worldTrace(s, 0, "ttl-decrement")).toBe(world);
  });
});
