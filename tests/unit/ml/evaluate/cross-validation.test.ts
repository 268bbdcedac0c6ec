import { describe, expect, it } from 'vitest';
import { learningCurveChart } from '../../../../src/ml/index';
import { crossValidate, learningCurve } from '../../../../src/ml/index';
import { isMlError } from '../../../../src/ml/index';
import { rejection } from '../../helpers/errors';

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
