import { describe, expect, it } from 'vitest';
import { computeClassWeights } from '../../../../src/ml/index';
import { splitValidation } from '../../../../src/ml/train/data';
import { createRng } from '../../../../src/ml/index';

describe('computeClassWeights', () => {
  it("gives balanced weights n / (classes × count), as scikit-learn's 'balanced'", () => {
    expect(computeClassWeights([0, 0, 0, 1], 'balanced')).toEqual({ 0: 4 / 6, 1: 2 });
  });

  it('passes explicit weights through when every class has one', () => {
    expect(computeClassWeights([0, 1], { 0: 1, 1: 50 })).toEqual({ 0: 1, 1: 50 });
    expect(() => computeClassWeights([0, 1], { 0: 1 })).toThrow(expect.objectContaining({ code: 'bad-argument' }));
  });

  it('refuses balanced weights for a single class', () => {
    expect(() => computeClassWeights([1, 1], 'balanced')).toThrow(expect.objectContaining({ code: 'single-class' }));
  });
});

describe('splitValidation', () => {
  it('holds out the fraction in each class and keeps index order', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0));
    const { train, validation } = splitValidation(labels, 0.2, createRng(1));
    expect(validation).toHaveLength(20);
    expect(validation.filter((i) => labels[i] === 1)).toHaveLength(2);
    expect(train).toHaveLength(80);
    expect([...train, ...validation].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(validation).toEqual([...validation].sort((a, b) => a - b));
  });

  it('refuses a split that leaves one side empty', () => {
    expect(() => splitValidation([0, 1], 0.1, createRng(1))).toThrow(expect.objectContaining({ code: 'empty-data' }));
  });
});
