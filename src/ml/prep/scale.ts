/**
 * Putting numeric features on one scale: standard and min-max scalers fitted on training rows only,
 * and the log transform for long-tailed amounts.
 */
import { MlError } from '../core/errors';
import { getRows, toNumberOrNull, type RowsLike } from '../data/table';
import type { Matrix } from '../core/types';
import { checkColumns } from './impute';

/** Learned state of a scaler: `(x − offset) / scale` per column. */
export interface ScalerState {
  kind: 'standard' | 'minmax';
  offset: number[];
  scale: number[];
  /** Set when fitted on rows; a matrix input is then read in this column order. */
  columns?: string[];
}

/** A fitted scaler. */
export interface Scaler {
  state: ScalerState;
  transform(input: Matrix | RowsLike): Matrix;
  inverseTransform(X: Matrix): Matrix;
}

const isMatrix = (input: Matrix | RowsLike): input is Matrix => Array.isArray(input) && Array.isArray(input[0]);

function toMatrix(input: Matrix | RowsLike, columns: string[] | undefined, width: number): Matrix {
  if (isMatrix(input)) {
    input.forEach((row, i) => {
      if (row.length !== width) {
        throw new MlError('shape-mismatch', `Row ${i} has ${row.length} features but the scaler was fitted on ${width}.`);
      }
    });
    return input;
  }
  const rows = getRows(input);
  if (rows.length === 0) return [];
  if (!columns) throw new MlError('bad-argument', 'This scaler was fitted on a matrix: pass a matrix (number[][]), not rows.');
  return rows.map((row, i) =>
    columns.map((c) => {
      const n = toNumberOrNull(row[c]);
      if (typeof n !== 'number') {
        throw new MlError('not-finite', `Row ${i} of column '${c}' is ${JSON.stringify(row[c])}: impute or encode it before scaling.`);
      }
      return n;
    }),
  );
}

function fitScaler(kind: ScalerState['kind'], input: Matrix | RowsLike, columns?: string[]): Scaler {
  if (!isMatrix(input)) {
    if (!columns) throw new MlError('bad-argument', 'Pass the columns to scale, e.g. fitStandardScaler(rows, ["amount"]).');
    checkColumns(getRows(input), columns);
  }
  const width = isMatrix(input) ? input[0].length : (columns as string[]).length;
  const X = toMatrix(input, isMatrix(input) ? undefined : columns, width);
  if (X.length === 0) throw new MlError('empty-data', 'There are no training rows to fit on.');
  X.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new MlError('not-finite', `X[${i}][${j}] is ${v}: impute missing values before scaling.`);
    }),
  );
  const offset: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < width; j++) {
    const col = X.map((row) => row[j]);
    if (kind === 'standard') {
      const mean = col.reduce((s, v) => s + v, 0) / col.length;
      offset.push(mean);
      scale.push(Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length));
    } else {
      const min = Math.min(...col);
      offset.push(min);
      scale.push(Math.max(...col) - min);
    }
  }
  // A constant column would divide by zero; like sklearn, scale it by 1 so it becomes all zeros.
  const state: ScalerState = { kind, offset, scale: scale.map((s) => (s < 1e-12 ? 1 : s)) };
  if (columns && !isMatrix(input)) state.columns = columns.slice();
  return createScaler(state);
}

/** Rebuilds a scaler from its saved state. */
export function createScaler(state: ScalerState): Scaler {
  const width = state.offset.length;
  return {
    state,
    transform: (input) => toMatrix(input, state.columns, width).map((row) => row.map((v, j) => (v - state.offset[j]) / state.scale[j])),
    inverseTransform: (X) => toMatrix(X, undefined, width).map((row) => row.map((v, j) => v * state.scale[j] + state.offset[j])),
  };
}

/**
 * Standardises each feature to mean 0 and standard deviation 1 (population sd, as sklearn's
 * StandardScaler). Pass a matrix, or rows and the columns to use.
 */
export function fitStandardScaler(input: Matrix | RowsLike, columns?: string[]): Scaler {
  return fitScaler('standard', input, columns);
}

/** Rescales each feature to [0, 1] using the training minimum and maximum. */
export function fitMinMaxScaler(input: Matrix | RowsLike, columns?: string[]): Scaler {
  return fitScaler('minmax', input, columns);
}

/** log(1 + x) of each value: tames long right tails such as transaction amounts. Needs x > −1. */
export function logTransform(values: ArrayLike<number>): number[] {
  return Array.from(values, (v, i) => {
    if (!(v > -1)) throw new MlError('bad-argument', `values[${i}] is ${v}: log1p needs values above −1.`);
    return Math.log1p(v);
  });
}
