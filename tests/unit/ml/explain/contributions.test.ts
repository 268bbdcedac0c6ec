import { describe, expect, it } from 'vitest';
import { describeContributions, logisticContributions, shapleyContributions, toLogOdds } from '../../../../src/ml/index';

describe('logisticContributions', () => {
  it('splits the logit into weight × value, largest magnitude first', () => {
    const result = logisticContributions({ weights: [2, -1, 0.5], names: ['amount', 'age', 'night'] }, [1, 3, 0]);
    expect(result).toEqual([
      { feature: 'age', value: 3, weight: -1, contribution: -3 },
      { feature: 'amount', value: 1, weight: 2, contribution: 2 },
      { feature: 'night', value: 0, weight: 0.5, contribution: 0 },
    ]);
  });

  it('rejects a row of the wrong width', () => {
    expect(() => logisticContributions({ weights: [1, 2] }, [1])).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
  });
});

describe('describeContributions', () => {
  const contributions = logisticContributions({ weights: [1.2, 0.4, -0.9, 0.01], names: ['amount_ratio', 'night', 'tenure', 'noise'] }, [4.2, 1, 1.5, 1]);

  it('names what raised and what lowered the score in one sentence', () => {
    expect(describeContributions(contributions, { outcome: 'fraud score' })).toBe(
      'Amount_ratio = 4.2 raised the fraud score most; night = 1 also raised it; tenure = 1.5 lowered the fraud score.',
    );
  });

  it('uses the caller’s words for features', () => {
    const text = describeContributions(contributions, {
      top: 1,
      outcome: 'fraud score',
      describe: (c) => `an amount ${c.value}× the customer's usual`,
    });
    expect(text).toBe("An amount 4.2× the customer's usual raised the fraud score most.");
  });

  it('says so when nothing moved the score', () => {
    expect(describeContributions([])).toBe('No feature moved the score away from its baseline.');
  });
});

describe('logisticContributions with a baseline', () => {
  it('measures every input from the same baseline: weight × (value − baseline)', () => {
    // A one-hot block [online, grocery] with the training shares 0.2 / 0.8 as its baseline.
    const result = logisticContributions({ weights: [1.5, -0.5, 2] }, [0, 1, 1], ['online', 'grocery', 'amount'], [0.2, 0.8, 0.25]);
    expect(result.map((c) => [c.feature, c.contribution])).toEqual([
      ['amount', 1.5],
      ['online', -0.30000000000000004],
      ['grocery', -0.09999999999999998],
    ]);
  });
});

describe('shapleyContributions', () => {
  it('splits an interaction equally: f = x0·x1 from (0, 0) to (2, 3) gives 3 and 3', () => {
    const f = (rows: number[][]) => rows.map(([a, b]) => a * b);
    const e = shapleyContributions(f, [2, 3], [0, 0], { names: ['a', 'b'] });
    expect(e).toEqual({
      baselineScore: 0,
      score: 6,
      exact: true,
      contributions: [
        { feature: 'a', contribution: 3 },
        { feature: 'b', contribution: 3 },
      ],
    });
  });

  it('gives a linear model weight × (value − baseline), summed over a group, exactly and when sampled', () => {
    const w = [0.5, -1, 2, 0.25, 1, -2, 3, 0.1, 0.2, 0.3, -0.4, 0.6];
    const f = (rows: number[][]) => rows.map((r) => 1 + r.reduce((s, v, i) => s + w[i] * v, 0));
    const x = w.map((_, i) => i % 3);
    const b = w.map(() => 0.5);
    const groups = [{ name: 'block', indices: [0, 1, 2] }, ...w.slice(3).map((_, j) => ({ name: `x${j + 3}`, indices: [j + 3] }))];
    const block = 0.5 * (0 - 0.5) + -1 * (1 - 0.5) + 2 * (2 - 0.5);
    for (const exactUpTo of [10, 0]) {
      const e = shapleyContributions(f, x, b, { groups, exactUpTo, permutations: 6, seed: 3 });
      expect(e.exact).toBe(exactUpTo === 10);
      expect(e.contributions.find((c) => c.feature === 'block')!.contribution).toBeCloseTo(block, 12);
      expect(e.contributions.find((c) => c.feature === 'x6')!.contribution).toBeCloseTo(3 * (0 - 0.5), 12);
    }
  });

  it('adds up exactly to score(x) − score(baseline) for a non-linear model, also when sampled', () => {
    const f = (rows: number[][]) => rows.map((r) => Math.tanh(r[0] * r[1]) + r[2] ** 2 - r[3] * r[4] * r[5]);
    const x = [1, 2, -1, 0.5, 2, 1.5];
    const e = shapleyContributions(f, x, [0, 0, 0, 0, 0, 0], { exactUpTo: 3, permutations: 10, seed: 1 });
    const sum = e.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(e.exact).toBe(false);
    expect(sum).toBeCloseTo(e.score - e.baselineScore, 12);
    expect(e.score).toBeCloseTo(Math.tanh(2) + 1 - 1.5, 12);
  });

  it('refuses a score function that does not return one finite number per row', () => {
    expect(() => shapleyContributions(() => [1], [1, 2], [0, 0])).toThrow(expect.objectContaining({ code: 'not-finite' }));
  });
});

describe('toLogOdds', () => {
  it('is the logit, clipped at 0 and 1', () => {
    expect(toLogOdds([0.5, 0.75])).toEqual([0, Math.log(3)]);
    expect(toLogOdds([0, 1]).map((v) => Math.round(v * 1000) / 1000)).toEqual([-16.118, 16.118]);
  });
});
