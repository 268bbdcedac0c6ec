/**
 * Small helpers over row tables: pick columns, pull a column out, count values, and summarise
 * numbers the way pandas' `describe()` does, so a learner can look at data before modelling it.
 */
import { MlError } from '../core/errors';
import type { CellValue, Row, Table } from '../core/types';

/** A table or just its rows. */
export type RowsLike<R extends Row = Row> = Table<R> | readonly R[];

/** The rows of a table, or the array itself. */
export function getRows<R extends Row>(input: RowsLike<R>): readonly R[] {
  return Array.isArray(input) ? input : (input as Table<R>).rows;
}

/** Builds a table from rows, taking the column order from the keys of the first row. */
export function createTable<R extends Row>(rows: R[]): Table<R> {
  return { columns: rows.length > 0 ? Object.keys(rows[0]) : [], rows };
}

/**
 * True for a missing value: null, undefined, NaN, or a blank string. Placeholder codes such as
 * -999 or 'N/A' are not treated as missing here; `qualityReport` flags them so the learner decides.
 */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) || (typeof value === 'string' && value.trim() === '');
}

function checkColumn(input: RowsLike, column: string): void {
  const known = Array.isArray(input) ? (input.length > 0 ? Object.keys(input[0]) : null) : (input as Table).columns;
  if (known && !known.includes(column)) {
    throw new MlError('bad-argument', `There is no column '${column}'. Columns: ${known.join(', ')}.`);
  }
}

/** The values of one column, in row order (undefined becomes null). */
export function getColumn(input: RowsLike, column: string): CellValue[] {
  checkColumn(input, column);
  return getRows(input).map((row) => row[column] ?? null);
}

/**
 * Converts one cell to a number: numbers stay, booleans become 0/1, numeric strings are parsed,
 * missing values give null. Anything else gives undefined (not a number at all).
 */
export function toNumberOrNull(value: unknown): number | null | undefined {
  if (isMissing(value)) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A column as finite numbers; throws naming the first row that is missing or not numeric. */
export function getNumericColumn(input: RowsLike, column: string): number[] {
  return getColumn(input, column).map((value, i) => {
    const n = toNumberOrNull(value);
    if (n === null || n === undefined) {
      throw new MlError(
        n === null ? 'not-finite' : 'wrong-type',
        `Row ${i} of column '${column}' is ${JSON.stringify(value)}, not a number: ` +
          (n === null ? 'impute or drop missing values first.' : 'encode it or leave the column out.'),
      );
    }
    return n;
  });
}

/** A table with only the given columns, in the given order. */
export function selectColumns<R extends Row>(table: Table<R>, columns: string[]): Table {
  for (const column of columns) checkColumn(table, column);
  return {
    columns: columns.slice(),
    rows: table.rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]))),
  };
}

/** A table without the given columns. */
export function dropColumns<R extends Row>(table: Table<R>, columns: string[]): Table {
  for (const column of columns) checkColumn(table, column);
  return selectColumns(
    table,
    table.columns.filter((c) => !columns.includes(c)),
  );
}

/** How often each distinct non-missing value occurs, most frequent first (ties by value). */
export function countValues(values: readonly unknown[]): { value: CellValue; count: number }[] {
  const counts = new Map<string, { value: CellValue; count: number }>();
  for (const value of values) {
    if (isMissing(value)) continue;
    const key = `${typeof value}:${String(value)}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { value: value as CellValue, count: 1 });
  }
  // Plain comparison rather than localeCompare: the latter is slow on columns with many distinct values.
  const byValue = (a: CellValue, b: CellValue): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  return [...counts.values()].sort((a, b) => b.count - a.count || byValue(a.value, b.value));
}

/** The q-quantile (0 ≤ q ≤ 1) of ascending-sorted numbers, interpolated linearly as numpy's default. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new MlError('empty-data', 'Cannot take a quantile of no values.');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The q-quantile of numbers in any order. */
export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(
    Array.from(values).sort((a, b) => a - b),
    q,
  );
}

/** Summary statistics of a set of numbers, as pandas reports them. */
export interface NumericSummary {
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1), as pandas; 0 for a single value. */
  std: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Adjusted Fisher–Pearson skewness (pandas' `skew()`); 0 when undefined (n < 3 or constant). */
  skewness: number;
}

/** Count, mean, spread, quartiles and skewness of finite numbers. */
export function summarizeNumbers(values: ArrayLike<number>): NumericSummary {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) throw new MlError('empty-data', 'Cannot summarise no values.');
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const v of sorted) {
    m2 += (v - mean) ** 2;
    m3 += (v - mean) ** 3;
  }
  const g1 = m2 === 0 ? 0 : m3 / n / (m2 / n) ** 1.5;
  return {
    count: n,
    mean,
    std: n > 1 ? Math.sqrt(m2 / (n - 1)) : 0,
    min: sorted[0],
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: sorted[n - 1],
    skewness: n < 3 ? 0 : (Math.sqrt(n * (n - 1)) / (n - 2)) * g1,
  };
}

/**
 * One summary row per column, like pandas' `describe(include='all')`: count and missing for every
 * column; mean, std, min, quartiles and max for numeric ones; distinct values and the most
 * frequent one for the others. Plain rows, ready for `display.table`.
 */
export function describe(table: Table, columns: string[] = table.columns): Row[] {
  return columns.map((column) => {
    const values = getColumn(table, column);
    const present = values.filter((v) => !isMissing(v));
    const numbers = present.map(toNumberOrNull);
    const numeric = present.length > 0 && present.every((v) => typeof v === 'number');
    const row: Row = { column, count: present.length, missing: values.length - present.length };
    if (numeric) {
      const s = summarizeNumbers(numbers as number[]);
      Object.assign(row, { mean: s.mean, std: s.std, min: s.min, '25%': s.q1, '50%': s.median, '75%': s.q3, max: s.max });
    } else {
      const counts = countValues(present);
      Object.assign(row, { distinct: counts.length, top: counts[0]?.value ?? null, freq: counts[0]?.count ?? 0 });
    }
    return row;
  });
}
