import { describe, expect, it } from 'vitest';
import { fitPipeline, restorePipeline } from '../../../../src/ml/index';
import type { Row } from '../../../../src/ml/index';

const E = Math.E;
const train: Row[] = [
  { amount: 0, hour: 1, merchant: 'a' },
  { amount: E - 1, hour: null, merchant: 'b' },
  { amount: E * E - 1, hour: 3, merchant: null },
];
const sd = Math.sqrt(2 / 3); // population sd of [0, 1, 2] and of [1, 2, 3]

describe('fitPipeline', () => {
  const pipe = fitPipeline(train, { numeric: ['hour'], log: ['amount'], categorical: ['merchant'], addIndicator: true });

  it('names the features in order', () => {
    expect(pipe.names).toEqual(['hour', 'hour_missing', 'log1p(amount)', 'merchant=(missing)', 'merchant=a', 'merchant=b']);
  });

  it('logs, imputes with the training median, scales and one-hot encodes', () => {
    const { X } = pipe.transform(train);
    // log1p(amount) = 0, 1, 2; hour filled with median 2 -> 1, 2, 3; both mean-centred and / sd
    const expected = [
      [-1 / sd, 0, -1 / sd, 0, 1, 0],
      [0, 1, 0, 0, 0, 1],
      [1 / sd, 0, 1 / sd, 1, 0, 0],
    ];
    X.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));
  });

  it('applies training statistics to unseen rows and ignores unknown categories', () => {
    const { X } = pipe.transform([{ amount: E - 1, hour: null, merchant: 'zzz' }]);
    expect(X[0].map((v) => +v.toFixed(12))).toEqual([0, 1, 0, 0, 0, 0]);
  });

  it('round-trips its state through JSON', () => {
    const copy = restorePipeline(JSON.parse(JSON.stringify(pipe.state)));
    expect(copy.names).toEqual(pipe.names);
    expect(copy.transform(train).X).toEqual(pipe.transform(train).X);
  });

  it('can use the mean and min-max scaling', () => {
    const p = fitPipeline(train, { numeric: ['hour'], impute: 'mean', scale: 'minmax' });
    expect(p.transform(train).X).toEqual([[0], [0.5], [1]]);
  });

  it('refuses a column listed as both numeric and categorical', () => {
    expect(() => fitPipeline(train, { numeric: ['hour'], categorical: ['hour'] })).toThrow(/both numeric and categorical/);
  });

  it('refuses text in a numeric column, naming the row', () => {
    expect(() => fitPipeline(train, { numeric: ['merchant'] })).toThrow(/Row 0 of column 'merchant'/);
  });

  it('refuses rows that lack a fitted column', () => {
    expect(() => pipe.transform([{ amount: 1, merchant: 'a' }])).toThrow(/lack column\(s\) hour/);
  });
});
