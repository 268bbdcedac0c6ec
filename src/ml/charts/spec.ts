/**
 * Plain-data chart descriptions. The toolkit and cells produce them (numbers only, never tensors);
 * `src/charts/` renders them with Chart.js on the page. Keeping them plain lets them cross the
 * worker boundary and be exported into `.ipynb` files.
 */

/** One line, set of points or set of bars. */
export interface ChartSeries {
  label: string;
  /** x values for line/scatter; omitted for bar and histogram (bars follow `categories`/`edges`). */
  x?: number[];
  y: number[];
  /** Overrides the chart kind for this series: points only, or joined by a line. */
  style?: 'line' | 'points';
  /** Drawn dashed (e.g. a diagonal "random classifier" reference line). */
  dashed?: boolean;
  /** Area under a line is filled. */
  fill?: boolean;
  /** Optional CSS colour; the renderer picks a palette colour when absent. */
  color?: string;
}

/** An axis label and optional bounds. */
export interface AxisSpec {
  label?: string;
  min?: number;
  max?: number;
  /** Logarithmic scale. */
  log?: boolean;
}

/** Line, scatter or bar chart. */
export interface XYChartSpec {
  type: 'chart';
  kind: 'line' | 'scatter' | 'bar';
  title?: string;
  x?: AxisSpec;
  y?: AxisSpec;
  /** Bar labels, in the order of each series' `y`. */
  categories?: string[];
  /** Horizontal bars (feature importance reads better this way): values along `x`, categories down `y`. */
  horizontal?: boolean;
  series: ChartSeries[];
}

/** A histogram whose bins are already counted: `edges` has one more entry than each series' `y`. */
export interface HistogramSpec {
  type: 'chart';
  kind: 'histogram';
  title?: string;
  x?: AxisSpec;
  y?: AxisSpec;
  edges: number[];
  series: ChartSeries[];
}

/** A labelled matrix drawn as coloured cells with their values (a confusion matrix). */
export interface HeatmapSpec {
  type: 'chart';
  kind: 'heatmap';
  title?: string;
  /** Row labels, top to bottom, and what the rows mean (e.g. "actual"). */
  rows: string[];
  rowLabel?: string;
  cols: string[];
  colLabel?: string;
  values: number[][];
}

/** Any chart the engine can draw. */
export type ChartSpec = XYChartSpec | HistogramSpec | HeatmapSpec;

/** Returns true when `value` looks like a chart spec (used by `display(value)`). */
export function isChartSpec(value: unknown): value is ChartSpec {
  return (
    typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'chart' && typeof (value as { kind?: unknown }).kind === 'string'
  );
}
