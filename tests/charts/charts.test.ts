/**
 * Chart geometry on known data, and the server-rendered SVG with its text equivalents.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { BarChart, describeBars } from "@/components/charts/bar-chart";
import { barChartGeometry, countTicks, histogramGeometry } from "@/components/charts/geometry";
import { describeHistogram, ScoreHistogram } from "@/components/charts/score-histogram";

const MARGIN = { top: 10, right: 10, bottom: 30, left: 40 };

describe("histogram geometry", () => {
  // Plot area: x 40..440 (400 wide), y 10..110 (100 high); 4 bins of 100 px; the tallest count is 4.
  const g = histogramGeometry({
    bins: [{ from: 0, to: 25, count: 1 }, { from: 25, to: 50, count: 0 }, { from: 50, to: 75, count: 4 }, { from: 75, to: 100, count: 2 }],
    width: 450, height: 140, margin: MARGIN,
  });

  test.each([
    ["1 of 4 is a quarter of the height", 0, { x: 40, y: 85, width: 100, height: 25, count: 1, label: "0-25%" }],
    ["an empty bin has no height and stands on the baseline", 1, { x: 140, y: 110, width: 100, height: 0, count: 0, label: "25-50%" }],
    ["the tallest bin fills the plot", 2, { x: 240, y: 10, width: 100, height: 100, count: 4, label: "50-75%" }],
    ["2 of 4 is half", 3, { x: 340, y: 60, width: 100, height: 50, count: 2, label: "75-100%" }],
  ])("%s", (_label, index, bar) => {
    expect(g.bars[index]).toEqual(bar);
  });

  test("baseline, scale and ticks", () => {
    expect(g.baseline).toBe(110);
    expect(g.maxCount).toBe(4);
    expect(g.ticks).toEqual([{ value: 0, y: 110 }, { value: 1, y: 85 }, { value: 2, y: 60 }, { value: 3, y: 35 }, { value: 4, y: 10 }]);
  });

  test("no students: flat bars on a scale of 1, never NaN", () => {
    const empty = histogramGeometry({ bins: [{ from: 0, to: 50, count: 0 }, { from: 50, to: 100, count: 0 }], width: 450, height: 140, margin: MARGIN });
    expect(empty.maxCount).toBe(1);
    expect(empty.bars.map((b) => [b.y, b.height])).toEqual([[110, 0], [110, 0]]);
  });

  test("a chart smaller than its margins is refused", () => {
    expect(() => histogramGeometry({ bins: [], width: 40, height: 140, margin: MARGIN })).toThrow(RangeError);
  });

  test.each([
    [1, [0, 1]],
    [4, [0, 1, 2, 3, 4]],
    [10, [0, 3, 6, 9, 10]],
    [500, [0, 125, 250, 375, 500]],
  ])("count ticks up to %i", (max, ticks) => {
    expect(countTicks(max)).toEqual(ticks);
  });
});

describe("bar chart geometry", () => {
  // Track: x 100..400 (300 wide); rows of 20 px with bars of 16 px centred.
  const g = barChartGeometry({
    rows: [{ label: "a", value: 0.5 }, { label: "b", value: 1 }, { label: "c", value: 0 }, { label: "d", value: 2 }],
    max: 1, width: 500, rowHeight: 20, labelWidth: 100, valueWidth: 100,
  });

  test.each([
    ["half of the maximum: half the track", 0, { x: 100, y: 2, width: 150, height: 16, valueX: 254, textY: 10 }],
    ["the maximum: the whole track", 1, { x: 100, y: 22, width: 300, height: 16, valueX: 404, textY: 30 }],
    ["zero: no bar", 2, { x: 100, y: 42, width: 0, height: 16, valueX: 104, textY: 50 }],
    ["above the maximum: clipped to the track", 3, { x: 100, y: 62, width: 300, height: 16, valueX: 404, textY: 70 }],
  ])("%s", (_label, index, expected) => {
    expect(g.rows[index]).toMatchObject(expected);
  });

  test("the chart is as tall as its rows", () => {
    expect(g.height).toBe(80);
  });

  test.each([
    ["a maximum of 0", { max: 0, width: 500 }],
    ["labels wider than the chart", { max: 1, width: 150 }],
  ])("refuses %s", (_label, { max, width }) => {
    expect(() => barChartGeometry({ rows: [], max, width, rowHeight: 20, labelWidth: 100, valueWidth: 100 })).toThrow(RangeError);
  });
});

function html(element: ReturnType<typeof createElement>): string {
  return renderToString(element).replace(/<!-- -->/g, "");
}

describe("rendered charts and their text equivalents", () => {
  const bins = [{ from: 0, to: 50, count: 2 }, { from: 50, to: 100, count: 3 }];

  test("the histogram is an image named by its title and described by its numbers", () => {
    const out = html(createElement(ScoreHistogram, { id: "scores", title: "Scores", bins }));
    expect(out).toContain('role="img"');
    expect(out).toContain('aria-labelledby="scores-title scores-desc"');
    expect(out).toContain("<desc id=\"scores-desc\">5 students: 2 in 0-50%, 3 in 50-100%.</desc>");
    // One rect per bin; the tallest (3) fills the plot.
    expect(out.match(/<rect [^>]*data-count/g)).toHaveLength(2);
    expect(out).toMatch(/<th scope="row">50-100%<\/th><td>3<\/td>/);
  });

  test.each([
    ["no students", [{ from: 0, to: 100, count: 0 }], "No students yet."],
    ["empty bins are left out", [{ from: 0, to: 50, count: 0 }, { from: 50, to: 100, count: 1 }], "1 students: 1 in 50-100%."],
  ])("histogram description: %s", (_label, b, text) => {
    expect(describeHistogram(b)).toBe(text);
  });

  test("the bar chart lists every row in its table and description", () => {
    const rows = [{ label: "hop1 ip.src", value: 0.75, valueText: "3 of 4 (75%)" }, { label: "hop2 ip.dst", value: 0.25, valueText: "1 of 4 (25%)" }];
    const out = html(createElement(BarChart, { id: "fields", title: "Most missed fields", rows, max: 1, valueHeading: "Missed", labelHeading: "Field" }));
    expect(out).toContain("<desc id=\"fields-desc\">Most missed fields: hop1 ip.src 3 of 4 (75%); hop2 ip.dst 1 of 4 (25%).</desc>");
    expect(out).toMatch(/<th scope="row">hop2 ip.dst<\/th><td>1 of 4 \(25%\)<\/td>/);
    expect(describeBars("T", [])).toBe("T: nothing to show.");
  });

  test("no rows: no SVG, a sentence instead", () => {
    const out = html(createElement(BarChart, { id: "none", title: "Misconceptions", rows: [], max: 1, valueHeading: "Students", labelHeading: "Rule" }));
    expect(out).not.toContain("<svg");
    expect(out).toContain("Nothing to show yet.");
  });
});
