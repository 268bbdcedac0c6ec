import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/ml/core/random';
import { dot, drawTitleTwist, drawUserTaste, expectedRating, genres } from '../../../../src/ml/data/taste';
import { computeTrueRating } from '../../../../src/ml/data/ratings';

function correlation(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('drawUserTaste', () => {
  const rng = createRng(4);
  const people = Array.from({ length: 2000 }, () => drawUserTaste(rng, 4));

  it('likes genres that sit close together alike, and far-apart genres oppositely', () => {
    const taste = (g: string) => people.map((p) => p.genreTaste[g]);
    expect(correlation(taste('Comedy'), taste('Animation'))).toBeGreaterThan(0.4);
    expect(correlation(taste('Comedy'), taste('Horror'))).toBeLessThan(-0.6);
  });

  it('is low-rank: with one taste dimension every genre liking is the same multiple of it for everybody', () => {
    const one = Array.from({ length: 50 }, () => drawUserTaste(rng, 1));
    for (const g of genres) {
      const ratios = one.map((p) => p.genreTaste[g] / p.factors[0]);
      expect(Math.max(...ratios) - Math.min(...ratios)).toBeLessThan(1e-12);
    }
  });

  it('spreads a genre liking about 0.8 stars, and scales it with strength (0 = no taste at all)', () => {
    const comedy = people.map((p) => p.genreTaste.Comedy);
    const sd = Math.sqrt(comedy.reduce((s, x) => s + x * x, 0) / comedy.length);
    expect(sd).toBeGreaterThan(0.65);
    expect(sd).toBeLessThan(0.85);
    const none = drawUserTaste(createRng(1), 6, 0);
    expect(none.factors.every((x) => x === 0)).toBe(true);
    expect(Object.values(none.genreTaste).every((x) => x === 0)).toBe(true);
  });

  it('adds dimensions no genre names when asked for more than four', () => {
    const wide = drawUserTaste(createRng(2), 6);
    const narrow = drawUserTaste(createRng(2), 6);
    narrow.factors[4] = 0;
    expect(wide.factors).toHaveLength(6);
    expect(wide.genreTaste).toEqual(narrow.genreTaste);
  });
});

describe('drawTitleTwist', () => {
  it("draws a title's own twist with a spread of about 0.3 per dimension", () => {
    const rng = createRng(5);
    const values = Array.from({ length: 1000 }, () => drawTitleTwist(rng, 4)).flat();
    const sd = Math.sqrt(values.reduce((s, x) => s + x * x, 0) / values.length);
    expect(sd).toBeGreaterThan(0.27);
    expect(sd).toBeLessThan(0.33);
  });
});

describe('expectedRating and computeTrueRating', () => {
  const user = { user: 1, bias: 0.3, genreTaste: { Comedy: 1, Drama: -0.5 }, factors: [0.5, -1], activity: 0 };
  const item = { item: 1, title: 'T', genres: ['Comedy', 'Drama'], year: 2020, bias: 0.2, factors: [0.4, 0.1], popularity: 1 };

  it('expects base + title bias + mean genre liking (hand-worked)', () => {
    // 3 + 0.2 + (1 − 0.5) / 2
    expect(expectedRating(user, item, 3)).toBeCloseTo(3.45, 12);
  });

  it('adds the user bias and the twist the user finds by watching, clipped to 1–5 (hand-worked)', () => {
    // 3.45 + 0.3 + (0.5 · 0.4 − 1 · 0.1)
    expect(dot(user.factors, item.factors)).toBeCloseTo(0.1, 12);
    expect(computeTrueRating(user, item, 3)).toBeCloseTo(3.85, 12);
    expect(computeTrueRating({ ...user, bias: 3 }, item, 3)).toBe(5);
  });
});
