import { describe, expect, it } from 'vitest';
import { rankingReport, recommendFromScores, scoreList, seenByUser, bootstrap } from '../../../../src/ml/index';

describe('rankingReport', () => {
  // 5 items; user 0 saw item 4, user 1 saw nothing. Fixed scores: 0 > 1 > 2 > 3 > 4 for everyone.
  const seen = seenByUser([{ user: 0, item: 4 }]);
  const model = {
    numItems: 5,
    scoreItems: () => Float32Array.from([5, 4, 3, 2, 1]),
    seenItems: (u: number) => seen.get(u) ?? new Set<number>(),
    recommend: (u: number, k: number) => recommendFromScores(model, u, k),
  };
  const relevant = new Map([
    [0, new Set([1, 3])],
    [1, new Set([2])],
    [2, new Set<number>()],
  ]);

  it('scores the full-catalogue top k of each user with held-out items (hand-worked)', () => {
    const r = rankingReport(model, relevant, { k: 2, numUsers: 2 });
    expect(r.users).toEqual([0, 1]);
    expect(r.lists).toEqual([
      [0, 1],
      [0, 1],
    ]);
    // user 0: hit at rank 2 of 2 relevant -> P 1/2, R 1/2, NDCG (1/log2 3)/(1 + 1/log2 3), AP (1/2)/2; user 1: no hit.
    expect(r.precision).toBeCloseTo(0.25, 12);
    expect(r.recall).toBeCloseTo(0.25, 12);
    expect(r.ndcg).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)) / 2, 12);
    expect(r.map).toBeCloseTo(0.125, 12);
    expect(r.hitRate).toBe(0.5);
    expect(r.coverage).toBeCloseTo(2 / 5, 12);
    // exposure sorted 0, 0, 0, 2, 2: ((2·4 − 6)·2 + (2·5 − 6)·2) / (5 · 4) = 12 / 20
    expect(r.gini).toBeCloseTo(0.6, 12);
  });

  it('returns per-user values a bootstrap over users can resample', () => {
    const r = rankingReport(model, relevant, { k: 2 });
    const interval = bootstrap(r.users.length, (idx) => Array.from(idx, (i) => r.perUser.ndcg[i]).reduce((a, b) => a + b, 0) / idx.length, { seed: 1 });
    expect(interval.estimate).toBeCloseTo(r.ndcg, 12);
    expect(interval.low).toBeLessThanOrEqual(r.ndcg);
  });

  it('scoreList matches the metric definitions for one list', () => {
    const s = scoreList([0, 1, 2], new Set([0, 2]), 3);
    expect(s.ndcg).toBeCloseTo((1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)), 12);
    expect(s.map).toBeCloseTo((1 + 2 / 3) / 2, 12);
  });

  it('refuses to average over nobody', () => {
    expect(() => rankingReport(model, new Map([[0, new Set<number>()]]))).toThrow(/No user has a held-out item/);
  });
});
