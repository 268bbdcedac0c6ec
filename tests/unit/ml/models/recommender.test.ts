import { describe, expect, it } from 'vitest';
import { recommendForUsers, recommendFromScores, seenByUser, topKFromScores } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

describe('topKFromScores', () => {
  it('returns the k best, best first, ties by lower index, skipping masked and NaN', () => {
    const scores = [0.5, 0.9, NaN, 0.9, 0.1, 0.7];
    expect(topKFromScores(scores, 3)).toEqual([
      { item: 1, score: 0.9 },
      { item: 3, score: 0.9 },
      { item: 5, score: 0.7 },
    ]);
    expect(topKFromScores(scores, 2, (i) => i === 1).map((s) => s.item)).toEqual([3, 5]);
  });

  it('returns fewer than k when the catalogue runs out', () => {
    expect(topKFromScores([1, 2], 5).map((s) => s.item)).toEqual([1, 0]);
  });

  it('rejects k below 1', () => {
    expectMlError(() => topKFromScores([1], 0), 'bad-argument');
  });
});

describe('recommendFromScores', () => {
  const seen = seenByUser([
    { user: 0, item: 1 },
    { user: 0, item: 3 },
  ]);
  const model = { scoreItems: () => Float32Array.from([4, 9, 1, 8, 6]), seenItems: (u: number) => seen.get(u) ?? new Set<number>() };

  it("masks the user's seen items by default", () => {
    expect(recommendFromScores(model, 0, 2).map((s) => s.item)).toEqual([4, 0]);
  });

  it('masks extra items too, and keeps seen ones only when asked', () => {
    expect(recommendFromScores(model, 0, 2, { exclude: [4] }).map((s) => s.item)).toEqual([0, 2]);
    expect(recommendFromScores(model, 0, 2, { includeSeen: true }).map((s) => s.item)).toEqual([1, 3]);
  });

  it('lists rows for many users as item arrays', () => {
    const m = { recommend: (u: number, k: number) => recommendFromScores(model, u, k) };
    expect(recommendForUsers(m, [0, 7], 1)).toEqual([[4], [1]]);
  });
});
