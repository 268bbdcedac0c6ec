import { describe, expect, it } from 'vitest';
import { permutationImportance } from '../../../../src/ml/index';
import { createRng } from '../../../../src/ml/index';

const negativeMse = (y: readonly number[], p: ArrayLike<number>) => -y.reduce((s, t, i) => s + (t - p[i]) ** 2, 0) / y.length;

describe('permutationImportance', () => {
  const rng = createRng(2);
  const x = Array.from({ length: 200 }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const y = x.map((r) => 3 * r[0] + r[2]);
  const predict = (rows: number[][]) => rows.map((r) => 3 * r[0] + r[2]);

  it('ranks the features the model uses and gives an unused one exactly 0', () => {
    const result = permutationImportance(predict, x, y, negativeMse, { featureNames: ['a', 'b', 'c'], seed: 1 });
    expect(result.map((r) => r.feature)).toEqual(['a', 'c', 'b']);
    // Shuffling a standard-normal column adds about 2·w²·var to the MSE: 18 for a, 2 for c.
    expect(result[0].importance).toBeGreaterThan(12);
    expect(result[0].importance).toBeLessThan(24);
    expect(result[1].importance).toBeGreaterThan(1.2);
    expect(result[2]).toEqual({ feature: 'b', importance: 0, std: 0 });
  });

  it('keeps "higher = more important" for scores where lower is better', () => {
    const mse = (t: readonly number[], p: ArrayLike<number>) => -negativeMse(t, p);
    const result = permutationImportance(predict, x, y, mse, { higherIsBetter: false });
    expect(result[0].feature).toBe('x0');
    expect(result[0].importance).toBeGreaterThan(12);
  });

  it('leaves the caller’s matrix untouched', () => {
    const copy = x.map((r) => r.slice());
    permutationImportance(predict, x, y, negativeMse, { repeats: 2 });
    expect(x).toEqual(copy);
  });

  it('rejects a y of the wrong length', () => {
    expect(() => permutationImportance(predict, x, y.slice(1), negativeMse)).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
  });
});
