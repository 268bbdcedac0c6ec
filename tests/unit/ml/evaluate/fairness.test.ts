import { describe, expect, it } from 'vitest';
import { fairnessGaps, groupMetrics } from '../../../../src/ml/index';

// Group a: 4 people, 2 positives (1 caught), 1 false alarm. Group b: 3 people, no positives.
const yTrue = [1, 1, 0, 0, 0, 0, 0, 1];
const yPred = [1, 0, 1, 0, 0, 0, 1, 1];
const groups = ['a', 'a', 'a', 'a', 'b', 'b', 'b', null];

describe('groupMetrics', () => {
  const m = groupMetrics(yTrue, yPred, groups);

  it('computes each group by hand, missing values as their own group', () => {
    expect(m.map((g) => g.group)).toEqual(['(missing)', 'a', 'b']);
    expect(m[1]).toEqual({
      group: 'a',
      count: 4,
      share: 0.5,
      positives: 2,
      positiveRate: 0.5,
      tpr: 0.5,
      fpr: 0.5,
      precision: 0.5,
      accuracy: 0.5,
    });
  });

  it('leaves undefined rates null instead of 0', () => {
    expect(m[2]).toMatchObject({ group: 'b', positives: 0, tpr: null, fpr: 1 / 3, precision: 0, positiveRate: 1 / 3 });
    expect(m[0]).toMatchObject({ tpr: 1, fpr: null, precision: 1 });
  });

  it('rejects a groups array of the wrong length', () => {
    expect(() => groupMetrics([1, 0], [1, 0], ['a'])).toThrow(/groups has 1/);
  });
});

describe('fairnessGaps', () => {
  it('reports min, max, difference and ratio per metric, skipping null rates', () => {
    const gaps = fairnessGaps(groupMetrics(yTrue, yPred, groups));
    const tpr = gaps.find((g) => g.metric === 'tpr')!;
    expect(tpr).toEqual({ metric: 'tpr', min: 0.5, max: 1, minGroup: 'a', maxGroup: '(missing)', difference: 0.5, ratio: 0.5 });
    const rate = gaps.find((g) => g.metric === 'positiveRate')!;
    expect(rate.minGroup).toBe('b');
    expect(rate.ratio).toBeCloseTo(1 / 3, 12);
  });

  it('leaves out a metric defined for fewer than two groups', () => {
    const gaps = fairnessGaps(groupMetrics(yTrue, yPred, groups), { minCount: 2 });
    expect(gaps.map((g) => g.metric)).toEqual(['positiveRate', 'fpr', 'precision', 'accuracy']);
  });

  it('needs two groups', () => {
    expect(() => fairnessGaps(groupMetrics([1, 0], [1, 0], ['a', 'a']))).toThrow(/at least two groups/);
  });
});
