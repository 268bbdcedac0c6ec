/**
 * General-purpose chart builders: lines, scatter plots, bars, histograms (optionally one per
 * class, e.g. fraud vs legit), feature importance and learning curves. Each returns a plain
 * `ChartSpec`; nothing here draws.
 */
import type { ChartSeries, HistogramSpec, XYChartSpec } from './spec';
import { MlError } from '../core/errors';

/** Titles and axis labels shared by the builders. */
export interface ChartLabels {
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

/** Several named series, or one unnamed. */
export type SeriesInput = ArrayLike<number> | Record<string, ArrayLike<number>>;

function toNamedSeries(ys: SeriesInput, defaultLabel: string): [string, number[]][] {
  if (typeof (ys as ArrayLike<number>).length === 'number') return [[defaultLabel, Array.from(ys as ArrayLike<number>)]];
  return Object.entries(ys as Record<string, ArrayLike<number>>).map(([label, y]) => [label, Array.from(y)]);
}

function checkLength(name: string, got: number, want: number): void {
  if (got !== want) throw new MlError('shape-mismatch', `${name} has ${got} values but x has ${want}: pass one y per x.`);
}

/** One or more lines over shared x values, e.g. `lineChart(days, { precision, recall })`. */
export function lineChart(x: ArrayLike<number>, ys: SeriesInput, options: ChartLabels & { label?: string } = {}): XYChartSpec {
  const xs = Array.from(x);
  const series = toNamedSeries(ys, options.label ?? 'y').map(([label, y]) => {
    checkLength(label, y.length, xs.length);
    return { label, x: xs.slice(), y };
  });
  return { type: 'chart', kind: 'line', title: options.title, x: { label: options.xLabel }, y: { label: options.yLabel }, series };
}

/** A label for each group value, e.g. `{ 0: 'legit', 1: 'fraud' }`. */
export type GroupLabels = Record<string, string>;

/** Splits indices by group value (sorted), naming each group through `labels`. */
function splitByGroup(groups: ArrayLike<unknown>, labels: GroupLabels = {}): { label: string; indices: number[] }[] {
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const key = groups[i] === null || groups[i] === undefined ? '(missing)' : String(groups[i]);
    const list = byKey.get(key) ?? [];
    list.push(i);
    byKey.set(key, list);
  }
  return [...byKey.keys()].sort().map((key) => ({ label: labels[key] ?? key, indices: byKey.get(key) as number[] }));
}

/** Points, optionally coloured by a group (one series per group value). */
export function scatterChart(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: ChartLabels & { groups?: ArrayLike<unknown>; labels?: GroupLabels; label?: string } = {},
): XYChartSpec {
  checkLength('y', y.length, x.length);
  const parts = options.groups
    ? splitByGroup(options.groups, options.labels)
    : [{ label: options.label ?? 'points', indices: Array.from({ length: x.length }, (_, i) => i) }];
  if (options.groups) checkLength('groups', options.groups.length, x.length);
  const series = parts.map((p) => ({ label: p.label, x: p.indices.map((i) => x[i]), y: p.indices.map((i) => y[i]) }));
  return { type: 'chart', kind: 'scatter', title: options.title, x: { label: options.xLabel }, y: { label: options.yLabel }, series };
}

/** Bars per category; pass several named series for grouped bars. */
export function barChart(
  categories: readonly string[],
  values: SeriesInput,
  options: ChartLabels & { horizontal?: boolean; label?: string } = {},
): XYChartSpec {
  const series = toNamedSeries(values, options.label ?? 'value').map(([label, y]) => {
    if (y.length !== categories.length) {
      throw new MlError('shape-mismatch', `${label} has ${y.length} values for ${categories.length} categories.`);
    }
    return { label, y };
  });
  return {
    type: 'chart',
    kind: 'bar',
    title: options.title,
    x: { label: options.xLabel },
    y: { label: options.yLabel },
    categories: categories.slice(),
    horizontal: options.horizontal,
    series,
  };
}

/** Options of `distributionChart`. */
export interface DistributionOptions extends ChartLabels {
  bins?: number;
  /** A group per value (e.g. the label), drawing one histogram per group on shared bins. */
  by?: ArrayLike<unknown>;
  labels?: GroupLabels;
  /** Show shares of each group instead of counts. Default true when `by` is given, so a 1% class stays visible. */
  normalize?: boolean;
  /** Bin range; values outside are left out. Default: the data's min and max. */
  range?: [number, number];
}

/**
 * Histogram of `values` with equal-width bins (numpy's rule: the last bin includes its right
 * edge); missing values (null, NaN) are skipped. With `by`, one series per group on shared bins.
 */
export function distributionChart(values: ArrayLike<number | null>, options: DistributionOptions = {}): HistogramSpec {
  const bins = options.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1) throw new MlError('bad-argument', `bins is ${bins}: use a whole number such as 30.`);
  if (options.by) checkLength('by', options.by.length, values.length);
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) present.push(i);
  }
  if (present.length === 0) throw new MlError('empty-data', 'There are no finite values to draw a histogram of.');
  let [lo, hi] = options.range ?? [Infinity, -Infinity];
  if (!options.range) {
    for (const i of present) {
      lo = Math.min(lo, values[i] as number);
      hi = Math.max(hi, values[i] as number);
    }
  }
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const groups = options.by
    ? splitByGroup(
        present.map((i) => (options.by as ArrayLike<unknown>)[i]),
        options.labels,
      ).map((g) => ({
        label: g.label,
        indices: g.indices.map((k) => present[k]),
      }))
    : [{ label: 'count', indices: present }];
  const normalize = options.normalize ?? options.by !== undefined;
  const series: ChartSeries[] = groups.map((g) => {
    const counts = new Array<number>(bins).fill(0);
    for (const i of g.indices) {
      const v = values[i] as number;
      if (v < lo || v > hi) continue;
      counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
    }
    return { label: g.label, y: normalize ? counts.map((c) => c / g.indices.length) : counts };
  });
  return {
    type: 'chart',
    kind: 'histogram',
    title: options.title,
    x: { label: options.xLabel },
    y: { label: options.yLabel ?? (normalize ? 'share of group' : 'count') },
    edges,
    series,
  };
}

/** Histogram of one set of values (a `distributionChart` without groups). */
export function histogramChart(values: ArrayLike<number | null>, options: Omit<DistributionOptions, 'by' | 'labels'> = {}): HistogramSpec {
  return distributionChart(values, options);
}

/** A feature's name and importance, as `permutationImportance` or a coefficient table gives them. */
export type ImportanceItem = { feature?: string; name?: string; importance?: number; value?: number };

/**
 * Horizontal bars of the `top` most important features (by absolute value, largest on top).
 * Accepts names and values, `{ feature, importance }` items, or a `{ name: value }` record.
 */
export function featureImportanceChart(
  namesOrItems: readonly string[] | readonly ImportanceItem[] | Record<string, number>,
  values?: ArrayLike<number>,
  options: { top?: number; title?: string; label?: string; xLabel?: string } = {},
): XYChartSpec {
  let pairs: [string, number][];
  if (Array.isArray(namesOrItems) && (namesOrItems.length === 0 || typeof namesOrItems[0] === 'string')) {
    const names = namesOrItems as string[];
    if (!values || values.length !== names.length) {
      throw new MlError('shape-mismatch', `Pass one importance per name: ${names.length} names, ${values?.length ?? 0} values.`);
    }
    pairs = names.map((n, i) => [n, values[i]]);
  } else if (Array.isArray(namesOrItems)) {
    pairs = (namesOrItems as ImportanceItem[]).map((it) => [it.feature ?? it.name ?? '?', it.importance ?? it.value ?? NaN]);
  } else pairs = Object.entries(namesOrItems as Record<string, number>);
  const bad = pairs.find(([, v]) => !Number.isFinite(v));
  if (bad) throw new MlError('not-finite', `The importance of '${bad[0]}' is ${bad[1]}: every importance must be a finite number.`);
  const top = pairs.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, options.top ?? 20);
  return {
    type: 'chart',
    kind: 'bar',
    horizontal: true,
    title: options.title ?? 'Feature importance',
    x: { label: options.xLabel ?? 'importance' },
    categories: top.map(([n]) => n),
    series: [{ label: options.label ?? 'importance', y: top.map(([, v]) => v) }],
  };
}

/** A training history: tfjs's `history.history`, the toolkit's `TrainHistory`, or per-epoch logs. */
export type HistoryInput = Record<string, ArrayLike<number>> | readonly Record<string, number>[];

/** A row of a learning curve over training-set size. */
export interface SizeCurveRow {
  size: number;
  train: number;
  validation: number;
}

function pickValidationKey(history: Record<string, ArrayLike<number>>, metric: string): string | undefined {
  const cap = metric.charAt(0).toUpperCase() + metric.slice(1);
  return [`val_${metric}`, `val${cap}`, metric === 'train' ? 'validation' : ''].find((k) => k in history);
}

/**
 * Train and validation curves. Given a history (`{ loss: [...], val_loss: [...] }`, camelCase
 * `valLoss`, or one log object per epoch) it plots `metric` (default 'loss') per epoch; given
 * `{ size, train, validation }` rows it plots scores against the number of training rows.
 */
export function learningCurveChart(
  history: HistoryInput | readonly SizeCurveRow[],
  metricOrOptions: string | { metric?: string; title?: string } = {},
): XYChartSpec {
  const options = typeof metricOrOptions === 'string' ? { metric: metricOrOptions } : metricOrOptions;
  if (Array.isArray(history) && history.length > 0 && 'size' in history[0] && 'validation' in history[0]) {
    const rows = history as SizeCurveRow[];
    const metric = options.metric ?? 'score';
    const x = rows.map((r) => r.size);
    return {
      type: 'chart',
      kind: 'line',
      title: options.title ?? 'Learning curve',
      x: { label: 'training rows' },
      y: { label: metric },
      series: [
        { label: `train ${metric}`, x, y: rows.map((r) => r.train) },
        { label: `validation ${metric}`, x: x.slice(), y: rows.map((r) => r.validation), dashed: true },
      ],
    };
  }
  const columns: Record<string, ArrayLike<number>> = Array.isArray(history)
    ? Object.fromEntries(Object.keys(history[0] ?? {}).map((k) => [k, (history as Record<string, number>[]).map((log) => log[k])]))
    : (history as Record<string, ArrayLike<number>>);
  const metric = options.metric ?? ('loss' in columns ? 'loss' : 'train');
  if (!(metric in columns)) {
    throw new MlError('bad-argument', `The history has no '${metric}'. It has: ${Object.keys(columns).join(', ') || 'nothing'}.`);
  }
  const train = Array.from(columns[metric]);
  const epochs = columns.epoch && columns.epoch.length === train.length ? Array.from(columns.epoch) : train.map((_, i) => i + 1);
  const series: ChartSeries[] = [{ label: `train ${metric}`, x: epochs, y: train }];
  const valKey = pickValidationKey(columns, metric);
  if (valKey) series.push({ label: `validation ${metric}`, x: epochs.slice(), y: Array.from(columns[valKey]), dashed: true });
  return { type: 'chart', kind: 'line', title: options.title ?? 'Learning curve', x: { label: 'epoch' }, y: { label: metric }, series };
}
