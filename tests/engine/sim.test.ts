/**
 * The simulation context's bookkeeping: hop keys (unique per flow, "~2" on a second pass, untouched
 * by what runs off the record), symbols (first declaration wins, plain data at the end) and rule
 * questions (recorded as in play).
 */
import { describe, expect, test } from "vitest";
import { RULE } from "@/lib/engine/rules";
import { newState, Sim } from "@/lib/engine/sim";
import { compileTopology } from "@/lib/engine/topology";
import { simulate } from "@/lib/simulate";
import { scenario, scenarioIds } from "../helpers/scenarios";

const emptyTopology = compileTopology({ segments: [], nodes: [], routeTables: [], securityGroups: [], nacls: [], subnets: [] });
const newSim = (world = {}) => new Sim(emptyTopology, 0, world, newState());

describe("hop keys", () => {
  test.each([
    { label: "first pass", calls: [["tcp.syn", "r1"]], last: "tcp.syn@r1" },
    { label: "second pass at the same node", calls: [["tcp.syn", "r1"], ["tcp.syn", "r1"]], last: "tcp.syn@r1~2" },
    { label: "third pass", calls: [["tcp.syn", "r1"], ["tcp.syn", "r1"], ["tcp.syn", "r1"]], last: "tcp.syn@r1~3" },
    { label: "same label, other node", calls: [["tcp.syn", "r1"], ["tcp.syn", "r2"]], last: "tcp.syn@r2" },
    { label: "same node, other label", calls: [["tcp.syn", "r1"], ["tcp.ack", "r1"]], last: "tcp.ack@r1" },
  ])("$label: $last", ({ calls, last }) => {
    const sim = newSim();
    sim.beginFlow("f");
    let key = "";
    for (const [label, node] of calls) key = sim.key(label!, node!);
    expect(key).toBe(last);
  });

  test("a new flow counts from one again", () => {
    const sim = newSim();
    sim.beginFlow("first");
    expect([sim.key("a", "n"), sim.key("a", "n")]).toEqual(["a@n", "a@n~2"]);
    sim.beginFlow("second");
    expect([sim.key("a", "n"), sim.key("a", "n")]).toEqual(["a@n", "a@n~2"]);
  });

  test("keys used off the record (silently) are given again afterwards, nested or not", () => {
    const sim = newSim();
    sim.beginFlow("f");
    expect(sim.key("a", "n")).toBe("a@n");
    const inside = sim.silently(() => [sim.key("a", "n"), sim.key("b", "n"), ...sim.silently(() => [sim.key("c", "n")]), sim.key("c", "n")]);
    expect(inside).toEqual(["a@n~2", "b@n", "c@n", "c@n"]);
    expect([sim.key("a", "n"), sim.key("b", "n"), sim.key("c", "n")]).toEqual(["a@n~2", "b@n", "c@n"]);
  });

  test("two simulations keep their own counts", () => {
    const one = newSim();
    const two = newSim();
    one.beginFlow("f");
    two.beginFlow("f");
    expect([one.key("a", "n"), two.key("a", "n"), one.key("a", "n"), two.key("a", "n")]).toEqual(["a@n", "a@n", "a@n~2", "a@n~2"]);
  });
});

describe("symbols and rules", () => {
  test("the first declaration of a symbol wins, in declaration order", () => {
    const sim = newSim();
    sim.symbol("ip:b", "B", "1");
    sim.symbol("ip:a", "A", "2");
    sim.symbol("ip:b", "B again", "3");
    expect(Object.entries(sim.finishSymbols()).map(([id, s]) => [id, s.value])).toEqual([["ip:b", "1"], ["ip:a", "2"]]);
  });

  // React refuses objects without the ordinary prototype between server and client components.
  test.each(scenarioIds())("%s: the trace's symbols are a plain object", (id) => {
    const trace = simulate(scenario(id), { seed: 1 });
    expect(Object.getPrototypeOf(trace.symbols)).toBe(Object.prototype);
    expect(Object.keys(trace.symbols).length).toBeGreaterThan(0);
  });

  test.each([
    { label: "the real world", world: {}, answer: true },
    { label: "a world with the rule flipped", world: { "ttl-decrement": false }, answer: false },
  ])("a rule is answered as the world says ($label) and recorded as in play", ({ world, answer }) => {
    const sim = newSim(world);
    expect(sim.rule(RULE["ttl-decrement"])).toBe(answer);
    expect([...sim.rulesInPlay]).toEqual(["ttl-decrement"]);
  });
});
