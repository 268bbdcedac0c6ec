/**
 * Preprocessing that is fitted on training rows only and then applied unchanged to validation,
 * test and live rows — the way to avoid leaking test information into the model. Every `fitX`
 * returns a transformer whose learned numbers are plain data (`state`), so they can be saved next
 * to a model and restored with `restorePipeline`.
 */
import { MlError } from './errors';
import { getRows, isMissing, toNumberOrNull, countValues, type RowsLike } from './table';
import type { CellValue, Matrix, Row } from './types';

/** How missing values are filled. */
export type ImputeStrategy = 'mean' | 'median' | 'mode' | 'constant';

/** Fills missing values with statistics learned from the training rows. */
export interface Imputer {
  strategy: ImputeStrategy;
  /** The fill value of each column. */
  statistics: Record<string, CellValue>;
  /** Copies of `rows` with gaps filled (and `<column>_missing` 0/1 columns when asked for). */
  transform(rows: RowsLike): Row[];
}

/** The category name used for a missing value, so "unknown merchant" can carry signal. */
export const MISSING_CATEGORY = '(missing)';

function checkColumns(rows: readonly Row[], columns: string[]): void {
  if (rows.length === 0) throw new MlError('empty-data', 'There are no training rows to fit on.');
  const missing = columns.filter((c) => !(c in rows[0]));
  if (missing.length > 0) {
    throw new MlError('bad-argument', `Unknown column(s) ${missing.join(', ')}. Columns: ${Object.keys(rows[0]).join(', ')}.`);
  }
}

/** The numbers of a column with missing values left out; throws on a non-numeric value. */
function presentNumbers(rows: readonly Row[], column: string): number[] {
  const out: number[] = [];
  rows.forEach((row, i) => {
    const n = toNumberOrNull(row[column]);
    if (n === undefined) {
      throw new MlError(
        'wrong-type',
        `Row ${i} of column '${column}' is ${JSON.stringify(row[column])}, not a number: encode it as a category or clean it.`,
      );
    }
    if (n !== null) out.push(n);
  });
  if (out.length === 0) {
    throw new MlError('empty-data', `Column '${column}' has no values in the training rows: drop it or impute a constant.`);
  }
  return out;
}

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Learns a fill value per column from `rows`: the mean or median (numeric columns), the most
 * frequent value (`mode`, any column), or `options.value` (`constant`). With `addIndicator`, each
 * column also gets a `<column>_missing` 0/1 column, because being missing can itself be a signal.
 */
export function fitImputer(
  rows: RowsLike,
  columns: string[],
  strategy: ImputeStrategy,
  options: { value?: CellValue; addIndicator?: boolean } = {},
): Imputer {
  const train = getRows(rows);
  checkColumns(train, columns);
  if (strategy === 'constant' && options.value === undefined) {
    throw new MlError('bad-argument', "The 'constant' strategy needs a fill value: pass { value: 0 } or { value: 'unknown' }.");
  }
  const statistics: Record<string, CellValue> = {};
  for (const column of columns) {
    if (strategy === 'mean') {
      const xs = presentNumbers(train, column);
      statistics[column] = xs.reduce((s, v) => s + v, 0) / xs.length;
    } else if (strategy === 'median') statistics[column] = median(presentNumbers(train, column));
    else if (strategy === 'mode') {
      const counts = countValues(train.map((r) => r[column]));
      if (counts.length === 0) throw new MlError('empty-data', `Column '${column}' has no values to take the most frequent of.`);
      statistics[column] = counts[0].value;
    } else statistics[column] = options.value as CellValue;
  }
  return {
    strategy,
    statistics,
    transform(input) {
      return getRows(input).map((row) => {
        const out: Row = { ...row };
        for (const column of columns) {
          const gap = isMissing(row[column]);
          if (gap) out[column] = statistics[column];
          if (options.addIndicator) out[`${column}_missing`] = gap ? 1 : 0;
        }
        return out;
      });
    },
  };
}

const categoryOf = (value: unknown): string => (isMissing(value) ? MISSING_CATEGORY : String(value));

/** Learned state of a one-hot encoder. */
export interface OneHotState {
  column: string;
  categories: string[];
  /** Whether rare categories (beyond `maxCategories`) share an `other` column. */
  other: boolean;
  handleUnknown: 'ignore' | 'error';
}

/** Turns one categorical column into 0/1 columns, one per category seen in training. */
export interface OneHotEncoder {
  state: OneHotState;
  /** Feature names such as `merchant_type=online`. */
  names: string[];
  transform(rows: RowsLike): Matrix;
}

function encodeOneHot(state: OneHotState, value: unknown, rowIndex: number): number[] {
  const out = new Array<number>(state.categories.length + (state.other ? 1 : 0)).fill(0);
  const at = state.categories.indexOf(categoryOf(value));
  if (at >= 0) out[at] = 1;
  else if (state.other) out[out.length - 1] = 1;
  else if (state.handleUnknown === 'error') {
    throw new MlError(
      'bad-argument',
      `Row ${rowIndex} has ${state.column} = ${JSON.stringify(value)}, a category not seen in training ` +
        `(${state.categories.join(', ')}): use handleUnknown: 'ignore' or retrain with it.`,
    );
  }
  return out;
}

function oneHotNames(state: OneHotState): string[] {
  const names = state.categories.map((c) => `${state.column}=${c}`);
  return state.other ? [...names, `${state.column}=other`] : names;
}

/**
 * Learns the categories of `column` (a missing value is its own category, `(missing)`), sorted
 * alphabetically. With `maxCategories`, only the most frequent `maxCategories − 1` keep a column
 * and the rest share `column=other`. An unseen category at transform time goes to `other` when it
 * exists, otherwise becomes all zeros (`handleUnknown: 'ignore'`, the default) or throws (`'error'`).
 */
export function fitOneHot(
  rows: RowsLike,
  column: string,
  options: { maxCategories?: number; handleUnknown?: 'ignore' | 'error' } = {},
): OneHotEncoder {
  const train = getRows(rows);
  checkColumns(train, [column]);
  const counts = countValues(train.map((r) => categoryOf(r[column])));
  const max = options.maxCategories ?? Infinity;
  if (!(max >= 2)) throw new MlError('bad-argument', `maxCategories is ${max}: keep at least 2.`);
  const other = counts.length > max;
  const kept = other ? counts.slice(0, max - 1) : counts;
  const state: OneHotState = {
    column,
    categories: kept.map((c) => String(c.value)).sort(),
    other,
    handleUnknown: options.handleUnknown ?? 'ignore',
  };
  return createOneHot(state);
}

/** Rebuilds a one-hot encoder from its saved state. */
export function createOneHot(state: OneHotState): OneHotEncoder {
  return {
    state,
    names: oneHotNames(state),
    transform: (input) => getRows(input).map((row, i) => encodeOneHot(state, row[state.column], i)),
  };
}

/** Maps each category to an integer, e.g. user and item ids for an embedding layer. */
export interface IndexEncoder {
  categories: string[];
  /** `categories.length + 1`: the input size of an embedding, the last index meaning "unknown". */
  size: number;
  unknownIndex: number;
  /** Index of one value (the unknown index for values not seen in training). */
  indexOf(value: CellValue): number;
  transform(rows: RowsLike): number[];
}

/**
 * Numbers the distinct values of `column` 0…n−1 (numeric ids in numeric order, others
 * alphabetically; `12` and `'12'` are the same id). Unseen values map to `n`, the unknown slot,
 * so a new user does not crash a recommender.
 */
export function fitIndexEncoder(rows: RowsLike, column: string): IndexEncoder {
  const train = getRows(rows);
  checkColumns(train, [column]);
  const distinct = [...new Set(train.filter((r) => !isMissing(r[column])).map((r) => String(r[column])))];
  const numeric = distinct.every((v) => Number.isFinite(Number(v)));
  const categories = numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const indexOf = (value: CellValue): number =>
    isMissing(value) ? categories.length : (index.get(String(value)) ?? categories.length);
  return {
    categories,
    size: categories.length + 1,
    unknownIndex: categories.length,
    indexOf,
    transform: (input) => getRows(input).map((row) => indexOf(row[column] ?? null)),
  };
}

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
    transform: (input) =>
      toMatrix(input, state.columns, width).map((row) => row.map((v, j) => (v - state.offset[j]) / state.scale[j])),
    inverseTransform: (X) =>
      toMatrix(X, undefined, width).map((row) => row.map((v, j) => v * state.scale[j] + state.offset[j])),
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
