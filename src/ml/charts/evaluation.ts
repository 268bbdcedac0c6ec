/**
 * One call per chart a notebook draws: each returns a plain `ChartSpec` (see spec.ts) that
 * `display()` hands to the page. Curves are computed here from labels and scores, and thinned to
 * their corners so a 50,000-row test set still crosses the worker boundary quickly.
 */
import type { ChartSeries, HeatmapSpec, XYChartSpec } from './spec';
import { calibrationBins } from '../evaluate/calibration';
import { averagePrecision, confusionMatrix, precisionRecallCurve, rocAuc, rocCurve, type Confusion } from '../evaluate/classification';

/** Labels and scores of one model, for comparing models on one chart. */
export interface ScoredSet {
  label: string;
  yTrue: ArrayLike<number>;
  yScore: ArrayLike<number>;
}

/** Options shared by the curve charts. */
export interface CurveChartOptions {
  title?: string;
  /** Legend label of a single model (default 'model'). */
  label?: string;
  /** Upper bound on points per curve after dropping collinear ones (default 1000). */
  maxPoints?: number;
}

/** Keeps the corners of a polyline (collinear middle points add nothing), then at most `maxPoints`. */
export function thinCurve(x: number[], y: number[], maxPoints = 1000): { x: number[]; y: number[] } {
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (i === 0 || i === x.length - 1) keep.push(i);
    else {
      const cross = (x[i] - x[i - 1]) * (y[i + 1] - y[i]) - (y[i] - y[i - 1]) * (x[i + 1] - x[i]);
      if (Math.abs(cross) > 1e-12) keep.push(i);
    }
  }
  let picked = keep;
  if (keep.length > maxPoints && maxPoints >= 2) {
    picked = Array.from({ length: maxPoints }, (_, j) => keep[Math.round((j * (keep.length - 1)) / (maxPoints - 1))]);
  }
  return { x: picked.map((i) => x[i]), y: picked.map((i) => y[i]) };
}

function toScoredSets(
  first: ArrayLike<number> | readonly ScoredSet[],
  second: ArrayLike<number> | CurveChartOptions | undefined,
  third: CurveChartOptions | undefined,
): { sets: ScoredSet[]; options: CurveChartOptions } {
  const isSets = Array.isArray(first) && first.length > 0 && typeof first[0] === 'object';
  if (isSets) return { sets: first as ScoredSet[], options: (second as CurveChartOptions | undefined) ?? {} };
  const options = third ?? {};
  return {
    sets: [{ label: options.label ?? 'model', yTrue: first as ArrayLike<number>, yScore: second as ArrayLike<number> }],
    options,
  };
}

const unitAxis = (label: string) => ({ label, min: 0, max: 1 });

/** ROC curve with its AUC in the legend and the chance diagonal; pass several `ScoredSet`s to compare models. */
export function rocChart(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, options?: CurveChartOptions): XYChartSpec;
export function rocChart(models: readonly ScoredSet[], options?: CurveChartOptions): XYChartSpec;
export function rocChart(
  first: ArrayLike<number> | readonly ScoredSet[],
  second?: ArrayLike<number> | CurveChartOptions,
  third?: CurveChartOptions,
): XYChartSpec {
  const { sets, options } = toScoredSets(first, second, third);
  const series: ChartSeries[] = sets.map((s) => {
    const curve = rocCurve(s.yTrue, s.yScore);
    const { x, y } = thinCurve(curve.fpr, curve.tpr, options.maxPoints);
    return { label: `${s.label} (AUC ${rocAuc(s.yTrue, s.yScore).toFixed(3)})`, x, y };
  });
  series.push({ label: 'chance', x: [0, 1], y: [0, 1], dashed: true });
  return {
    type: 'chart',
    kind: 'line',
    title: options.title ?? 'ROC curve',
    x: unitAxis('False positive rate'),
    y: unitAxis('True positive rate'),
    series,
  };
}

/** Precision–recall curve with average precision in the legend and the positive rate as the chance line. */
export function prChart(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, options?: CurveChartOptions): XYChartSpec;
export function prChart(models: readonly ScoredSet[], options?: CurveChartOptions): XYChartSpec;
export function prChart(
  first: ArrayLike<number> | readonly ScoredSet[],
  second?: ArrayLike<number> | CurveChartOptions,
  third?: CurveChartOptions,
): XYChartSpec {
  const { sets, options } = toScoredSets(first, second, third);
  const series: ChartSeries[] = sets.map((s) => {
    const curve = precisionRecallCurve(s.yTrue, s.yScore);
    const { x, y } = thinCurve(curve.recall, curve.precision, options.maxPoints);
    return { label: `${s.label} (AP ${averagePrecision(s.yTrue, s.yScore).toFixed(3)})`, x, y };
  });
  const labels = Array.from(sets[0].yTrue);
  const rate = labels.reduce((a, b) => a + b, 0) / labels.length;
  series.push({ label: `chance (${rate.toFixed(3)})`, x: [0, 1], y: [rate, rate], dashed: true });
  return {
    type: 'chart',
    kind: 'line',
    title: options.title ?? 'Precision–recall curve',
    x: unitAxis('Recall'),
    y: unitAxis('Precision'),
    series,
  };
}

/** Options of `confusionMatrixChart`. */
export interface ConfusionChartOptions {
  title?: string;
  /** Names of class 0 and class 1, e.g. ['legit', 'fraud']. */
  labels?: [string, string];
  /** Show each row as shares of its actual class (the diagonal then reads as per-class recall). */
  normalize?: boolean;
}

/** Confusion matrix as a heatmap: rows are actual classes, columns predicted (sklearn's layout). */
export function confusionMatrixChart(confusion: Confusion, options?: ConfusionChartOptions): HeatmapSpec;
export function confusionMatrixChart(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options?: ConfusionChartOptions): HeatmapSpec;
export function confusionMatrixChart(
  first: Confusion | ArrayLike<number>,
  second?: ArrayLike<number> | ConfusionChartOptions,
  third?: ConfusionChartOptions,
): HeatmapSpec {
  const given = typeof (first as Confusion).tp === 'number';
  const c = given ? (first as Confusion) : confusionMatrix(first as ArrayLike<number>, second as ArrayLike<number>);
  const options = (given ? (second as ConfusionChartOptions | undefined) : third) ?? {};
  const labels = options.labels ?? ['0', '1'];
  let values = [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ];
  if (options.normalize) values = values.map((row) => row.map((v) => (row[0] + row[1] === 0 ? 0 : v / (row[0] + row[1]))));
  return {
    type: 'chart',
    kind: 'heatmap',
    title: options.title ?? (options.normalize ? 'Confusion matrix (share of each actual class)' : 'Confusion matrix'),
    rows: labels.slice(),
    rowLabel: 'actual',
    cols: labels.slice(),
    colLabel: 'predicted',
    values,
  };
}

/** Reliability diagram: observed positive rate against mean predicted probability per bin. */
export function calibrationChart(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  options: { nBins?: number; title?: string; label?: string } = {},
): XYChartSpec {
  const bins = calibrationBins(yTrue, yProb, options.nBins ?? 10);
  return {
    type: 'chart',
    kind: 'line',
    title: options.title ?? 'Calibration',
    x: unitAxis('Mean predicted probability'),
    y: unitAxis('Fraction of positives'),
    series: [
      { label: options.label ?? 'model', x: bins.map((b) => b.meanPredicted), y: bins.map((b) => b.fractionPositive) },
      { label: 'perfectly calibrated', x: [0, 1], y: [0, 1], dashed: true },
    ],
  };
}

// The general-purpose builders live in their own module; re-exported so every chart is one import away.
export { barChart, distributionChart, featureImportanceChart, histogramChart, learningCurveChart, lineChart, scatterChart } from './basic';
