import { describe, expect, it } from 'vitest';
import { occlusionScorer, wordAttributions } from '../../../../src/ml/index';

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
