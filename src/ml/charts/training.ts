/**
 * Charts of a training run: loss and metric curves per epoch from a `TrainHistory`.
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
      .map((m) => ({ label: m, x: history.epoch.slice(), y: history[m].slice(), dashed: m.startsWith('val_') })),
  };
}
