import { describe, expect, it } from 'vitest';
import { isMlError } from '../../../../src/ml/index';
import { kFold, stratifiedKFold, timeSplit, trainTestSplit } from '../../../../src/ml/index';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('trainTestSplit', () => {
  it('splits indices with sklearn rounding (test share rounded up)', () => {
    const { train, test } = trainTestSplit(10, { testSize: 0.25, seed: 1 });
    expect(test).toHaveLength(3);
    expect(train).toHaveLength(7);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(range(10));
  });

  it('is reproducible for a seed and differs between seeds', () => {
    expect(trainTestSplit(50, { seed: 3 }).test).toEqual(trainTestSplit(50, { seed: 3 }).test);
    expect(trainTestSplit(50, { seed: 3 }).test).not.toEqual(trainTestSplit(50, { seed: 4 }).test);
  });

  it('keeps class shares with stratify', () => {
    const y = range(200).map((i) => (i % 20 === 0 ? 1 : 0)); // 10 positives
    const { train, test } = trainTestSplit(200, { testSize: 0.3, stratify: y, seed: 7 });
    expect(test).toHaveLength(60);
    expect(test.filter((i) => y[i] === 1)).toHaveLength(3);
    expect(train.filter((i) => y[i] === 1)).toHaveLength(7);
  });

  it('splits rows and stratifies by a column name', () => {
    const rows = range(40).map((i) => ({ id: i, label: i < 8 ? 1 : 0 }));
    const split = trainTestSplit(rows, { testSize: 0.25, stratify: 'label' });
    expect(split.test).toHaveLength(10);
    expect(split.test.filter((r) => r.label === 1)).toHaveLength(2);
    expect(split.test.map((r) => r.id)).toEqual(split.testIndex);
  });

  it('accepts a count as testSize', () => {
    expect(trainTestSplit(10, { testSize: 4 }).test).toHaveLength(4);
  });

  it('refuses a test size that leaves no training data', () => {
    expect(() => trainTestSplit(3, { testSize: 0.99 })).toThrow(/leaves no training data/);
  });
});

describe('timeSplit', () => {
  const rows = [5, 1, 3, 3, 9, 7].map((t, i) => ({ t, i }));

  it('puts rows before the cutoff in train and the rest in test, sorted by time', () => {
    const s = timeSplit(rows, 't', { cutoff: 5 });
    expect(s.train.map((r) => r.t)).toEqual([1, 3, 3]);
    expect(s.test.map((r) => r.t)).toEqual([5, 7, 9]);
  });

  it('takes the latest share with testFraction, keeping ties together', () => {
    // sorted times 1 3 3 5 7 9: index floor(6 * 0.5) = 3 -> cutoff 5
    expect(timeSplit(rows, 't', { testFraction: 0.5 }).cutoff).toBe(5);
    // index floor(6 * (1 - 0.7)) = 1 -> cutoff 3: both 3s go to test
    const s = timeSplit(rows, (r) => r.t, { testFraction: 0.7 });
    expect(s.train.map((r) => r.t)).toEqual([1]);
    expect(s.test).toHaveLength(5);
  });

  it('reads ISO dates', () => {
    const dated = [{ d: '2024-02-01' }, { d: '2024-01-01' }, { d: '2024-03-01' }];
    const s = timeSplit(dated, 'd', { cutoff: '2024-02-01' });
    expect(s.train).toEqual([{ d: '2024-01-01' }]);
    expect(s.test).toEqual([{ d: '2024-02-01' }, { d: '2024-03-01' }]);
  });

  it('refuses a row without a time', () => {
    let caught: unknown;
    try {
      timeSplit([{ t: 1 }, { t: null }], 't', { cutoff: 1 });
    } catch (e) {
      caught = e;
    }
    expect(isMlError(caught, 'not-finite')).toBe(true);
  });
});

describe('kFold', () => {
  it('puts every example in exactly one test fold, sizes as sklearn (first n % k folds larger)', () => {
    const folds = kFold(11, 3, 5);
    expect(folds.map((f) => f.test.length)).toEqual([4, 4, 3]);
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(range(11));
    for (const f of folds) expect(f.train.length + f.test.length).toBe(11);
    for (const f of folds) expect(f.train.some((i) => f.test.includes(i))).toBe(false);
  });

  it('is reproducible for a seed', () => {
    expect(kFold(20, 4, 9)).toEqual(kFold(20, 4, 9));
  });

  it('refuses k larger than n', () => {
    expect(() => kFold(3, 5)).toThrow(/at least 5 examples/);
  });
});

describe('stratifiedKFold', () => {
  const y = range(100).map((i) => (i % 10 === 0 ? 1 : 0)); // 10 positives

  it('gives each fold the same class shares', () => {
    const folds = stratifiedKFold(y, 5, 1);
    expect(folds.map((f) => f.test.filter((i) => y[i] === 1).length)).toEqual([2, 2, 2, 2, 2]);
    expect(folds.map((f) => f.test.length)).toEqual([20, 20, 20, 20, 20]);
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(range(100));
  });

  it('keeps fold sizes within one when classes do not divide evenly', () => {
    const folds = stratifiedKFold([0, 0, 0, 1, 1, 1, 1], 3, 2);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('refuses a class smaller than k, saying which', () => {
    expect(() => stratifiedKFold([0, 0, 0, 0, 1, 1], 3)).toThrow(/Class 1 has only 2 example/);
  });
});
