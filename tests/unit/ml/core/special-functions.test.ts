import { describe, expect, it } from 'vitest';
import { betaQuantile, incompleteBeta, logChoose, logGamma } from '../../../../src/ml/core/special-functions';

// Reference values from scipy.special 1.10 (gammaln, betainc, betaincinv).
describe('special functions', () => {
  it('computes ln Γ like scipy', () => {
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948180756, 12);
    expect(logGamma(123.4)).toBeCloseTo(469.3360974421906, 9);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
  });

  it('computes log binomial coefficients, −Infinity outside the range', () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 8);
    expect(logChoose(7, 0)).toBe(0);
    expect(logChoose(7, 8)).toBe(-Infinity);
  });

  it('computes the regularised incomplete beta function and its inverse like scipy', () => {
    expect(incompleteBeta(0.3, 2.5, 3.5)).toBeCloseTo(0.2967529892956661, 12);
    expect(betaQuantile(0.3, 2.5, 3.5)).toBeCloseTo(0.30177232324750547, 12);
    // I_x(1, 1) is the uniform CDF.
    expect(incompleteBeta(0.42, 1, 1)).toBeCloseTo(0.42, 14);
    expect(betaQuantile(incompleteBeta(0.9, 30, 2), 30, 2)).toBeCloseTo(0.9, 12);
  });
});
