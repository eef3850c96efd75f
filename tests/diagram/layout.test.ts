import { describe, expect, test } from "vitest";
import { layoutDiagram } from "@/lib/diagram/layout";
import { packetPath } from "@/lib/diagram/path";
import { simulate, variantOf } from "@/lib/simulate";
import { scenario, scenarioIds } from "../helpers/scenarios";

describe.each(scenarioIds())("%s diagram", (id) => {
  const s = scenario(id);
  const instance = variantOf(s, 0);
  const diagram = layoutDiagram(instance.input.network, instance.file.zones, instance.file.flows[0]!.from);

  test("places every node once, inside the canvas, without two nodes on one spot", () => {
    expect(diagram.nodes.map((n) => n.id).sort()).toEqual(instance.input.network.nodes.map((n) => n.id).sort());
    const spots = new Set(diagram.nodes.map((n) => `${n.x},${n.y}`));
    expect(spots.size).toBe(diagram.nodes.length);
    for (const n of diagram.nodes) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.y).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(diagram.width);
      expect(n.y).toBeLessThan(diagram.height);
    }
  });

  test("draws each zone around all of its nodes", () => {
    for (const z of diagram.zones) {
      for (const n of diagram.nodes.filter((x) => x.zone === z.id)) {
        expect(n.x).toBeGreaterThan(z.x);
        expect(n.x).toBeLessThan(z.x + z.w);
        expect(n.y).toBeGreaterThan(z.y);
        expect(n.y).toBeLessThan(z.y + z.h);
      }
    }
  });

  test("consecutive steps of the first flow's packet path share a link drawn on the diagram", () => {
    const trace = simulate(s, { seed: 0 });
    const ids = new Set(diagram.nodes.map((n) => n.id));
    const drawn = (segment: string, node: string) => diagram.links.some((l) => l.segment === segment && (l.from === node || l.to === node));
    const segmentsOf = (a: string) => instance.input.network.nodes.find((n) => n.id === a)!.interfaces.map((i) => i.segment);
    const path = packetPath(trace.flows[0]!);
    expect(path.length).toBeGreaterThan(1);
    for (const step of path) expect(ids.has(step.node)).toBe(true);
    for (let i = 1; i < path.length; i++) {
      const a = path[i - 1]!.node;
      const b = path[i]!.node;
      if (a === b || path[i - 1]!.kind !== "hop") continue;
      const shared = segmentsOf(a).filter((seg) => segmentsOf(b).includes(seg));
      expect(shared.some((seg) => drawn(seg, a) && drawn(seg, b)), `${a} -> ${b}`).toBe(true);
    }
  });
});
