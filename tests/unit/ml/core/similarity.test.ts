import { describe, expect, it } from 'vitest';
import { nearestByEmbedding } from '../../../../src/ml/index';

describe('nearestByEmbedding', () => {
  it('ranks rows by cosine similarity, excluding the row itself and scoring zero rows 0', () => {
    const matrix = [
      [1, 0],
      [2, 0.1],
      [0, 1],
      [-1, 0],
      [0, 0],
    ];
    const result = nearestByEmbedding(matrix, 0, 3);
    expect(result.map((r) => r.index)).toEqual([1, 2, 4]);
    expect(result[0].similarity).toBeCloseTo(2 / Math.sqrt(4.01), 10);
    expect(result[1].similarity).toBe(0);
  });

  it('rejects a row that does not exist', () => {
    expect(() => nearestByEmbedding([[1]], 3, 1)).toThrow(expect.objectContaining({ code: 'bad-argument' }));
  });
});
