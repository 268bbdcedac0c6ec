/**
 * A data-quality report: what a careful engineer checks before modelling — column types, missing
 * values, distributions, suspicious values, duplicates and class balance. Everything is plain data
 * so a notebook can show `report.summary` with `display.table` and read the details in code.
 */
import { MlError } from '../core/errors';
import { getColumn, getRows, isMissing, summarizeNumbers, toNumberOrNull, countValues, type NumericSummary } from './table';
import type { CellValue, Row, Table } from '../core/types';

/** What a column holds, judged from its non-missing values. */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text' | 'empty';

/** The quality of one column. */
export interface ColumnQuality {
  column: string;
  kind: ColumnKind;
  /**
   * What the column is to a model: the `label` to predict, an `id` that names rows, customers or
   * terminals (numbers that are not quantities: no mean, no skewness advice), or a `feature`.
   */
  role: 'feature' | 'label' | 'id';
  missing: number;
  missingRate: number;
  distinct: number;
  /** Numeric columns only. */
  stats?: NumericSummary;
  /** Numeric columns only: values below Q1 − 1.5·IQR or above Q3 + 1.5·IQR. */
  outliers?: number;
  /** The five most frequent values (non-numeric columns). */
  topValues?: { value: CellValue; count: number }[];
  /** Plain-language findings, e.g. "constant column". Empty when nothing looks wrong. */
  issues: string[];
}

/** Class balance of the label column. */
export interface ClassBalance {
  column: string;
  classes: { value: CellValue; count: number; rate: number }[];
  /** Size of the largest class divided by the smallest. */
  imbalanceRatio: number;
  missing: number;
}

/** The whole report. */
export interface QualityReport {
  rowCount: number;
  columnCount: number;
  /** Rows that repeat an earlier row exactly. */
  duplicateRows: number;
  columns: ColumnQuality[];
  label?: ClassBalance;
  /** Every issue, prefixed with its column. */
  warnings: string[];
  /** One flat row per column for `display.table`. */
  summary: Row[];
}

const PLACEHOLDER_NUMBERS = new Set([-999, -9999, -99999, 999999, 9999999]);
const PLACEHOLDER_STRINGS = new Set(['n/a', 'na', 'null', 'none', 'nan', '?', '-', '--', 'missing', 'undefined', '#n/a']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Judges a column's kind from its non-missing values (placeholder strings are ignored). */
export function inferColumnKind(values: readonly unknown[]): ColumnKind {
  const present = values.filter((v) => !isMissing(v) && !(typeof v === 'string' && PLACEHOLDER_STRINGS.has(v.trim().toLowerCase())));
  if (present.length === 0) return 'empty';
  const strings = present.filter((v): v is string => typeof v === 'string').map((v) => v.trim().toLowerCase());
  const booleanWords = strings.length === present.length && strings.every((v) => ['true', 'false', 'yes', 'no'].includes(v));
  if (booleanWords || present.every((v) => typeof v === 'boolean')) return 'boolean';
  const numericShare = present.filter((v) => typeof toNumberOrNull(v) === 'number' && typeof v !== 'boolean').length / present.length;
  // A few stray strings among numbers ("abc" in an amount column) still make a numeric column.
  if (numericShare >= 0.9) return 'numeric';
  if (strings.length === present.length && strings.every((v) => ISO_DATE.test(v.toUpperCase()))) return 'datetime';
  const meanLength = strings.reduce((s, v) => s + v.length, 0) / Math.max(1, strings.length);
  const distinctShare = new Set(strings).size / present.length;
  return meanLength > 30 && distinctShare > 0.5 ? 'text' : 'categorical';
}

function checkNumeric(q: ColumnQuality, values: readonly CellValue[]): void {
  const numbers: number[] = [];
  const strays: unknown[] = [];
  for (const v of values) {
    if (isMissing(v)) continue;
    const n = toNumberOrNull(v);
    if (typeof n === 'number') numbers.push(n);
    else strays.push(v);
  }
  if (strays.length > 0) {
    q.issues.push(`${strays.length} non-numeric value(s) among numbers, e.g. ${JSON.stringify(strays[0])}`);
  }
  if (numbers.length === 0) return;
  const s = summarizeNumbers(numbers);
  q.stats = s;
  const iqr = s.q3 - s.q1;
  q.outliers = numbers.filter((v) => v < s.q1 - 1.5 * iqr || v > s.q3 + 1.5 * iqr).length;
  if (q.outliers > 0) q.issues.push(`${q.outliers} outlier(s) beyond 1.5×IQR (${percent(q.outliers / numbers.length)})`);
  const negatives = numbers.filter((v) => v < 0);
  if (negatives.length > 0 && negatives.length / numbers.length < 0.05) {
    q.issues.push(`${negatives.length} negative value(s) in a mostly positive column, e.g. ${negatives[0]}`);
  }
  const placeholders = numbers.filter((v) => PLACEHOLDER_NUMBERS.has(v));
  if (placeholders.length > 0) {
    q.issues.push(`${placeholders.length} placeholder-like value(s) ${placeholders[0]}: probably a missing-value code`);
  }
  if (Math.abs(s.skewness) > 2) {
    q.issues.push(`strongly skewed (skewness ${s.skewness.toFixed(1)}): a log transform may help`);
  }
}

const ID_NAME = /(^id$|_id$|^id_|Id$)/;

function checkColumn(column: string, values: readonly CellValue[], isLabel: boolean): ColumnQuality {
  const present = values.filter((v) => !isMissing(v));
  const counts = countValues(present);
  const distinct = counts.length;
  const missing = values.length - present.length;
  const kind = inferColumnKind(values);
  const integers = kind === 'numeric' && present.every((v) => Number.isInteger(toNumberOrNull(v)));
  const unique = present.length >= 10 && distinct === present.length;
  // A name such as customer_id marks an id even when ids repeat (a customer pays many times).
  const role = isLabel ? 'label' : (integers && ID_NAME.test(column)) || (unique && kind === 'categorical') ? 'id' : 'feature';
  const q: ColumnQuality = {
    column,
    kind,
    role,
    missing,
    missingRate: values.length === 0 ? 0 : missing / values.length,
    distinct,
    issues: [],
  };
  if (missing > 0) q.issues.push(`${missing} missing (${percent(q.missingRate)})`);
  if (q.kind === 'empty') q.issues.push('no values at all');
  else if (distinct === 1) q.issues.push('constant column: it cannot help a model');
  // The label's spread is class balance (reported apart), and an id's mean or skew means nothing.
  if (q.kind === 'numeric' && role === 'feature') checkNumeric(q, values);
  else if (q.kind !== 'numeric') q.topValues = counts.slice(0, 5);
  const placeholders = present.filter((v) => typeof v === 'string' && PLACEHOLDER_STRINGS.has(v.trim().toLowerCase()));
  if (placeholders.length > 0) {
    q.issues.push(`${placeholders.length} placeholder string(s) such as ${JSON.stringify(placeholders[0])}: treat as missing?`);
  }
  if (role === 'id') {
    q.issues.push(
      unique
        ? 'id-like: every value is different, so it identifies rows rather than describing them'
        : `id-like: ${distinct.toLocaleString('en-US')} distinct ids; it names who or what, not how much — keep it out of the model's inputs`,
    );
  }
  return q;
}

function checkLabel(column: string, values: readonly CellValue[]): ClassBalance {
  const present = values.filter((v) => !isMissing(v));
  const counts = countValues(present);
  return {
    column,
    classes: counts.map(({ value, count }) => ({ value, count, rate: count / present.length })),
    imbalanceRatio: counts.length > 0 ? counts[0].count / counts[counts.length - 1].count : 0,
    missing: values.length - present.length,
  };
}

/**
 * Checks every column of `table`: kind, missing values, distinct values, numeric statistics and
 * outliers, top values, and suspicious values (negative amounts in a positive column, codes such
 * as -999 or 'N/A', constant and id-like columns), plus duplicate rows and, when `label` is given,
 * class balance.
 */
export function qualityReport(table: Table, options: { label?: string } = {}): QualityReport {
  const rows = getRows(table);
  if (options.label !== undefined && !table.columns.includes(options.label)) {
    throw new MlError('bad-argument', `The label column '${options.label}' is not in the table. Columns: ${table.columns.join(', ')}.`);
  }
  const columns = table.columns.map((c) => checkColumn(c, getColumn(table, c), c === options.label));
  const seen = new Set<string>();
  let duplicateRows = 0;
  for (const row of rows) {
    const key = JSON.stringify(table.columns.map((c) => row[c] ?? null));
    if (seen.has(key)) duplicateRows++;
    else seen.add(key);
  }
  const report: QualityReport = {
    rowCount: rows.length,
    columnCount: table.columns.length,
    duplicateRows,
    columns,
    warnings: columns.flatMap((c) => c.issues.map((issue) => `${c.column}: ${issue}`)),
    summary: columns.map((c) => ({
      column: c.column,
      kind: c.role === 'feature' ? c.kind : c.role,
      missing: c.missing,
      'missing %': +(100 * c.missingRate).toFixed(2),
      distinct: c.distinct,
      min: c.stats?.min ?? null,
      mean: c.stats ? +c.stats.mean.toPrecision(6) : null,
      max: c.stats?.max ?? null,
      issues: c.issues.join('; '),
    })),
  };
  if (duplicateRows > 0) report.warnings.push(`${duplicateRows} duplicate row(s)`);
  if (options.label !== undefined) {
    report.label = checkLabel(options.label, getColumn(table, options.label));
    if (report.label.imbalanceRatio >= 10) {
      report.warnings.push(
        `${options.label}: imbalanced classes (${report.label.imbalanceRatio.toFixed(0)}:1): ` +
          'accuracy will mislead; use precision, recall and average precision',
      );
    }
  }
  return report;
}
