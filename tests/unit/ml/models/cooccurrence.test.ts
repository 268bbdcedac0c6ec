import { describe, expect, it } from 'vitest';
import { itemCooccurrence } from '../../../../src/ml/index';

// Users' items: u0 {0,1,2}, u1 {0,1}, u2 {1,3}, u3 {3}.
const plays = [
  { user: 0, item: 0 },
  { user: 0, item: 1 },
  { user: 0, item: 2 },
  { user: 1, item: 0 },
  { user: 1, item: 1 },
  { user: 2, item: 1 },
  { user: 2, item: 3 },
  { user: 3, item: 3 },
];

describe('itemCooccurrence', () => {
  it('scores similarity as the cosine of the two user sets', () => {
    const model = itemCooccurrence(plays);
    // items 0 {u0,u1} and 1 {u0,u1,u2}: 2 / sqrt(2·3); items 1 and 3 {u2,u3}: 1 / sqrt(3·2).
    const near = model.similarItems(1, 3);
    expect(near.map((s) => s.item)).toEqual([0, 2, 3]);
    expect(near[0].score).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(near[1].score).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(near[2].score).toBeCloseTo(1 / Math.sqrt(6), 6);
  });

  it("recommends by summed similarity to the user's items, masking them", () => {
    const model = itemCooccurrence(plays);
    // u1 has {0,1}: item 2 gets sim(0,2) + sim(1,2) = 1/√2 + 1/√3; item 3 gets sim(1,3) = 1/√6.
    const row = model.recommend(1, 4);
    expect(row.map((s) => s.item)).toEqual([2, 3]);
    expect(row[0].score).toBeCloseTo(1 / Math.sqrt(2) + 1 / Math.sqrt(3), 4);
  });

  it('explains a suggestion by the seen items that contributed most', () => {
    const model = itemCooccurrence(plays);
    expect(model.explain(1, 2).map((s) => s.item)).toEqual([0, 1]);
  });

  it('gives a user with no history a popularity-ordered row', () => {
    const model = itemCooccurrence(plays, { numItems: 5 });
    expect(model.recommend(9, 3).map((s) => s.item)).toEqual([1, 0, 3]);
  });

  it('keeps at most `neighbours` per item', () => {
    expect(itemCooccurrence(plays, { neighbours: 1 }).similarItems(1, 3)).toHaveLength(1);
  });
});
