import { describe, expect, it } from 'vitest';
import { assertBinaryLabels, assertMatrix, assertTargets, computeClassWeights, splitValidation } from '../../../src/ml/train-data';
import { createRng } from '../../../src/ml/random';

describe('assertMatrix', () => {
  it('accepts equally long rows of finite numbers', () => {
    expect(() => assertMatrix([[1, 2], [3, 4]], 'X', 2)).not.toThrow();
  });

  it('names the row and column of a missing value', () => {
    expect(() => assertMatrix([[1, 2], [3, NaN]])).toThrow(/row 1, column 1 is NaN: impute or drop/);
  });

  it('tells empty, ragged and non-numeric input apart', () => {
    expect(() => assertMatrix([])).toThrow(expect.objectContaining({ code: 'empty-data' }));
    expect(() => assertMatrix([[1, 2], [3]])).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
    expect(() => assertMatrix([[1, 'a']])).toThrow(expect.objectContaining({ code: 'wrong-type' }));
    expect(() => assertMatrix([[1, 2]], 'X', 3)).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
  });
});

describe('assertTargets / assertBinaryLabels', () => {
  it('checks the count and finiteness of targets', () => {
    expect(() => assertTargets([1, 2], 3)).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
    expect(() => assertTargets([1, Infinity], 2)).toThrow(expect.objectContaining({ code: 'not-finite' }));
  });

  it('accepts only 0 and 1 as binary labels', () => {
    expect(() => assertBinaryLabels([0, 1, 1])).not.toThrow();
    expect(() => assertBinaryLabels([0, 2])).toThrow(/y\[1\] is 2/);
  });
});

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
