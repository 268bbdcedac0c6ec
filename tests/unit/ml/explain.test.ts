import { describe, expect, it } from 'vitest';
import {
  describeContributions,
  logisticContributions,
  nearestByEmbedding,
  occlusionScorer,
  permutationImportance,
  wordAttributions,
} from '../../../src/ml/explain';
import { createRng } from '../../../src/ml/random';

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
    expect(() => permutationImportance(predict, x, y.slice(1), negativeMse)).toThrow(
      expect.objectContaining({ code: 'shape-mismatch' }),
    );
  });
});

describe('logisticContributions', () => {
  it('splits the logit into weight × value, largest magnitude first', () => {
    const result = logisticContributions({ weights: [2, -1, 0.5], names: ['amount', 'age', 'night'] }, [1, 3, 0]);
    expect(result).toEqual([
      { feature: 'age', value: 3, weight: -1, contribution: -3 },
      { feature: 'amount', value: 1, weight: 2, contribution: 2 },
      { feature: 'night', value: 0, weight: 0.5, contribution: 0 },
    ]);
  });

  it('rejects a row of the wrong width', () => {
    expect(() => logisticContributions({ weights: [1, 2] }, [1])).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
  });
});

describe('describeContributions', () => {
  const contributions = logisticContributions(
    { weights: [1.2, 0.4, -0.9, 0.01], names: ['amount_ratio', 'night', 'tenure', 'noise'] },
    [4.2, 1, 1.5, 1],
  );

  it('names what raised and what lowered the score in one sentence', () => {
    expect(describeContributions(contributions, { outcome: 'fraud score' })).toBe(
      'Amount_ratio = 4.2 raised the fraud score most; night = 1 also raised it; tenure = 1.5 lowered the fraud score.',
    );
  });

  it('uses the caller’s words for features', () => {
    const text = describeContributions(contributions, {
      top: 1,
      outcome: 'fraud score',
      describe: (c) => `an amount ${c.value}× the customer's usual`,
    });
    expect(text).toBe("An amount 4.2× the customer's usual raised the fraud score most.");
  });

  it('says so when nothing moved the score', () => {
    expect(describeContributions([])).toBe('No feature moved the score away from its baseline.');
  });
});

describe('wordAttributions', () => {
  it('gives weight × TF-IDF value per term for a linear model, n-grams included', () => {
    const scorer = {
      names: ['good', 'bad', 'not good'],
      weights: [2, -2, -3],
      transform: (docs: string[][]) => docs.map(() => [0.5, 0, 0.8]),
    };
    const result = wordAttributions(scorer, ['not', 'good']);
    expect(result.map((r) => r.word)).toEqual(['not good', 'good']);
    expect(result[0].attribution).toBeCloseTo(-2.4, 10);
    expect(result[1].attribution).toBeCloseTo(1, 10);
  });

  it('measures the drop in score when each word is left out for any other model', () => {
    const scorer = { predictTokens: (docs: string[][]) => docs.map((d) => (d.includes('great') ? 0.9 : 0.2)) };
    const result = wordAttributions(scorer, ['a', 'great', 'phone']);
    expect(result[0]).toEqual({ word: 'great', attribution: expect.closeTo(0.7, 10), position: 1 });
    expect(result.slice(1).map((r) => r.attribution)).toEqual([0, 0]);
  });

  it('adapts a model over padded id rows with an encoder', () => {
    const vocab: Record<string, number> = { bad: 1, service: 2 };
    const encode = (tokens: string[]) => [...tokens.map((t) => vocab[t] ?? 0), 0, 0].slice(0, 3);
    const model = { predictProba: (rows: number[][]) => rows.map((r) => (r.includes(1) ? 0.1 : 0.6)) };
    const result = wordAttributions(occlusionScorer(model, encode), ['bad', 'service']);
    expect(result[0].word).toBe('bad');
    expect(result[0].attribution).toBeCloseTo(-0.5, 10);
  });
});

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
