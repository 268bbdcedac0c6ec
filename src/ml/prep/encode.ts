/**
 * Encoding categories as numbers: one-hot columns and integer indices, fitted on training rows
 * only; a category never seen in training maps to no column (one-hot) or to 0 (index).
 */
import { MlError } from '../core/errors';
import { getRows, isMissing, countValues, type RowsLike } from '../data/table';
import type { CellValue, Matrix } from '../core/types';
import { checkColumns } from './impute';

/** The category name used for a missing value, so "unknown merchant" can carry signal. */
export const MISSING_CATEGORY = '(missing)';

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
export function fitOneHot(rows: RowsLike, column: string, options: { maxCategories?: number; handleUnknown?: 'ignore' | 'error' } = {}): OneHotEncoder {
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
  const indexOf = (value: CellValue): number => (isMissing(value) ? categories.length : (index.get(String(value)) ?? categories.length));
  return {
    categories,
    size: categories.length + 1,
    unknownIndex: categories.length,
    indexOf,
    transform: (input) => getRows(input).map((row) => indexOf(row[column] ?? null)),
  };
}
