import { describe, expect, it } from 'vitest';
import fixtures from '../../../fixtures/metric-fixtures.json';
import { isMlError } from '../../../../src/ml/index';
import { mae, mse, r2, rmse } from '../../../../src/ml/index';

const { y_true: yTrue, y_pred: yPred } = fixtures.regression;

describe('regression metrics against scikit-learn', () => {
  it('mse matches', () => {
    expect(Math.abs(mse(yTrue, yPred) - fixtures.regression.mse)).toBeLessThan(1e-9);
  });

  it('rmse matches', () => {
    expect(Math.abs(rmse(yTrue, yPred) - fixtures.regression.rmse)).toBeLessThan(1e-9);
  });

  it('mae matches', () => {
    expect(Math.abs(mae(yTrue, yPred) - fixtures.regression.mae)).toBeLessThan(1e-9);
  });

  it('r2 matches', () => {
    expect(Math.abs(r2(yTrue, yPred) - fixtures.regression.r2)).toBeLessThan(1e-9);
  });
});

describe('hand-computed cases', () => {
  it('computes errors of a tiny example', () => {
    // errors 1, -1, 2: squared 1, 1, 4
    expect(mse([1, 2, 3], [0, 3, 1])).toBe(2);
    expect(mae([1, 2, 3], [0, 3, 1])).toBeCloseTo(4 / 3, 12);
    expect(rmse([1, 2, 3], [0, 3, 1])).toBeCloseTo(Math.SQRT2, 12);
    // SStot = 2, SSres = 6
    expect(r2([1, 2, 3], [0, 3, 1])).toBe(-2);
  });

  it('r2 of predicting the mean is 0', () => {
    expect(r2([1, 2, 3], [2, 2, 2])).toBe(0);
  });

  it('r2 of a constant target is 1 when exact, 0 otherwise (sklearn force_finite)', () => {
    expect(r2([4, 4], [4, 4])).toBe(1);
    expect(r2([4, 4], [4, 5])).toBe(0);
  });
});

describe('validation', () => {
  it('rejects mismatched lengths', () => {
    expect(() => mse([1, 2], [1])).toThrow(/2 values but yPred has 1/);
  });

  it('rejects NaN predictions', () => {
    let caught: unknown;
    try {
      mae([1, 2], [1, NaN]);
    } catch (e) {
      caught = e;
    }
    expect(isMlError(caught, 'not-finite')).toBe(true);
  });

  it('rejects empty input', () => {
    expect(() => rmse([], [])).toThrow(/empty/);
  });
});
