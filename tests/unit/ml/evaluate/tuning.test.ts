import { describe, expect, it } from 'vitest';
import { gridSearch, randomSearch } from '../../../../src/ml/index';
import { isMlError } from '../../../../src/ml/index';
import { rejection } from '../../helpers/errors';

describe('gridSearch', () => {
  it('tries every combination and ranks them best first', async () => {
    const calls: unknown[] = [];
    const result = await gridSearch({ a: [1, 2], b: [10, 20] }, (p) => (p.a as number) * (p.b as number), {
      onResult: (trial, index, total) => calls.push([trial.score, index, total]),
    });
    expect(result.trials.map((t) => t.score)).toEqual([40, 20, 20, 10]);
    expect(result.best?.params).toEqual({ a: 2, b: 20 });
    expect(result.trials.map((t) => t.rank)).toEqual([1, 2, 3, 4]);
    expect(calls).toEqual([
      [10, 0, 4],
      [20, 1, 4],
      [20, 2, 4],
      [40, 3, 4],
    ]);
  });

  it('ranks the lowest first for losses and puts NaN last', async () => {
    const result = await gridSearch({ lr: [0.1, 1, 0.01] }, (p) => (p.lr === 1 ? NaN : (p.lr as number)), { direction: 'min' });
    expect(result.trials.map((t) => t.params.lr)).toEqual([0.01, 0.1, 1]);
  });

  it('returns a display table with params, score and details', async () => {
    const result = await gridSearch({ hidden: [[8], [16, 8]] }, (p) => ({ score: (p.hidden as number[]).length, trainScore: 1 }));
    expect(result.table.columns).toEqual(['rank', 'hidden', 'score', 'trainScore']);
    expect(result.table.rows[0]).toEqual({ rank: 1, hidden: '[16,8]', score: 2, trainScore: 1 });
  });

  it('stops before the next combination when aborted and keeps the trials so far', async () => {
    const controller = new AbortController();
    const result = await gridSearch(
      { a: [1, 2, 3, 4] },
      (p) => {
        if (p.a === 2) controller.abort();
        return p.a as number;
      },
      { signal: controller.signal },
    );
    expect(result.aborted).toBe(true);
    expect(result.trials.map((t) => t.score)).toEqual([2, 1]);
  });

  it('rejects an empty list of values', async () => {
    expect(isMlError(await rejection(gridSearch({ a: [] }, () => 1)), 'bad-argument')).toBe(true);
  });
});

describe('randomSearch', () => {
  it('samples values from lists and (log-)ranges, reproducibly for a seed', async () => {
    const space = { lr: { min: 1e-4, max: 1e-1, log: true }, units: { min: 4, max: 64, integer: true }, act: ['relu', 'tanh'] };
    const run = () => randomSearch(space, () => 0, { trials: 30, seed: 3 });
    const { trials } = await run();
    expect(trials).toHaveLength(30);
    for (const { params } of trials) {
      expect(params.lr).toBeGreaterThanOrEqual(1e-4);
      expect(params.lr).toBeLessThanOrEqual(1e-1);
      expect(Number.isInteger(params.units)).toBe(true);
      expect(['relu', 'tanh']).toContain(params.act);
    }
    // Log-uniform: about a third of draws fall in each decade.
    expect(trials.filter((t) => (t.params.lr as number) < 1e-3).length).toBeGreaterThan(4);
    expect((await run()).trials.map((t) => t.params)).toEqual(trials.map((t) => t.params));
  });

  it('rejects a log range that includes 0', async () => {
    expect(isMlError(await rejection(randomSearch({ lr: { min: 0, max: 1, log: true } }, () => 1)), 'bad-argument')).toBe(true);
  });
});
