import { describe, expect, it } from 'vitest';
import { fitMinMaxScaler, fitStandardScaler, logTransform } from '../../../../src/ml/index';
import type { Row } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

const rows: Row[] = [
  { a: 1, b: 'x' },
  { a: null, b: null },
  { a: 3, b: 'x' },
  { a: 8, b: 'y' },
];

describe('scalers', () => {
  const X = [
    [1, 10],
    [3, 10],
  ];

  it('standardises with the population sd and leaves a constant column at 0', () => {
    const s = fitStandardScaler(X);
    expect(s.state.offset).toEqual([2, 10]);
    expect(s.state.scale).toEqual([1, 1]);
    expect(s.transform(X)).toEqual([
      [-1, 0],
      [1, 0],
    ]);
  });

  it('applies the training statistics to new data', () => {
    expect(fitStandardScaler(X).transform([[5, 12]])).toEqual([[3, 2]]);
  });

  it('min-max scales to [0, 1]', () => {
    const s = fitMinMaxScaler([[2], [4], [10]]);
    expect(s.transform([[2], [4], [10], [12]])).toEqual([[0], [0.25], [1], [1.25]]);
  });

  it('fits on rows and columns and inverts', () => {
    const s = fitStandardScaler([{ v: 2 }, { v: 4 }, { v: 9 }], ['v']);
    const Z = s.transform([{ v: 4 }]);
    expect(s.inverseTransform(Z)[0][0]).toBeCloseTo(4, 12);
    expect(s.state.columns).toEqual(['v']);
  });

  it('refuses missing values, asking to impute first', () => {
    expectMlError(() => fitStandardScaler(rows, ['a']), 'not-finite', /impute/);
  });

  it('refuses a matrix of the wrong width', () => {
    expectMlError(() => fitStandardScaler(X).transform([[1, 2, 3]]), 'shape-mismatch');
  });
});

describe('logTransform', () => {
  it('computes log1p', () => {
    expect(logTransform([0, Math.E - 1])).toEqual([0, 1]);
  });

  it('refuses values at or below -1', () => {
    expectMlError(() => logTransform([1, -1]), 'bad-argument', /values\[1\]/);
  });
});
