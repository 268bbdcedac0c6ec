import { describe, expect, it } from 'vitest';
import { costAtThreshold, optimalCostThreshold, thresholdForRecall, thresholdSweep } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

// Worked by hand: thresholds ∞, 0.8, 0.4, 0.35, 0.1 flag 0, 1, 2, 3, 4 examples.
const y = [0, 0, 1, 1];

const s = [0.1, 0.4, 0.35, 0.8];

const costs = { fnCost: 10, fpCost: 1 };

describe('costs of errors', () => {
  it('costAtThreshold totals the cost of each outcome', () => {
    expect(costAtThreshold(y, s, 0.5, costs)).toBe(10);
    expect(costAtThreshold(y, s, 0.35, { ...costs, tpCost: 0.5 })).toBe(2);
  });

  it('optimalCostThreshold finds the cheapest distinct score', () => {
    expect(optimalCostThreshold(y, s, costs)).toEqual({
      threshold: 0.35,
      cost: 1,
      confusion: { tn: 1, fp: 1, fn: 0, tp: 2 },
    });
  });

  it('prefers the highest threshold among equally cheap ones, including flagging nothing', () => {
    const best = optimalCostThreshold([0, 1], [0.9, 0.1], { fnCost: 1, fpCost: 1 });
    expect(best.threshold).toBe(Infinity);
    expect(best.cost).toBe(1);
  });

  it('rejects a missing cost', () => {
    expectMlError(() => costAtThreshold(y, s, 0.5, { fnCost: 1 } as never), 'bad-argument');
  });
});

describe('thresholdSweep', () => {
  it('lists every distinct score with its precision, recall, F1, FPR and cost', () => {
    const rows = thresholdSweep(y, s, costs);
    expect(rows.map((r) => r.threshold)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(rows.map((r) => r.flagged)).toEqual([0, 1, 2, 3, 4]);
    expect(rows.map((r) => r.precision)).toEqual([0, 1, 0.5, 2 / 3, 0.5]);
    expect(rows.map((r) => r.recall)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(rows.map((r) => r.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(rows.map((r) => r.cost)).toEqual([20, 10, 11, 1, 2]);
    expect(rows[3].f1).toBeCloseTo(0.8, 12);
  });

  it('omits the cost when no costs are given', () => {
    expect(thresholdSweep(y, s)[0].cost).toBeUndefined();
  });
});

describe('thresholdForRecall', () => {
  it('returns the highest threshold that reaches the recall', () => {
    expect(thresholdForRecall(y, s, 0.5)).toBe(0.8);
    expect(thresholdForRecall(y, s, 0.9)).toBe(0.35);
    expect(thresholdForRecall(y, s, 1)).toBe(0.35);
  });

  it('reaches 0.9 with exactly 9 of 10 positives despite rounding', () => {
    const labels = Array.from({ length: 10 }, () => 1).concat([0]);
    const scores = labels.map((_, i) => 1 - i / 20);
    expect(thresholdForRecall(labels, scores, 0.9)).toBe(scores[8]);
  });

  it('rejects a target outside (0, 1]', () => {
    expectMlError(() => thresholdForRecall(y, s, 1.5), 'bad-argument');
  });

  it('needs positives', () => {
    expectMlError(() => thresholdForRecall([0, 0], [0.1, 0.2], 0.5), 'single-class');
  });
});
