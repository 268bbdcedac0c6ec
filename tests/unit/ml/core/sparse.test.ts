import { describe, expect, it } from 'vitest';
import {
  CsrBuilder,
  countNonZeros,
  createCsr,
  csrRow,
  csrToDense,
  isCsrMatrix,
  multiplyCsrMatrix,
  multiplyCsrTransposedVector,
  multiplyCsrVector,
  selectCsrRows,
  sliceCsrRows,
  toCsr,
} from '../../../../src/ml/index';
import { errorCode } from '../../helpers/errors';

// A = [[1, 0, 2],
//      [0, 0, 0],
//      [0, 3, 0]]  worked by hand below.
const dense = [
  [1, 0, 2],
  [0, 0, 0],
  [0, 3, 0],
];

describe('CSR matrices', () => {
  it('store only the non-zeros, row by row, columns increasing', () => {
    const a = toCsr(dense);
    expect(isCsrMatrix(a)).toBe(true);
    expect(a.shape).toEqual([3, 3]);
    expect(Array.from(a.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(a.indices)).toEqual([0, 2, 1]);
    expect(Array.from(a.values)).toEqual([1, 2, 3]);
    expect(countNonZeros(a)).toBe(3);
    expect(isCsrMatrix(dense)).toBe(false);
  });

  it('turn back into the same dense rows', () => {
    expect(csrToDense(toCsr(dense))).toEqual(dense);
  });

  it('refuse to densify past the element limit', () => {
    expect(errorCode(() => csrToDense(toCsr(dense), { maxElements: 8 }))).toBe('bad-argument');
  });

  it('multiply by a vector: A·[1, 2, 3] = [1·1 + 2·3, 0, 3·2]', () => {
    expect(Array.from(multiplyCsrVector(toCsr(dense), [1, 2, 3]))).toEqual([7, 0, 6]);
  });

  it('multiply transposed by a vector: Aᵀ·[1, 2, 3] = [1·1, 3·3, 2·1]', () => {
    expect(Array.from(multiplyCsrTransposedVector(toCsr(dense), [1, 2, 3]))).toEqual([1, 9, 2]);
  });

  it('multiply by a dense matrix', () => {
    // Row 0: 1·[1, 0] + 2·[1, 1] = [3, 2]; row 2: 3·[0, 1] = [0, 3].
    expect(
      multiplyCsrMatrix(toCsr(dense), [
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
    ).toEqual([
      [3, 2],
      [0, 0],
      [0, 3],
    ]);
  });

  it('reject a vector of the wrong length', () => {
    expect(errorCode(() => multiplyCsrVector(toCsr(dense), [1, 2]))).toBe('shape-mismatch');
  });

  it('select rows in any order, repeats allowed, and slice a range', () => {
    const a = toCsr(dense);
    expect(csrToDense(selectCsrRows(a, [2, 0, 2]))).toEqual([
      [0, 3, 0],
      [1, 0, 2],
      [0, 3, 0],
    ]);
    expect(csrToDense(sliceCsrRows(a, 1))).toEqual([
      [0, 0, 0],
      [0, 3, 0],
    ]);
    expect(sliceCsrRows(a, 1, 1).shape).toEqual([0, 3]);
    expect(errorCode(() => selectCsrRows(a, [3]))).toBe('bad-argument');
  });

  it('give a row as views of its columns and values', () => {
    const row = csrRow(toCsr(dense), 0);
    expect(Array.from(row.indices)).toEqual([0, 2]);
    expect(Array.from(row.values)).toEqual([1, 2]);
  });

  it('are built row by row, summing repeated columns and dropping zeros', () => {
    const builder = new CsrBuilder(3);
    builder.addRow([2, 0, 2], [1, 5, 2]);
    builder.addRow([1, 1], [2, -2]);
    const m = builder.finish();
    expect(Array.from(m.indptr)).toEqual([0, 2, 2]);
    expect(Array.from(m.indices)).toEqual([0, 2]);
    expect(Array.from(m.values)).toEqual([5, 3]);
  });

  it('check their parts', () => {
    const ok = { shape: [2, 3] as const, indptr: [0, 1, 2], indices: [2, 0], values: [1, 1] };
    expect(csrToDense(createCsr(ok))).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(errorCode(() => createCsr({ ...ok, indptr: [0, 1] }))).toBe('shape-mismatch');
    expect(errorCode(() => createCsr({ ...ok, indices: [3, 0] }))).toBe('bad-argument');
    expect(errorCode(() => createCsr({ ...ok, indptr: [0, 2, 2], indices: [2, 1] }))).toBe('bad-argument');
    expect(errorCode(() => createCsr({ ...ok, values: [1, NaN] }))).toBe('not-finite');
  });
});
