/**
 * Charts of a training run: loss and metric curves per epoch, from a finished `TrainHistory` or
 * from the live numbers a training view has so far. The page draws what these return; it builds
 * no chart of a run itself.
 */
import type { XYChartSpec } from './spec';
import type { TrainHistory } from '../train/types';

/** Draws the loss curves (and accuracy, when present) of a history as a line chart. */
export function historyChart(history: TrainHistory, metrics = ['loss', 'val_loss']): XYChartSpec {
  return {
    type: 'chart',
    kind: 'line',
    title: 'Training history',
    x: { label: 'epoch' },
    y: { label: metrics.join(' / ') },
    series: metrics
      .filter((m) => history[m] !== undefined)
      .map((m) => ({ label: m, x: history.epoch.slice(), y: history[m].slice(), dashed: isValidation(m) })),
  };
}

/** Options for {@link trainingViewCharts}. */
export interface TrainingViewChartOptions {
  /**
   * Planned epochs: the x axis spans 1 to this from the first epoch on, so a live curve grows
   * into a fixed frame instead of the axis rescaling every epoch.
   */
  epochs?: number;
  /**
   * The metrics to draw, one chart each in this order, each with its `val_` twin (e.g.
   * `['rmse']`). Default: `loss` and the first other metric the history holds.
   */
  metrics?: readonly string[];
}

/**
 * The charts of a training view: one line chart per metric, training solid and validation
 * dashed, x the epoch counted from 1 (whole numbers), y labelled by the metric. A metric with no
 * values yet (or never reported) gets no chart, so no empty frame is left on the page.
 */
export function trainingViewCharts(history: Readonly<Record<string, readonly number[]>>, options: TrainingViewChartOptions = {}): XYChartSpec[] {
  // `val_loss` asks for the loss chart too (its validation line is what the history holds).
  const names = options.metrics ? [...new Set(options.metrics.map((m) => m.replace(/^val_/, '')))] : defaultMetrics(history);
  const longest = Math.max(0, ...Object.values(history).map((v) => v.length));
  const lastEpoch = Math.max(options.epochs ?? 0, longest, 2);
  const charts: XYChartSpec[] = [];
  for (const name of names) {
    const label = metricLabel(name);
    const series = [name, `val_${name}`]
      .filter((key) => (history[key]?.length ?? 0) > 0)
      .map((key) => ({
        label: `${isValidation(key) ? 'validation' : 'training'} ${label}`,
        x: history[key].map((_, i) => i + 1),
        y: history[key].slice(),
        dashed: isValidation(key),
      }));
    if (!series.length) continue;
    charts.push({
      type: 'chart',
      kind: 'line',
      title: label.charAt(0).toUpperCase() + label.slice(1),
      x: { label: 'epoch', min: 1, max: lastEpoch },
      y: { label },
      series,
    });
  }
  return charts;
}

/** Today's default view: the loss, and the first other metric (accuracy, say) beside it. */
function defaultMetrics(history: Readonly<Record<string, readonly number[]>>): string[] {
  const other = Object.keys(history).find((k) => !isValidation(k) && k !== 'loss' && k !== 'epoch');
  return other ? ['loss', other] : ['loss'];
}

/** Names the metric as a reader would (`rmse` → `RMSE`, `acc` → `accuracy`); others as given. */
function metricLabel(name: string): string {
  return METRIC_LABELS[name] ?? name;
}

const METRIC_LABELS: Readonly<Record<string, string>> = {
  acc: 'accuracy',
  auc: 'AUC',
  mae: 'MAE',
  mse: 'MSE',
  rmse: 'RMSE',
};

function isValidation(key: string): boolean {
  return key.startsWith('val_');
}
