import { describe, expect, it } from 'vitest';
import { projectEmbeddings, createRng } from '../../../../src/ml/index';

describe('projectEmbeddings', () => {
  it('finds the direction of largest spread first and reports the variance shares', () => {
    const rng = createRng(1);
    // Spread 3 along (1, 1, 0)/√2, 1 along (0, 0, 1), 0.1 along (1, −1, 0)/√2.
    const vectors = Array.from({ length: 400 }, () => {
      const [a, b, c] = [rng.normal(0, 3), rng.normal(0, 1), rng.normal(0, 0.1)];
      return [(a + c) / Math.SQRT2, (a - c) / Math.SQRT2, b];
    });
    const { points, explained } = projectEmbeddings(vectors, 2);
    expect(points).toHaveLength(400);
    expect(explained[0]).toBeGreaterThan(0.85);
    expect(explained[1]).toBeGreaterThan(0.08);
    // The first coordinate is ± the projection on (1, 1, 0)/√2.
    const corr = points.reduce((s, p, i) => s + p[0] * ((vectors[i][0] + vectors[i][1]) / Math.SQRT2), 0);
    const norm = Math.sqrt(points.reduce((s, p) => s + p[0] ** 2, 0) * vectors.reduce((s, v) => s + ((v[0] + v[1]) / Math.SQRT2) ** 2, 0));
    expect(Math.abs(corr / norm)).toBeGreaterThan(0.999);
  });
});
