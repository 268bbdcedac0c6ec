import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/ml/index';

describe('createRng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(createRng(8).next()).not.toBe(xs[0]);
  });

  it('draws normals with the requested mean and spread', () => {
    const rng = createRng(1);
    const xs = Array.from({ length: 20000 }, () => rng.normal(3, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(3, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('picks weighted indices in proportion to their weights', () => {
    const rng = createRng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[rng.weightedIndex([1, 2, 7])]++;
    expect(counts[2] / 30000).toBeCloseTo(0.7, 1);
    expect(counts[0] / 30000).toBeCloseTo(0.1, 1);
  });

  it('shuffles without losing or duplicating items', () => {
    const out = createRng(5).shuffle([1, 2, 3, 4, 5, 6]);
    expect([...out].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
