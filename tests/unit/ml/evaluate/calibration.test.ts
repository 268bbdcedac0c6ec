import { describe, expect, it } from 'vitest';
import { calibrationBins } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

describe('calibrationBins', () => {
  it('averages predictions and outcomes per uniform bin, leaving empty bins out', () => {
    const bins = calibrationBins([0, 0, 1, 1, 1], [0.05, 0.1, 0.15, 0.55, 0.95], 2);
    expect(bins).toHaveLength(2);
    expect(bins[0].meanPredicted).toBeCloseTo(0.1, 12);
    expect(bins[0].fractionPositive).toBeCloseTo(1 / 3, 12);
    expect(bins[0].count).toBe(3);
    expect(bins[1]).toMatchObject({ lower: 0.5, upper: 1, count: 2, fractionPositive: 1 });
    expect(bins[1].meanPredicted).toBeCloseTo(0.75, 12);
  });

  it('puts a value on an edge in the lower bin, like sklearn (searchsorted left)', () => {
    const bins = calibrationBins([0, 0, 1, 1, 1], [0.05, 0.1, 0.15, 0.55, 0.95], 10);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 1, 1]);
    expect(bins[0].meanPredicted).toBeCloseTo(0.075, 12);
    expect(bins.map((b) => b.fractionPositive)).toEqual([0, 1, 1, 1]);
  });

  it('puts 0 in the first bin and 1 in the last', () => {
    const bins = calibrationBins([0, 1], [0, 1], 4);
    expect(bins.map((b) => [b.lower, b.upper])).toEqual([
      [0, 0.25],
      [0.75, 1],
    ]);
  });

  it('rejects a non-integer bin count', () => {
    expectMlError(() => calibrationBins([0, 1], [0.2, 0.8], 2.5), 'bad-argument');
  });
});
