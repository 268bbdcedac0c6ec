/**
 * Argument and data checks shared by the whole toolkit, with messages a learner can act on: whole
 * numbers and ranges for options, matrices of finite numbers, targets and 0/1 labels.
 */
import { MlError } from './errors';

/** Throws an MlError unless `value` is a whole number ≥ `min`. */
export function assertWhole(name: string, value: unknown, min = 1): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new MlError('bad-argument', `${name} must be a whole number ≥ ${min} (got ${String(value)}).`);
  }
}

/** Throws an MlError unless `value` is a number in [min, max). */
export function assertRange(name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value < max)) {
    throw new MlError('bad-argument', `${name} must be between ${min} and ${max} (got ${value}).`);
  }
}

/**
 * Throws an MlError unless `x` is a non-empty array of equally long rows of finite numbers
 * (of length `width` when given). `what` names the matrix in the message.
 */
export function assertMatrix(x: unknown, what = 'X', width?: number): asserts x is number[][] {
  if (!Array.isArray(x)) throw new MlError('wrong-type', `${what} must be an array of rows (number[][]).`);
  if (x.length === 0) throw new MlError('empty-data', `${what} has no rows: check the filter or split that produced it.`);
  const expected = width ?? (Array.isArray(x[0]) ? x[0].length : 0);
  for (let i = 0; i < x.length; i++) {
    const row: unknown = x[i];
    if (!Array.isArray(row)) {
      throw new MlError('wrong-type', `${what} row ${i} is not an array: each row must be a list of numbers.`);
    }
    if (row.length !== expected) {
      throw new MlError(
        'shape-mismatch',
        `${what} row ${i} has ${row.length} values but ${expected} were expected: every row needs the same features in the same order.`,
      );
    }
    for (let j = 0; j < row.length; j++) {
      const value: unknown = row[j];
      if (typeof value !== 'number') {
        throw new MlError('wrong-type', `${what} row ${i}, column ${j} is ${JSON.stringify(value)}, not a number: encode it first.`);
      }
      if (!Number.isFinite(value)) {
        throw new MlError('not-finite', `${what} row ${i}, column ${j} is ${value}: impute or drop missing values before training.`);
      }
    }
  }
}

/** Throws an MlError unless `y` holds `n` finite numbers. */
export function assertTargets(y: unknown, n: number, what = 'y'): asserts y is number[] {
  if (!Array.isArray(y)) throw new MlError('wrong-type', `${what} must be an array of numbers.`);
  if (y.length !== n) {
    throw new MlError('shape-mismatch', `X has ${n} rows but ${what} has ${y.length} values: give one target per row.`);
  }
  for (let i = 0; i < y.length; i++) {
    const value: unknown = y[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new MlError('not-finite', `${what}[${i}] is ${String(value)}: every target must be a finite number.`);
    }
  }
}

/** Throws an MlError unless every label is 0 or 1. */
export function assertBinaryLabels(y: readonly number[], what = 'y'): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new MlError('wrong-type', `${what}[${i}] is ${y[i]}: binary labels must be 0 or 1.`);
    }
  }
}
