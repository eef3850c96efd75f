/**
 * Horizontal bars (per-field difficulty, misconceptions by question) as server-rendered SVG, with
 * the same rows as a table for screen readers and for anyone who would rather read the numbers.
 */
import { barChartGeometry } from "./geometry";
import styles from "./charts.module.css";

export interface BarChartRow {
  readonly label: string;
  readonly value: number;
  /** Shown instead of the value, e.g. "3 of 12 (25%)". */
  readonly valueText?: string;
}

export interface BarChartProps {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly BarChartRow[];
  /** The value of a full bar (1 for shares, the class size for counts). */
  readonly max: number;
  /** Heading of the value column in the table, e.g. "Missed". */
  readonly valueHeading: string;
  readonly labelHeading: string;
}

const WIDTH = 640;
const ROW = 26;
const LABEL_WIDTH = 240;
const VALUE_WIDTH = 120;

const text = (r: BarChartRow) => r.valueText ?? String(r.value);

/** The chart in one sentence, for the SVG's description. */
export function describeBars(title: string, rows: readonly BarChartRow[]): string {
  if (rows.length === 0) return `${title}: nothing to show.`;
  return `${title}: ${rows.map((r) => `${r.label} ${text(r)}`).join("; ")}.`;
}

/** Keeps a long label inside its column (the full text is in the table and the description). */
function clip(label: string): string {
  return label.length > 34 ? `${label.slice(0, 33)}…` : label;
}

export function BarChart({ id, title, rows, max, valueHeading, labelHeading }: BarChartProps) {
  const g = barChartGeometry({ rows, max, width: WIDTH, rowHeight: ROW, labelWidth: LABEL_WIDTH, valueWidth: VALUE_WIDTH });
  return (
    <figure className={styles.figure}>
      {rows.length > 0 && (
        <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${g.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid={`${id}-svg`}>
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{describeBars(title, rows)}</desc>
          {g.rows.map((r, i) => (
            <g key={`${i}-${r.label}`}>
              <text className={styles.tick} x={LABEL_WIDTH - 6} y={r.textY} textAnchor="end" dominantBaseline="middle">{clip(r.label)}</text>
              <rect className={styles.track} x={LABEL_WIDTH} y={r.y} width={WIDTH - LABEL_WIDTH - VALUE_WIDTH} height={r.height} />
              <rect className={styles.bar} x={r.x} y={r.y} width={r.width} height={r.height} />
              <text className={styles.tick} x={r.valueX} y={r.textY} dominantBaseline="middle">{text(rows[i]!)}</text>
            </g>
          ))}
        </svg>
      )}
      <figcaption className={styles.caption}>{title}</figcaption>
      {rows.length === 0 ? <p className={styles.caption}>Nothing to show yet.</p> : (
        <details className={styles.details}>
          <summary>The numbers as a table</summary>
          <table className={styles.table}>
            <caption className="visually-hidden">{title}</caption>
            <thead><tr><th scope="col">{labelHeading}</th><th scope="col">{valueHeading}</th></tr></thead>
            <tbody>
              {rows.map((r, i) => <tr key={`${i}-${r.label}`}><th scope="row">{r.label}</th><td>{text(r)}</td></tr>)}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
