/**
 * Filling missing values, fitted on training rows only and applied unchanged to validation, test
 * and live rows — the way to avoid leaking test information into the model. The learned numbers are
 * plain data (`state`), so they can be saved next to a model.
 */
import { MlError } from '../core/errors';
import { getRows, isMissing, toNumberOrNull, countValues, type RowsLike } from '../data/table';
import type { CellValue, Row } from '../core/types';

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

export function checkColumns(rows: readonly Row[], columns: string[]): void {
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
      throw new MlError('wrong-type', `Row ${i} of column '${column}' is ${JSON.stringify(row[column])}, not a number: encode it as a category or clean it.`);
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
export function fitImputer(rows: RowsLike, columns: string[], strategy: ImputeStrategy, options: { value?: CellValue; addIndicator?: boolean } = {}): Imputer {
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
