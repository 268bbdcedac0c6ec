import { describe, expect, it } from 'vitest';
import fixtures from '../../../fixtures/metric-fixtures.json';
import { isMlError } from '../../../../src/ml/index';
import {
  catalogueCoverage,
  exposureCounts,
  exposureGini,
  giniCoefficient,
  hitRateAtK,
  mapAtK,
  ndcgAtK,
  noveltyAtK,
  precisionAtK,
  recallAtK,
} from '../../../../src/ml/index';

// The fixture gives relevance in ranked order; item i is the one shown at rank i + 1, and the
// graded relevance becomes the gain, as sklearn's ndcg_score uses y_true.
const rankedLists = fixtures.ranking.relevance_in_ranked_order.map((rels) => rels.map((_, i) => i));
const gains = fixtures.ranking.relevance_in_ranked_order.map((rels) => new Map(rels.map((rel, i) => [i, rel] as [number, number])));

describe('ndcgAtK against scikit-learn ndcg_score', () => {
  it.each([0, 1, 2])('user %i at k=5 and k=10', (u) => {
    expect(Math.abs(ndcgAtK([rankedLists[u]], [gains[u]], 5) - fixtures.ranking.ndcg_at_5[u])).toBeLessThan(1e-9);
    expect(Math.abs(ndcgAtK([rankedLists[u]], [gains[u]], 10) - fixtures.ranking.ndcg_at_10[u])).toBeLessThan(1e-9);
  });

  it('averages over users', () => {
    const mean = fixtures.ranking.ndcg_at_5.reduce((a, b) => a + b, 0) / 3;
    expect(ndcgAtK(rankedLists, gains, 5)).toBeCloseTo(mean, 12);
  });

  it('uses gain 1 for a plain set of relevant items', () => {
    // hits at ranks 1 and 3 of 2 relevant: (1 + 1/2) / (1 + 1/log2(3))
    expect(ndcgAtK([['a', 'b', 'c']], [new Set(['a', 'c'])], 3)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 12);
  });
});

describe('precision@k and recall@k', () => {
  const recommended = [
    ['a', 'b', 'c', 'd'],
    ['x', 'y'],
  ];
  const relevant = [new Set(['a', 'c', 'z']), ['y']];

  it('precision@k divides hits by k, counting missing slots as misses', () => {
    // user 1: a, c in top 3 -> 2/3; user 2: y in a list of 2 -> 1/3
    expect(precisionAtK(recommended, relevant, 3)).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
  });

  it('recall@k divides hits by the number of relevant items', () => {
    // user 1: 2 of 3; user 2: 1 of 1
    expect(recallAtK(recommended, relevant, 3)).toBeCloseTo((2 / 3 + 1) / 2, 12);
  });

  it('leaves users with no relevant item out of the average', () => {
    expect(precisionAtK([['a'], ['b']], [['a'], []], 1)).toBe(1);
  });

  it('counts a repeated item only once', () => {
    expect(precisionAtK([['a', 'a']], [['a']], 2)).toBe(0.5);
  });

  it('rejects a user count mismatch', () => {
    expect(() => recallAtK([['a']], [['a'], ['b']], 1)).toThrow(/1 users but relevant has 2/);
  });

  it('rejects k below 1', () => {
    let caught: unknown;
    try {
      precisionAtK([['a']], [['a']], 0);
    } catch (e) {
      caught = e;
    }
    expect(isMlError(caught, 'bad-argument')).toBe(true);
  });

  it('says when no user has a relevant item', () => {
    expect(() => ndcgAtK([['a']], [[]], 1)).toThrow(/No user has a relevant item/);
  });
});

describe('catalogueCoverage', () => {
  it('is the share of catalogue items recommended to anyone', () => {
    expect(
      catalogueCoverage(
        [
          [1, 2],
          [2, 3],
        ],
        10,
      ),
    ).toBe(0.3);
  });

  it('looks only at the first k items when k is given', () => {
    expect(
      catalogueCoverage(
        [
          [1, 2],
          [2, 3],
        ],
        10,
        1,
      ),
    ).toBe(0.2);
  });

  it('rejects a catalogue smaller than the items listed', () => {
    expect(() => catalogueCoverage([[1, 2, 3]], 2)).toThrow(/catalogueSize is 2/);
  });
});

describe('mapAtK and hitRateAtK (hand-worked)', () => {
  const recommended = [
    ['a', 'b', 'c', 'd'],
    ['x', 'y'],
  ];
  const relevant = [new Set(['a', 'c', 'z']), ['y']];

  it('averages the precision at each hit, over min(relevant, k)', () => {
    // user 1: hits at ranks 1 and 3 -> (1 + 2/3) / min(3, 3); user 2: hit at rank 2 -> (1/2) / min(1, 3)
    expect(mapAtK(recommended, relevant, 3)).toBeCloseTo((5 / 9 + 1 / 2) / 2, 12);
  });

  it('gives 1 to a perfect list even when the user has more relevant items than k', () => {
    expect(mapAtK([['a', 'b']], [['a', 'b', 'c']], 2)).toBe(1);
  });

  it('counts users with at least one hit', () => {
    expect(hitRateAtK([...recommended, ['q']], [...relevant, ['a']], 3)).toBeCloseTo(2 / 3, 12);
  });
});

describe('noveltyAtK', () => {
  it('is the mean self-information −log2(share of users) of the recommended items', () => {
    // item 0: 4 of 8 users -> 1 bit; item 1: 1 of 8 -> 3 bits
    expect(noveltyAtK([[0, 1]], [4, 1], 8, 10)).toBeCloseTo(2, 12);
  });

  it('counts an item nobody interacted with as one user', () => {
    expect(noveltyAtK([[2]], [4, 1, 0], 8, 1)).toBeCloseTo(3, 12);
  });
});

describe('exposure and the Gini coefficient (hand-worked)', () => {
  it('is 0 for equal amounts and (n − 1)/n when one item gets everything', () => {
    expect(giniCoefficient([1, 1, 1, 1])).toBe(0);
    expect(giniCoefficient([0, 0, 0, 4])).toBeCloseTo(0.75, 12);
    // sorted 1, 2, 3: ((2·1 − 4)·1 + 0·2 + (2·3 − 4)·3) / (3 · 6) = 4 / 18
    expect(giniCoefficient([3, 1, 2])).toBeCloseTo(4 / 18, 12);
  });

  it('counts how often each catalogue item is shown in the first k', () => {
    expect(
      Array.from(
        exposureCounts(
          [
            [0, 1],
            [1, 2],
          ],
          4,
        ),
      ),
    ).toEqual([1, 2, 1, 0]);
    expect(
      Array.from(
        exposureCounts(
          [
            [0, 1],
            [1, 2],
          ],
          4,
          1,
        ),
      ),
    ).toEqual([1, 1, 0, 0]);
    // sorted 0, 1, 1, 2: (−3·0 − 1·1 + 1·1 + 3·2) / (4 · 4) = 6 / 16
    expect(
      exposureGini(
        [
          [0, 1],
          [1, 2],
        ],
        4,
      ),
    ).toBeCloseTo(0.375, 12);
  });

  it('rejects items outside the catalogue and negative amounts', () => {
    expect(() => exposureCounts([[5]], 4)).toThrow(/outside the catalogue/);
    expect(() => giniCoefficient([1, -1])).toThrow(/≥ 0/);
  });
});
