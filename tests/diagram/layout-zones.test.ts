/** Zone boxes in every scenario's diagram: nested boxes sit inside their parents, others never touch. */
import { describe, expect, test } from "vitest";
import { layoutDiagram, type DiagramZone } from "@/lib/diagram/layout";
import { variantOf } from "@/lib/simulate";
import { scenario, scenarioIds } from "../helpers/scenarios";

const inside = (a: DiagramZone, b: DiagramZone) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const overlap = (a: DiagramZone, b: DiagramZone) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe.each(scenarioIds())("%s zones", (id) => {
  const instance = variantOf(scenario(id), 0);
  const zones = instance.file.zones;
  const diagram = layoutDiagram(instance.input.network, zones, instance.file.flows[0]!.from);
  const parentOf = new Map(zones.map((z) => [z.id, z.parent ?? null]));
  const ancestors = (zone: string | null): string[] => {
    const out: string[] = [];
    for (let z = zone; z; z = parentOf.get(z) ?? null) out.push(z);
    return out;
  };

  test("a nested zone lies inside its parent; unrelated zones do not overlap", () => {
    for (const a of diagram.zones) {
      for (const b of diagram.zones) {
        if (a === b) continue;
        if (ancestors(a.id).includes(b.id)) expect(inside(a, b), `${a.id} inside ${b.id}`).toBe(true);
        else if (!ancestors(b.id).includes(a.id)) expect(overlap(a, b), `${a.id} and ${b.id} overlap`).toBe(false);
      }
    }
  });

  test("no node sits inside a zone it does not belong to", () => {
    for (const n of diagram.nodes) {
      const mine = ancestors(n.zone);
      for (const z of diagram.zones) {
        if (mine.includes(z.id)) continue;
        const within = n.x > z.x && n.x < z.x + z.w && n.y > z.y && n.y < z.y + z.h;
        expect(within, `${n.id} inside ${z.id}`).toBe(false);
      }
    }
  });

  test("everything fits the canvas", () => {
    for (const z of diagram.zones) {
      expect(z.x).toBeGreaterThanOrEqual(0);
      expect(z.y).toBeGreaterThanOrEqual(0);
      expect(z.x + z.w).toBeLessThanOrEqual(diagram.width);
      expect(z.y + z.h).toBeLessThanOrEqual(diagram.height);
    }
  });

  test("deterministic: the same input gives the same picture", () => {
    expect(layoutDiagram(instance.input.network, zones, instance.file.flows[0]!.from)).toEqual(diagram);
  });
});
