import { describe, expect, it } from 'vitest';
import { barChart, distributionChart, featureImportanceChart, histogramChart, learningCurveChart, lineChart, scatterChart } from '../../../../src/ml/index';

describe('lineChart', () => {
  it('draws one line per named series over shared x', () => {
    const spec = lineChart([1, 2], { precision: [0.5, 0.6], recall: [0.9, 0.8] }, { xLabel: 'day' });
    expect(spec.series).toEqual([
      { label: 'precision', x: [1, 2], y: [0.5, 0.6] },
      { label: 'recall', x: [1, 2], y: [0.9, 0.8] },
    ]);
    expect(spec.x).toEqual({ label: 'day' });
  });

  it('rejects a series of the wrong length', () => {
    expect(() => lineChart([1, 2], [1])).toThrow(/y has 1 values but x has 2/);
  });
});

describe('scatterChart', () => {
  it('splits points into one series per group', () => {
    const spec = scatterChart([1, 2, 3], [4, 5, 6], { groups: [1, 0, 1], labels: { 0: 'legit', 1: 'fraud' } });
    expect(spec.kind).toBe('scatter');
    expect(spec.series).toEqual([
      { label: 'legit', x: [2], y: [5] },
      { label: 'fraud', x: [1, 3], y: [4, 6] },
    ]);
  });
});

describe('barChart', () => {
  it('draws bars per category, horizontal when asked', () => {
    const spec = barChart(['a', 'b'], [3, 4], { horizontal: true, label: 'count' });
    expect(spec).toMatchObject({ kind: 'bar', categories: ['a', 'b'], horizontal: true, series: [{ label: 'count', y: [3, 4] }] });
  });

  it('rejects a value count that does not match the categories', () => {
    expect(() => barChart(['a'], { x: [1, 2] })).toThrow(/2 values for 1 categories/);
  });
});

describe('distributionChart and histogramChart', () => {
  it('counts equal-width bins, the last including its right edge', () => {
    const spec = histogramChart([0, 1, 2, 3, 4, null, NaN], { bins: 2 });
    expect(spec.edges).toEqual([0, 2, 4]);
    expect(spec.series).toEqual([{ label: 'count', y: [2, 3] }]);
    expect(spec.y?.label).toBe('count');
  });

  it('draws one normalised histogram per group on shared bins', () => {
    const spec = distributionChart([0, 1, 2, 3, 10], { bins: 2, by: [0, 0, 0, 0, 1], labels: { 0: 'legit', 1: 'fraud' } });
    expect(spec.edges).toEqual([0, 5, 10]);
    expect(spec.series).toEqual([
      { label: 'legit', y: [1, 0] },
      { label: 'fraud', y: [0, 1] },
    ]);
    expect(spec.y?.label).toBe('share of group');
  });

  it('gives a constant column a unit-wide bin', () => {
    expect(histogramChart([5, 5], { bins: 1 }).edges).toEqual([4.5, 5.5]);
  });
});

describe('featureImportanceChart', () => {
  it('sorts by absolute value and keeps the top features', () => {
    const spec = featureImportanceChart(['a', 'b', 'c'], [0.1, -0.5, 0.3], { top: 2 });
    expect(spec).toMatchObject({ kind: 'bar', horizontal: true, categories: ['b', 'c'], series: [{ y: [-0.5, 0.3] }] });
  });

  it('accepts permutation-importance items and records', () => {
    expect(
      featureImportanceChart([
        { feature: 'x', importance: 1 },
        { feature: 'y', importance: 2 },
      ]).categories,
    ).toEqual(['y', 'x']);
    expect(featureImportanceChart({ amount: 0.2, hour: 0.4 }).categories).toEqual(['hour', 'amount']);
  });

  it('rejects a NaN importance', () => {
    expect(() => featureImportanceChart(['a'], [NaN])).toThrow(/'a' is NaN/);
  });
});

describe('learningCurveChart', () => {
  it('plots train and validation loss per epoch from a tfjs history', () => {
    const spec = learningCurveChart({ loss: [0.9, 0.5], val_loss: [1, 0.7] });
    expect(spec.series).toEqual([
      { label: 'train loss', x: [1, 2], y: [0.9, 0.5] },
      { label: 'validation loss', x: [1, 2], y: [1, 0.7], dashed: true },
    ]);
  });

  it('reads per-epoch logs with camelCase validation keys and another metric', () => {
    const spec = learningCurveChart(
      [
        { epoch: 1, acc: 0.6, valAcc: 0.55 },
        { epoch: 2, acc: 0.8, valAcc: 0.7 },
      ],
      'acc',
    );
    expect(spec.series.map((x) => x.y)).toEqual([
      [0.6, 0.8],
      [0.55, 0.7],
    ]);
    expect(spec.series[0].x).toEqual([1, 2]);
  });

  it('plots scores against training-set size', () => {
    const spec = learningCurveChart(
      [
        { size: 100, train: 0.9, validation: 0.7 },
        { size: 200, train: 0.85, validation: 0.78 },
      ],
      'AUC',
    );
    expect(spec.x?.label).toBe('training rows');
    expect(spec.series[1]).toEqual({ label: 'validation AUC', x: [100, 200], y: [0.7, 0.78], dashed: true });
  });

  it('names the available keys when the metric is missing', () => {
    expect(() => learningCurveChart({ loss: [1] }, 'acc')).toThrow(/has no 'acc'. It has: loss/);
  });
});
