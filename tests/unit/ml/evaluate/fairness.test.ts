import { describe, expect, it } from 'vitest';
import { compareGroupRates, fairnessGaps, groupMetrics } from '../../../../src/ml/index';

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
      counts: { tp: 1, fp: 1, fn: 1, tn: 1 },
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
    // minCount counts each rate's own cases: recall needs 2 positives (only a has them), precision
    // 2 alarms (only a), the false-alarm rate 2 negatives (a and b), the others 2 people (a and b).
    expect(gaps.map((g) => g.metric)).toEqual(['positiveRate', 'fpr', 'accuracy']);
  });

  it('counts the events a rate rests on, not the group size, for minCount', () => {
    // Group big: 100 people, 2 positives (1 caught). Group small: 6 people, 5 positives (5 caught).
    const y = [...Array.from({ length: 100 }, (_, i) => (i < 2 ? 1 : 0)), 1, 1, 1, 1, 1, 0];
    const p = [...Array.from({ length: 100 }, (_, i) => (i === 0 ? 1 : 0)), 1, 1, 1, 1, 1, 0];
    const g = [...Array.from({ length: 100 }, () => 'big'), ...Array.from({ length: 6 }, () => 'small')];
    const gaps = fairnessGaps(groupMetrics(y, p, g), { minCount: 5 });
    expect(gaps.find((x) => x.metric === 'tpr')).toBeUndefined();
    expect(gaps.find((x) => x.metric === 'positiveRate')).toMatchObject({ minGroup: 'big', maxGroup: 'small' });
  });

  it('needs two groups', () => {
    expect(() => fairnessGaps(groupMetrics([1, 0], [1, 0], ['a', 'a']))).toThrow(/at least two groups/);
  });
});

describe('compareGroupRates', () => {
  // Group x: 3 false alarms among 3 genuine payments; group y: 0 among 3.
  const y = [0, 0, 0, 0, 0, 0];
  const p = [1, 1, 1, 0, 0, 0];
  const g = ['x', 'x', 'x', 'y', 'y', 'y'];

  it("gives counts, exact intervals and Fisher's test between the highest and lowest group", () => {
    const c = compareGroupRates(groupMetrics(y, p, g), 'fpr')!;
    expect(c.lowest).toMatchObject({ group: 'y', events: 0, trials: 3, rate: 0 });
    expect(c.highest).toMatchObject({ group: 'x', events: 3, trials: 3, rate: 1 });
    // Clopper–Pearson for 0 of 3: the upper end is 1 − 0.025^(1/3).
    expect(c.lowest.interval.high).toBeCloseTo(1 - 0.025 ** (1 / 3), 6);
    expect(c.highest.interval.low).toBeCloseTo(0.025 ** (1 / 3), 6);
    // Hypergeometric by hand: P(3 of 3) = P(0 of 3) = 1/C(6,3) = 1/20, so two-sided p = 0.1.
    expect(c.pValue).toBeCloseTo(0.1, 10);
    expect(c.adjustedPValue).toBeCloseTo(0.1, 10);
    expect(c.supported).toBe(false);
    expect(c.ratio).toBe(Infinity);
  });

  it('multiplies the p-value by the number of pairs one could have picked', () => {
    const three = groupMetrics([...y, 0, 0, 0], [...p, 0, 1, 0], [...g, 'z', 'z', 'z']);
    const c = compareGroupRates(three, 'fpr')!;
    expect(c.groups.map((r) => r.group)).toEqual(['y', 'z', 'x']);
    expect(c.adjustedPValue).toBeCloseTo(0.3, 10);
  });

  it('leaves out groups with fewer trials than minCount and returns null below two groups', () => {
    expect(compareGroupRates(groupMetrics(y, p, g), 'fpr', { minCount: 4 })).toBeNull();
    expect(compareGroupRates(groupMetrics(y, p, g), 'tpr')).toBeNull();
  });
});
