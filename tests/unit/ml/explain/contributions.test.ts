import { describe, expect, it } from 'vitest';
import { describeContributions, logisticContributions } from '../../../../src/ml/index';

describe('logisticContributions', () => {
  it('splits the logit into weight × value, largest magnitude first', () => {
    const result = logisticContributions({ weights: [2, -1, 0.5], names: ['amount', 'age', 'night'] }, [1, 3, 0]);
    expect(result).toEqual([
      { feature: 'age', value: 3, weight: -1, contribution: -3 },
      { feature: 'amount', value: 1, weight: 2, contribution: 2 },
      { feature: 'night', value: 0, weight: 0.5, contribution: 0 },
    ]);
  });

  it('rejects a row of the wrong width', () => {
    expect(() => logisticContributions({ weights: [1, 2] }, [1])).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
  });
});

describe('describeContributions', () => {
  const contributions = logisticContributions(
    { weights: [1.2, 0.4, -0.9, 0.01], names: ['amount_ratio', 'night', 'tenure', 'noise'] },
    [4.2, 1, 1.5, 1],
  );

  it('names what raised and what lowered the score in one sentence', () => {
    expect(describeContributions(contributions, { outcome: 'fraud score' })).toBe(
      'Amount_ratio = 4.2 raised the fraud score most; night = 1 also raised it; tenure = 1.5 lowered the fraud score.',
    );
  });

  it('uses the caller’s words for features', () => {
    const text = describeContributions(contributions, {
      top: 1,
      outcome: 'fraud score',
      describe: (c) => `an amount ${c.value}× the customer's usual`,
    });
    expect(text).toBe("An amount 4.2× the customer's usual raised the fraud score most.");
  });

  it('says so when nothing moved the score', () => {
    expect(describeContributions([])).toBe('No feature moved the score away from its baseline.');
  });
});
