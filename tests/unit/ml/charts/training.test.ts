import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import { historyChart, trainingViewCharts } from '../../../../src/ml/index';

expectNoTensorLeaks();

describe('historyChart', () => {
  it('draws one line per recorded metric, validation dashed', () => {
    const chart = historyChart({ epoch: [0, 1], loss: [0.7, 0.5], val_loss: [0.72, 0.6] });
    expect(chart.series.map((s) => [s.label, s.y, s.dashed])).toEqual([
      ['loss', [0.7, 0.5], false],
      ['val_loss', [0.72, 0.6], true],
    ]);
  });
});

describe('trainingViewCharts', () => {
  /** What each chart shows, compactly: title, y label, and its series as [label, x, y, dashed]. */
  const summary = (charts: ReturnType<typeof trainingViewCharts>) =>
    charts.map((c) => ({ title: c.title, y: c.y?.label, series: c.series.map((s) => [s.label, s.x, s.y, s.dashed]) }));

  it('draws exactly the metrics asked for: rmse alone is one RMSE chart, training solid and validation dashed', () => {
    const charts = trainingViewCharts({ rmse: [0.9, 0.82, 0.79], val_rmse: [0.93, 0.88, 0.87] }, { epochs: 60, metrics: ['rmse'] });
    expect(summary(charts)).toEqual([
      {
        title: 'RMSE',
        y: 'RMSE',
        series: [
          ['training RMSE', [1, 2, 3], [0.9, 0.82, 0.79], false],
          ['validation RMSE', [1, 2, 3], [0.93, 0.88, 0.87], true],
        ],
      },
    ]);
    // The x axis is the planned run, epochs counted from 1, so the curve grows into a fixed frame.
    expect(charts[0].x).toEqual({ label: 'epoch', min: 1, max: 60 });
    expect(charts[0].kind).toBe('line');
  });

  it('by default draws the loss and the first other metric, and nothing else', () => {
    const history = { loss: [0.7, 0.5], val_loss: [0.72, 0.6], acc: [0.6, 0.8], val_acc: [0.58, 0.75], auc: [0.7, 0.9] };
    expect(summary(trainingViewCharts(history, { epochs: 2 }))).toEqual([
      {
        title: 'Loss',
        y: 'loss',
        series: [
          ['training loss', [1, 2], [0.7, 0.5], false],
          ['validation loss', [1, 2], [0.72, 0.6], true],
        ],
      },
      {
        title: 'Accuracy',
        y: 'accuracy',
        series: [
          ['training accuracy', [1, 2], [0.6, 0.8], false],
          ['validation accuracy', [1, 2], [0.58, 0.75], true],
        ],
      },
    ]);
  });

  it('leaves no empty loss chart when the history has no loss (a rating model reports RMSE)', () => {
    const charts = trainingViewCharts({ rmse: [0.9], val_rmse: [0.95] }, { epochs: 10 });
    expect(charts.map((c) => c.title)).toEqual(['RMSE']);
    expect(charts[0].series).toHaveLength(2);
  });

  it('draws one chart per metric asked for, in the order asked, past the default two', () => {
    const history = { loss: [0.7, 0.5, 0.4], acc: [0.6, 0.8, 0.85], auc: [0.7, 0.9, 0.93], val_auc: [0.68, 0.85, 0.9] };
    const charts = trainingViewCharts(history, { epochs: 3, metrics: ['auc', 'loss', 'acc'] });
    expect(charts.map((c) => [c.title, c.series.length])).toEqual([
      ['AUC', 2],
      ['Loss', 1],
      ['Accuracy', 1],
    ]);
  });

  it('gives a metric a chart only once it has values, and reads val_loss as the loss chart', () => {
    expect(trainingViewCharts({}, { epochs: 5, metrics: ['loss'] })).toEqual([]);
    expect(trainingViewCharts({ loss: [] }, { epochs: 5 })).toEqual([]);
    const charts = trainingViewCharts({ val_loss: [0.6, 0.55] }, { epochs: 5, metrics: ['val_loss', 'loss'] });
    expect(summary(charts)).toEqual([{ title: 'Loss', y: 'loss', series: [['validation loss', [1, 2], [0.6, 0.55], true]] }]);
  });

  it('numbers epochs 1, 2, 3 (whole numbers) and spans at least two epochs and every recorded one', () => {
    const [one] = trainingViewCharts({ loss: [0.5] }, { epochs: 1 });
    expect(one.x).toMatchObject({ min: 1, max: 2 });
    // A run that went past its plan (or a view given no plan) widens the axis to what it holds.
    const [long] = trainingViewCharts({ loss: [0.5, 0.4, 0.3, 0.25] }, { epochs: 3 });
    expect(long.x).toMatchObject({ min: 1, max: 4 });
    expect(long.series[0].x).toEqual([1, 2, 3, 4]);
    expect(long.series[0].x?.every(Number.isInteger)).toBe(true);
  });

  it('copies the numbers, so a live history that keeps growing does not change a drawn spec', () => {
    const history = { loss: [0.7, 0.5] };
    const [chart] = trainingViewCharts(history);
    history.loss.push(0.4);
    expect(chart.series[0].y).toEqual([0.7, 0.5]);
  });
});
