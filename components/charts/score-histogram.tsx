/**
 * The distribution of scores as a server-rendered SVG histogram, with a text equivalent: the SVG
 * is an image whose accessible name sums it up, and a table of the same numbers follows it.
 */
import { histogramGeometry } from "./geometry";
import styles from "./charts.module.css";

export interface ScoreHistogramProps {
  /** Unique on the page: names the title and description elements. */
  readonly id: string;
  readonly title: string;
  readonly bins: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  /** What is counted: "students", "attempts". */
  readonly unit?: string;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 36, left: 36 };

/** "3 students scored 0-10%, ...": the whole chart in one sentence. */
export function describeHistogram(bins: ScoreHistogramProps["bins"], unit = "students"): string {
  const total = bins.reduce((s, b) => s + b.count, 0);
  if (total === 0) return `No ${unit} yet.`;
  const parts = bins.filter((b) => b.count > 0).map((b) => `${b.count} in ${b.from}-${b.to}%`);
  return `${total} ${unit}: ${parts.join(", ")}.`;
}

export function ScoreHistogram({ id, title, bins, unit = "students" }: ScoreHistogramProps) {
  const g = histogramGeometry({ bins, width: WIDTH, height: HEIGHT, margin: MARGIN });
  const description = describeHistogram(bins, unit);
  return (
    <figure className={styles.figure}>
      <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid={`${id}-svg`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {g.ticks.map((t) => (
          <g key={t.value}>
            <line className={styles.grid} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={t.y} y2={t.y} />
            <text className={styles.tick} x={MARGIN.left - 6} y={t.y} textAnchor="end" dominantBaseline="middle">{t.value}</text>
          </g>
        ))}
        {g.bars.map((b) => (
          <g key={b.label}>
            <rect className={styles.bar} x={b.x + 1} y={b.y} width={Math.max(0, b.width - 2)} height={b.height} data-count={b.count} />
            <text className={styles.tick} x={b.x + b.width / 2} y={g.baseline + 14} textAnchor="middle">{b.label.replace("%", "")}</text>
          </g>
        ))}
        <text className={styles.axis} x={MARGIN.left + (WIDTH - MARGIN.left - MARGIN.right) / 2} y={HEIGHT - 4} textAnchor="middle">score (%)</text>
      </svg>
      <figcaption className={styles.caption}>{title}</figcaption>
      <details className={styles.details}>
        <summary>The numbers as a table</summary>
        <table className={styles.table}>
          <caption className="visually-hidden">{title}</caption>
          <thead><tr><th scope="col">Score</th><th scope="col">{unit[0]!.toUpperCase() + unit.slice(1)}</th></tr></thead>
          <tbody>
            {g.bars.map((b) => (
              <tr key={b.label}><th scope="row">{b.label}</th><td>{b.count}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
