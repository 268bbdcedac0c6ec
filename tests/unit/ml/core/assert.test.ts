import { describe, expect, it } from 'vitest';
import { assertBinaryLabels, assertMatrix, assertTargets } from '../../../../src/ml/core/assert';

describe('assertMatrix', () => {
  it('accepts equally long rows of finite numbers', () => {
    expect(() =>
      assertMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        'X',
        2,
      ),
    ).not.toThrow();
  });

  it('names the row and column of a missing value', () => {
    expect(() =>
      assertMatrix([
        [1, 2],
        [3, NaN],
      ]),
    ).toThrow(/row 1, column 1 is NaN: impute or drop/);
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
