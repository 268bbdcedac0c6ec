import { describe, expect, it } from 'vitest';
import { optimizeThreshold } from '../../../../src/ml/index';

// Ten payments, highest score first. Frauds (1) are worth their amount when caught.
const y = [1, 0, 1, 1, 0, 0, 1, 0, 0, 0];
const score = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
const amount = [100, 0, 50, 5, 0, 0, 30, 0, 0, 0];

describe('optimizeThreshold', () => {
  it('maximises gains minus false-alarm costs without constraints', () => {
    // Flag the top k: nets 100, 90, 140, 145, 135, 125, 155, 145, ... → best: top 7 (threshold 0.4), 3 false alarms.
    const c = optimizeThreshold(y, score, { gains: amount, falseAlarmCost: 10 });
    expect(c).toMatchObject({ threshold: 0.4, tp: 4, fp: 3, fn: 0, tn: 3, gained: 185, falseAlarmCost: 30, net: 155, feasible: true, unmet: [] });
    expect(c.falseAlarmRate).toBeCloseTo(0.3, 12);
  });

  it('keeps false alarms below the limit, at the best net that allows', () => {
    // Fewer than 2 false alarms in 10 rows (rate < 0.2): at most the top 4 (1 false alarm), net 145.
    const c = optimizeThreshold(y, score, { gains: amount, falseAlarmCost: 10, constraints: { falseAlarmRateBelow: 0.2 } });
    expect(c).toMatchObject({ threshold: 0.7, tp: 3, fp: 1, net: 145, feasible: true });
    expect(c.recall).toBeCloseTo(0.75, 12);
  });

  it('says when recall and the false-alarm limit cannot both be met, and keeps the hard limit', () => {
    const c = optimizeThreshold(y, score, { gains: amount, falseAlarmCost: 10, constraints: { falseAlarmRateBelow: 0.2, recallAtLeast: 1 } });
    expect(c).toMatchObject({ feasible: false, unmet: ['recallAtLeast'], threshold: 0.7, fp: 1 });
  });

  it('counts each positive as 1 without gains, treats tied scores together and can flag nothing', () => {
    const c = optimizeThreshold([0, 1, 0], [0.5, 0.5, 0.9], { falseAlarmCost: 2 });
    expect(c).toMatchObject({ tp: 0, fp: 0, net: 0 });
    expect(c.threshold).toBeGreaterThan(0.9);
    const tied = optimizeThreshold([0, 1, 1], [0.5, 0.5, 0.9], { falseAlarmCost: 0.5, constraints: { precisionAtLeast: 0.6 } });
    expect(tied).toMatchObject({ threshold: 0.5, tp: 2, fp: 1, net: 1.5 });
  });

  it('rejects gains of the wrong length', () => {
    expect(() => optimizeThreshold([0, 1], [0.1, 0.2], { gains: [1] })).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
  });
});
