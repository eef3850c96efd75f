/**
 * Chart geometry as plain numbers: where each bar of a histogram or a horizontal bar chart goes in
 * an SVG viewBox. Pure, so the layout is tested on known data without rendering, and the SVG
 * components only draw what this returns (no client-side chart library: the server sends the SVG).
 */

export interface HistogramInput {
  /** Bins in order; `from`/`to` in percent, as lib/assessment's histogram() returns them. */
  readonly bins: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  readonly width: number;
  readonly height: number;
  /** Room left for the axis labels below and the count scale on the left. */
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

export interface HistogramBar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly count: number;
  /** "0-10%", "90-100%". */
  readonly label: string;
}

export interface HistogramGeometry {
  readonly bars: readonly HistogramBar[];
  /** The largest count, the top of the scale (at least 1, so an empty class draws flat bars, not NaN). */
  readonly maxCount: number;
  /** Where the bars stand: y of the x axis. */
  readonly baseline: number;
  /** Count ticks on the left scale: value and y. */
  readonly ticks: readonly { readonly value: number; readonly y: number }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Whole-number ticks for a count axis: 0, the max, and up to three steps between. */
export function countTicks(maxCount: number): readonly number[] {
  const step = Math.max(1, Math.ceil(maxCount / 4));
  const ticks: number[] = [];
  for (let v = 0; v < maxCount; v += step) ticks.push(v);
  ticks.push(maxCount);
  return ticks;
}

/** Bars of equal width filling the plot area, heights in proportion to the counts. */
export function histogramGeometry(input: HistogramInput): HistogramGeometry {
  const { bins, width, height, margin } = input;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  if (plotWidth <= 0 || plotHeight <= 0) throw new RangeError("the chart is smaller than its margins");
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const barWidth = bins.length === 0 ? 0 : plotWidth / bins.length;
  const baseline = margin.top + plotHeight;
  const bars = bins.map((b, i): HistogramBar => {
    const h = (b.count / maxCount) * plotHeight;
    return {
      x: round2(margin.left + i * barWidth),
      y: round2(baseline - h),
      width: round2(barWidth),
      height: round2(h),
      count: b.count,
      label: `${round2(b.from)}-${round2(b.to)}%`,
    };
  });
  const ticks = countTicks(maxCount).map((value) => ({ value, y: round2(baseline - (value / maxCount) * plotHeight) }));
  return { bars, maxCount, baseline, ticks };
}

export interface BarRowInput {
  readonly label: string;
  readonly value: number;
}

export interface BarChartInput {
  readonly rows: readonly BarRowInput[];
  /** The value of a full-length bar (1 for shares, the class size for counts). */
  readonly max: number;
  readonly width: number;
  readonly rowHeight: number;
  /** Width kept on the left for the row labels, and on the right for the value text. */
  readonly labelWidth: number;
  readonly valueWidth: number;
}

export interface BarRow {
  readonly label: string;
  readonly value: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Where the value text starts (just right of the bar). */
  readonly valueX: number;
  /** The vertical middle of the row, for its texts. */
  readonly textY: number;
}

export interface BarChartGeometry {
  readonly rows: readonly BarRow[];
  readonly height: number;
}

/** One horizontal bar per row, top to bottom in the given order; values above `max` are drawn full length. */
export function barChartGeometry(input: BarChartInput): BarChartGeometry {
  const { rows, max, width, rowHeight, labelWidth, valueWidth } = input;
  if (!(max > 0)) throw new RangeError("max must be above 0");
  const track = width - labelWidth - valueWidth;
  if (track <= 0) throw new RangeError("the chart is narrower than its labels");
  // A gap of a fifth of the row between bars keeps neighbouring rows apart.
  const barHeight = round2(rowHeight * 0.8);
  return {
    height: rows.length * rowHeight,
    rows: rows.map((r, i): BarRow => {
      const w = round2((Math.min(Math.max(r.value, 0), max) / max) * track);
      const y = i * rowHeight;
      return { label: r.label, value: r.value, x: labelWidth, y: round2(y + (rowHeight - barHeight) / 2), width: w, height: barHeight, valueX: round2(labelWidth + w + 4), textY: round2(y + rowHeight / 2) };
    }),
  };
}
