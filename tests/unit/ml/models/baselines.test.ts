import { describe, expect, it } from 'vitest';
import { globalMean, majorityClass, popularity, ruleBaseline, userItemBias } from '../../../../src/ml/index';
import { isMlError } from '../../../../src/ml/index';

const ratings = [
  { user: 0, item: 0, rating: 5 },
  { user: 0, item: 1, rating: 3 },
  { user: 1, item: 0, rating: 4 },
];

describe('ruleBaseline', () => {
  it('scores a yes/no rule as 1/0 and predicts the same', () => {
    const rule = ruleBaseline((row: { amount: number }) => row.amount > 220);
    const rows = [{ amount: 10 }, { amount: 500 }];
    expect(rule.score(rows)).toEqual([0, 1]);
    expect(rule.predict(rows)).toEqual([0, 1]);
  });

  it('thresholds a numeric rule', () => {
    const rule = ruleBaseline((row: { risk: number }) => row.risk, { threshold: 0.7 });
    expect(rule.predict([{ risk: 0.69 }, { risk: 0.7 }, { risk: 0.9 }])).toEqual([0, 1, 1]);
  });

  it('rejects a rule that returns NaN', () => {
    const rule = ruleBaseline(() => NaN);
    expect(() => rule.score([{}])).toThrow(expect.objectContaining({ code: 'not-finite' }));
  });
});

describe('majorityClass', () => {
  it('predicts the most frequent label and the positive rate as probability', () => {
    const base = majorityClass([0, 0, 1, 0]);
    expect(base.label).toBe(0);
    expect(base.positiveRate).toBe(0.25);
    expect(base.predict(2)).toEqual([0, 0]);
    expect(base.predictProba(2)).toEqual([0.25, 0.25]);
  });

  it('rejects labels other than 0/1', () => {
    expect(() => majorityClass([0, 2])).toThrow(expect.objectContaining({ code: 'wrong-type' }));
  });
});

describe('globalMean', () => {
  it('predicts the mean rating for every pair', () => {
    expect(globalMean(ratings).predict([5, 9], [1, 2])).toEqual([4, 4]);
  });

  it('rejects an empty list with empty-data', () => {
    let error: unknown;
    try {
      globalMean([]);
    } catch (e) {
      error = e;
    }
    expect(isMlError(error, 'empty-data')).toBe(true);
  });
});

describe('userItemBias', () => {
  it('matches hand-computed offsets without damping (one ALS sweep)', () => {
    // μ = 4; b_i0 = (1 + 0)/2 = 0.5, b_i1 = −1; b_u0 = ((1 − 0.5) + (−1 + 1))/2 = 0.25, b_u1 = −0.5.
    const base = userItemBias(ratings, { reg: 0, iterations: 1 });
    expect(base.itemBias.get(0)).toBeCloseTo(0.5, 10);
    expect(base.itemBias.get(1)).toBeCloseTo(-1, 10);
    expect(base.userBias.get(0)).toBeCloseTo(0.25, 10);
    const [a, b] = base.predict([0, 1], [0, 1]);
    expect(a).toBeCloseTo(4.75, 10);
    expect(b).toBeCloseTo(4 - 0.5 - 1, 10);
  });

  it('damps offsets of rarely rated items and users towards 0', () => {
    // reg 1: b_i0 = 1/(1 + 2), b_i1 = −1/(1 + 1); b_u1 = (0 − 1/3)/(1 + 1).
    const base = userItemBias(ratings, { reg: 1, iterations: 1 });
    expect(base.itemBias.get(0)).toBeCloseTo(1 / 3, 10);
    expect(base.itemBias.get(1)).toBeCloseTo(-0.5, 10);
    expect(base.userBias.get(1)).toBeCloseTo(-1 / 6, 10);
  });

  it('gives unknown users and items no offset', () => {
    expect(userItemBias(ratings).predict([42], [42])).toEqual([4]);
  });
});

describe('popularity', () => {
  it('recommends the most rated items the user has not rated, ties by item id', () => {
    const pop = popularity([
      { user: 0, item: 3, rating: 1 },
      { user: 1, item: 3, rating: 5 },
      { user: 1, item: 1, rating: 5 },
      { user: 2, item: 2, rating: 5 },
    ]);
    expect(pop.ranking.map((r) => r.item)).toEqual([3, 1, 2]);
    expect(pop.recommend(0, 2).map((r) => r.item)).toEqual([1, 2]);
    expect(pop.recommend(7, 1, { exclude: new Set([3]) })).toEqual([{ item: 1, score: 1 }]);
  });
});

describe('the recommend contract and clipping', () => {
  it('clips bias predictions to the rating range', () => {
    const extreme = [
      { user: 0, item: 0, rating: 5 },
      { user: 0, item: 1, rating: 5 },
      { user: 1, item: 0, rating: 5 },
      { user: 2, item: 2, rating: 1 },
    ];
    const base = userItemBias(extreme, { reg: 0, ratingRange: [1, 5] });
    expect(base.predict([0], [0])[0]).toBeLessThanOrEqual(5);
    expect(userItemBias(extreme, { reg: 0, ratingRange: [2, 4] }).predict([0, 2], [0, 2])).toEqual([4, 2]);
    expect(globalMean(extreme).ratingRange).toEqual([1, 5]);
  });

  it('popularity scores the whole catalogue and masks seen items like every recommender', () => {
    const pop = popularity(
      [
        { user: 0, item: 1 },
        { user: 1, item: 1 },
        { user: 1, item: 2 },
      ],
      { numItems: 4 },
    );
    expect(Array.from(pop.scoreItems(0))).toEqual([0, 2, 1, 0]);
    expect(pop.recommend(1, 4).map((s) => s.item)).toEqual([0, 3]);
    expect(pop.recommend(1, 2, { includeSeen: true }).map((s) => s.item)).toEqual([1, 2]);
    expect([...pop.seenItems(1)]).toEqual([1, 2]);
  });
});
