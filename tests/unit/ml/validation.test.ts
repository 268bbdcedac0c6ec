import { describe, expect, it } from 'vitest';
import { learningCurveChart } from '../../../src/ml/chart-builders-basic';
import { crossValidate, gridSearch, learningCurve, randomSearch } from '../../../src/ml/validation';
import { isMlError } from '../../../src/ml/errors';
import { rejection } from '../helpers/errors';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('crossValidate', () => {
  it('tests every row exactly once across k folds and never trains on a test row', async () => {
    const tested: number[] = [];
    await crossValidate({
      n: 23,
      k: 5,
      fit: (trainIdx) => trainIdx,
      score: (trainIdx, testIdx) => {
        expect(trainIdx.some((i) => testIdx.includes(i))).toBe(false);
        expect(trainIdx.length + testIdx.length).toBe(23);
        tested.push(...testIdx);
        return 0;
      },
    });
    expect(tested.sort((a, b) => a - b)).toEqual(range(23));
  });

  it('reports the scores with their mean and population standard deviation', async () => {
    const result = await crossValidate({ n: 10, k: 5, fit: () => null, score: (_m, _t, fold) => fold });
    expect(result.scores).toEqual([0, 1, 2, 3, 4]);
    expect(result.mean).toBe(2);
    expect(result.std).toBeCloseTo(Math.sqrt(2), 12);
  });

  it('keeps the class balance in every fold when stratified', async () => {
    const y = range(50).map((i) => (i < 10 ? 1 : 0));
    const positives: number[] = [];
    await crossValidate({
      n: 50,
      k: 5,
      stratify: y,
      fit: () => null,
      score: (_m, testIdx) => {
        positives.push(testIdx.filter((i) => y[i] === 1).length);
        return 0;
      },
    });
    expect(positives).toEqual([2, 2, 2, 2, 2]);
  });

  it('disposes each fitted model after scoring it', async () => {
    let disposed = 0;
    await crossValidate({ n: 6, k: 3, fit: () => ({ dispose: () => disposed++ }), score: () => 1 });
    expect(disposed).toBe(3);
  });

  it('uses ready-made folds when given', async () => {
    const seen: number[][] = [];
    await crossValidate({
      n: 0,
      folds: [[[0, 1], [2]], { train: [1, 2], test: [0] }],
      fit: () => null,
      score: (_m, testIdx) => {
        seen.push(testIdx);
        return 1;
      },
    });
    expect(seen).toEqual([[2], [0]]);
  });

  it('rejects with an aborted MlError when the signal fires', async () => {
    const error = await rejection(crossValidate({ n: 10, signal: AbortSignal.abort(), fit: () => null, score: () => 1 }));
    expect(isMlError(error, 'aborted')).toBe(true);
  });

  it('rejects more folds than rows', async () => {
    const error = await rejection(crossValidate({ n: 3, k: 5, fit: () => null, score: () => 1 }));
    expect(isMlError(error, 'bad-argument')).toBe(true);
  });
});

describe('learningCurve', () => {
  it('trains on nested, growing subsets and records both scores', async () => {
    const subsets: number[][] = [];
    const rows = await learningCurve({
      n: 40,
      sizes: [0.5, 0.25, 1],
      fitAndScore: (trainIdx) => {
        subsets.push(trainIdx);
        return { train: 1, validation: trainIdx.length / 40 };
      },
    });
    expect(rows.map((r) => [r.size, r.fraction, r.validation])).toEqual([
      [10, 0.25, 0.25],
      [20, 0.5, 0.5],
      [40, 1, 1],
    ]);
    expect(subsets[0].every((i) => subsets[1].includes(i))).toBe(true);
    expect(subsets[2]).toEqual(range(40));
  });

  it('keeps the class proportions in every subset when stratified', async () => {
    const y = range(100).map((i) => (i % 5 === 0 ? 1 : 0));
    const shares: number[] = [];
    await learningCurve({
      n: 100,
      sizes: [0.1, 0.5],
      stratify: y,
      fitAndScore: (idx) => {
        shares.push(idx.filter((i) => y[i] === 1).length / idx.length);
        return { train: 0, validation: 0 };
      },
    });
    expect(shares).toEqual([0.2, 0.2]);
  });

  it('draws train and validation lines against training rows', () => {
    const chart = learningCurveChart([{ size: 10, fraction: 0.5, train: 0.9, validation: 0.7 }], 'accuracy');
    expect(chart.series.map((s) => [s.label, s.x, s.y])).toEqual([
      ['train accuracy', [10], [0.9]],
      ['validation accuracy', [10], [0.7]],
    ]);
  });
});

describe('gridSearch', () => {
  it('tries every combination and ranks them best first', async () => {
    const calls: unknown[] = [];
    const result = await gridSearch({ a: [1, 2], b: [10, 20] }, (p) => (p.a as number) * (p.b as number), {
      onResult: (trial, index, total) => calls.push([trial.score, index, total]),
    });
    expect(result.trials.map((t) => t.score)).toEqual([40, 20, 20, 10]);
    expect(result.best?.params).toEqual({ a: 2, b: 20 });
    expect(result.trials.map((t) => t.rank)).toEqual([1, 2, 3, 4]);
    expect(calls).toEqual([[10, 0, 4], [20, 1, 4], [20, 2, 4], [40, 3, 4]]);
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
    const result = await gridSearch({ a: [1, 2, 3, 4] }, (p) => {
      if (p.a === 2) controller.abort();
      return p.a as number;
    }, { signal: controller.signal });
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
