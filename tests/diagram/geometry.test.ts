/** The diagram's geometry: routes along drawn links, points along them, label wrapping, summaries. */
import { describe, expect, test } from "vitest";
import { describeDiagram, interfaceRows } from "@/components/diagram/describe";
import { easeInOut, linkId, linksBetween, pointAlong, polylineLength, routeBetween, wrapLabel } from "@/components/diagram/geometry";
import type { Diagram, DiagramNode } from "@/lib/diagram/layout";

function node(id: string, x: number, y: number, zone: string | null = null): DiagramNode {
  return {
    id, label: id.toUpperCase(), kind: id.startsWith("r") ? "router" : "host", x, y, zone,
    addresses: [`10.0.0.${x / 100}/24`],
    interfaces: [{ name: "eth0", address: `10.0.0.${x / 100}/24`, mac: "02:00:00:00:00:01", segment: "lan" }],
  };
}

/** h1 and h2 hang off router r1 on one switched segment (drawn as a star); r1 - r2 is a point-to-point link. */
const DIAGRAM: Diagram = {
  width: 600, height: 400,
  nodes: [node("h1", 100, 100, "office"), node("h2", 100, 300, "office"), node("r1", 300, 200, "office"), node("r2", 500, 200)],
  zones: [{ id: "office", label: "Office LAN", kind: "lan", x: 10, y: 10, w: 380, h: 380, depth: 0 }],
  links: [
    { segment: "lan", label: "Office LAN 10.0.0.0/24", from: "r1", to: "h1" },
    { segment: "lan", label: "Office LAN 10.0.0.0/24", from: "r1", to: "h2" },
    { segment: "wan", label: "WAN", from: "r1", to: "r2" },
  ],
};

describe("linksBetween / routeBetween", () => {
  test.each([
    { label: "a direct link, either direction", a: "h1", b: "r1", links: ["lan:r1:h1"], route: [[100, 100], [300, 200]] },
    { label: "the reverse direction of a link", a: "r2", b: "r1", links: ["wan:r1:r2"], route: [[500, 200], [300, 200]] },
    { label: "two hosts on one star segment go through its hub", a: "h1", b: "h2", links: ["lan:r1:h1", "lan:r1:h2"], route: [[100, 100], [300, 200], [100, 300]] },
    { label: "nodes with no shared link: a straight line", a: "h1", b: "r2", links: [], route: [[100, 100], [500, 200]] },
    { label: "the same node: a point", a: "r1", b: "r1", links: [], route: [[300, 200]] },
    { label: "an unknown node: what is known", a: "nope", b: "r2", links: [], route: [[500, 200]] },
  ])("$label", ({ a, b, links, route }) => {
    expect(linksBetween(DIAGRAM, a, b).map(linkId)).toEqual(links);
    expect(routeBetween(DIAGRAM, a, b).map((p) => [p.x, p.y])).toEqual(route);
  });
});

describe("pointAlong", () => {
  const line = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }];
  test.each([
    { label: "start", t: 0, point: [0, 0] },
    { label: "a quarter: on the first leg", t: 0.25, point: [50, 0] },
    { label: "half: the corner", t: 0.5, point: [100, 0] },
    { label: "three quarters: on the second leg", t: 0.75, point: [100, 50] },
    { label: "end", t: 1, point: [100, 100] },
    { label: "below 0 clamps to the start", t: -3, point: [0, 0] },
    { label: "above 1 clamps to the end", t: 7, point: [100, 100] },
    { label: "NaN means the end", t: Number.NaN, point: [100, 100] },
  ])("$label", ({ t, point }) => {
    const p = pointAlong(line, t);
    expect([p.x, p.y]).toEqual(point);
  });

  test("a single point stays put, an empty line is the origin", () => {
    expect(pointAlong([{ x: 5, y: 6 }], 0.5)).toEqual({ x: 5, y: 6 });
    expect(pointAlong([], 0.5)).toEqual({ x: 0, y: 0 });
    expect(polylineLength(line)).toBe(200);
  });

  test.each([0, 0.2, 0.5, 0.8, 1])("easeInOut(%s) stays within 0..1 and is symmetric", (t) => {
    expect(easeInOut(t)).toBeGreaterThanOrEqual(0);
    expect(easeInOut(t)).toBeLessThanOrEqual(1);
    expect(easeInOut(t) + easeInOut(1 - t)).toBeCloseTo(1);
  });
});

describe("wrapLabel", () => {
  test.each([
    { label: "short labels stay on one line", text: "Your laptop", width: 22, lines: ["Your laptop"] },
    { label: "breaks at spaces", text: "Google front-end server 1", width: 22, lines: ["Google front-end", "server 1"] },
    { label: "long names break after a hyphen", text: "Pod coredns-7db6d8ff4d-x2kq9", width: 22, lines: ["Pod coredns-", "7db6d8ff4d-x2kq9"] },
    { label: "a word with no break points is cut", text: "abcdefghijklmnopqrstuvwxyz", width: 10, lines: ["abcdefghij", "klmnopqrs…"] },
    { label: "a third line becomes an ellipsis", text: "one two three four five six", width: 9, lines: ["one two", "three…"] },
    { label: "extra spaces are ignored", text: "  Home   router  ", width: 22, lines: ["Home router"] },
    { label: "empty text, no lines", text: "", width: 22, lines: [] },
  ])("$label", ({ text, width, lines }) => {
    const out = wrapLabel(text, width);
    expect(out).toEqual(lines);
    for (const line of out) expect(line.length).toBeLessThanOrEqual(width);
  });
});

describe("words for the diagram", () => {
  test("the summary names the zones, nodes, kinds and addresses", () => {
    const text = describeDiagram(DIAGRAM, "Test net");
    expect(text).toMatch(/^Test net: network diagram with 4 nodes, 3 links and 1 zone\./);
    expect(text).toContain("Office LAN: H1, host (10.0.0.1/24); H2, host (10.0.0.1/24); R1, router (10.0.0.3/24)");
    expect(text).toContain("Outside any zone: R2, router (10.0.0.5/24)");
  });

  test("one table row per interface, with the link's label", () => {
    const rows = interfaceRows(DIAGRAM);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      nodeId: "h1", node: "H1", kind: "host", zone: "Office LAN", name: "eth0", address: "10.0.0.1/24", mac: "02:00:00:00:00:01", link: "Office LAN 10.0.0.0/24",
    });
    expect(rows[3]!.zone).toBeNull();
  });
});
