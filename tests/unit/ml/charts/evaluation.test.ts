import { describe, expect, it } from 'vitest';
import { isChartSpec, type XYChartSpec } from '../../../../src/ml/index';
import { calibrationChart, confusionMatrixChart, prChart, rocChart, thinCurve } from '../../../../src/ml/index';

const y = [0, 0, 1, 1];
const s = [0.1, 0.4, 0.35, 0.8];

describe('thinCurve', () => {
  it('drops collinear middle points and keeps corners', () => {
    expect(thinCurve([0, 0, 0, 0.5, 1], [0, 0.5, 1, 1, 1])).toEqual({ x: [0, 0, 1], y: [0, 1, 1] });
  });

  it('caps the number of points, keeping both ends', () => {
    const x = Array.from({ length: 101 }, (_, i) => i / 100);
    const yy = x.map((v) => v * v);
    const t = thinCurve(x, yy, 11);
    expect(t.x).toHaveLength(11);
    expect(t.x[0]).toBe(0);
    expect(t.x[10]).toBe(1);
  });
});

describe('rocChart', () => {
  it('draws the ROC curve with AUC in the legend and a chance diagonal', () => {
    const spec = rocChart(y, s);
    expect(isChartSpec(spec)).toBe(true);
    expect(spec.kind).toBe('line');
    expect(spec.series[0]).toEqual({ label: 'model (AUC 0.750)', x: [0, 0, 0.5, 0.5, 1], y: [0, 0.5, 0.5, 1, 1] });
    expect(spec.series[1]).toEqual({ label: 'chance', x: [0, 1], y: [0, 1], dashed: true });
    expect(spec.x).toEqual({ label: 'False positive rate', min: 0, max: 1 });
  });

  it('compares several models on one chart', () => {
    const spec = rocChart([
      { label: 'baseline', yTrue: y, yScore: [0.5, 0.5, 0.5, 0.5] },
      { label: 'logistic', yTrue: y, yScore: s },
    ]);
    expect(spec.series.map((x) => x.label)).toEqual(['baseline (AUC 0.500)', 'logistic (AUC 0.750)', 'chance']);
  });
});

describe('prChart', () => {
  it('draws precision against recall with AP and the positive rate as chance', () => {
    const spec = prChart(y, s, { label: 'lr', title: 'PR' });
    expect(spec.title).toBe('PR');
    expect(spec.series[0].label).toBe('lr (AP 0.833)');
    expect(spec.series[0].x).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(spec.series[1]).toEqual({ label: 'chance (0.500)', x: [0, 1], y: [0.5, 0.5], dashed: true });
  });
});

describe('confusionMatrixChart', () => {
  it('lays out actual rows and predicted columns like sklearn', () => {
    const spec = confusionMatrixChart([0, 0, 1, 1, 1], [0, 1, 0, 1, 1], { labels: ['legit', 'fraud'] });
    expect(spec).toEqual({
      type: 'chart',
      kind: 'heatmap',
      title: 'Confusion matrix',
      rows: ['legit', 'fraud'],
      rowLabel: 'actual',
      cols: ['legit', 'fraud'],
      colLabel: 'predicted',
      values: [
        [1, 1],
        [1, 2],
      ],
    });
  });

  it('accepts counts and normalises each actual row', () => {
    const spec = confusionMatrixChart({ tn: 90, fp: 10, fn: 1, tp: 3 }, { normalize: true });
    expect(spec.values).toEqual([
      [0.9, 0.1],
      [0.25, 0.75],
    ]);
  });
});

describe('calibrationChart', () => {
  it('plots fraction positive against mean prediction with the diagonal', () => {
    const spec: XYChartSpec = calibrationChart([0, 0, 1, 1, 1], [0.05, 0.1, 0.15, 0.55, 0.95], { nBins: 2 });
    expect(spec.series[0].x?.map((v) => +v.toFixed(6))).toEqual([0.1, 0.75]);
    expect(spec.series[0].y.map((v) => +v.toFixed(6))).toEqual([0.333333, 1]);
    expect(spec.series[1].dashed).toBe(true);
  });
});
