/**
 * A small preprocessing pipeline for tabular rows: numeric columns are (optionally) log1p-ed,
 * imputed and scaled; categorical columns are one-hot encoded. It is fitted on the training rows
 * once and its `state` is plain JSON, so the exact same steps run on test rows, on live requests,
 * and after a reload.
 */
import { MlError } from '../core/errors';
import { createOneHot, fitOneHot, type OneHotState } from './encode';
import { getRows, toNumberOrNull, type RowsLike } from '../data/table';
import type { Features, Row } from '../core/types';

/** How the pipeline treats the columns. */
export interface PipelineOptions {
  numeric?: string[];
  categorical?: string[];
  /** Numeric columns to pass through log1p first (added to `numeric` if not listed there). */
  log?: string[];
  /** Fill value for missing numbers, learned on the training rows. Default 'median'. */
  impute?: 'mean' | 'median';
  /** Add a `<column>_missing` 0/1 feature for numeric columns that had gaps in training. */
  addIndicator?: boolean;
  /** Default 'standard' (mean 0, sd 1). */
  scale?: 'standard' | 'minmax' | 'none';
  maxCategories?: number;
  handleUnknown?: 'ignore' | 'error';
}

/** What the pipeline learned about one numeric column. */
export interface NumericStepState {
  column: string;
  log: boolean;
  fill: number;
  indicator: boolean;
  offset: number;
  scale: number;
}

/** Everything the pipeline learned, as plain JSON. */
export interface PipelineState {
  numeric: NumericStepState[];
  categorical: OneHotState[];
  names: string[];
}

/** A fitted pipeline. */
export interface Pipeline {
  /** Feature names, in the column order of `transform(...).X`. */
  names: string[];
  state: PipelineState;
  transform(rows: RowsLike): Features;
}

/** Reads one numeric cell (after log1p when asked); null when missing. */
function readNumber(row: Row, column: string, log: boolean, rowIndex: number): number | null {
  const n = toNumberOrNull(row[column]);
  if (n === undefined) {
    throw new MlError(
      'wrong-type',
      `Row ${rowIndex} of column '${column}' is ${JSON.stringify(row[column])}, not a number: ` + `list '${column}' under categorical or clean it.`,
    );
  }
  if (n === null || !log) return n;
  if (!(n > -1)) throw new MlError('bad-argument', `Row ${rowIndex} of column '${column}' is ${n}: log1p needs values above −1.`);
  return Math.log1p(n);
}

function fitNumeric(rows: readonly Row[], column: string, log: boolean, options: PipelineOptions): NumericStepState {
  const values = rows.map((row, i) => readNumber(row, column, log, i));
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (present.length === 0) {
    throw new MlError('empty-data', `Column '${column}' has no values in the training rows: drop it from the pipeline.`);
  }
  const mid = Math.floor(present.length / 2);
  const fill =
    options.impute === 'mean'
      ? present.reduce((s, v) => s + v, 0) / present.length
      : present.length % 2 === 1
        ? present[mid]
        : (present[mid - 1] + present[mid]) / 2;
  // The scaler sees the imputed column, as in sklearn's Pipeline([imputer, scaler]).
  const filled = values.map((v) => v ?? fill);
  let offset = 0;
  let scale = 1;
  if (options.scale === 'minmax') {
    offset = Math.min(...filled);
    scale = Math.max(...filled) - offset;
  } else if (options.scale !== 'none') {
    offset = filled.reduce((s, v) => s + v, 0) / filled.length;
    scale = Math.sqrt(filled.reduce((s, v) => s + (v - offset) ** 2, 0) / filled.length);
  }
  return {
    column,
    log,
    fill,
    indicator: options.addIndicator === true && present.length < values.length,
    offset,
    scale: scale < 1e-12 ? 1 : scale,
  };
}

/**
 * Fits the pipeline on training rows. Example:
 * `fitPipeline(train, { numeric: ['amount', 'tx_hour'], log: ['amount'], categorical: ['merchant_type'] })`.
 */
export function fitPipeline(trainRows: RowsLike, options: PipelineOptions): Pipeline {
  const rows = getRows(trainRows);
  if (rows.length === 0) throw new MlError('empty-data', 'There are no training rows to fit the pipeline on.');
  const logColumns = options.log ?? [];
  const numeric = [...new Set([...(options.numeric ?? []), ...logColumns])];
  const categorical = options.categorical ?? [];
  if (numeric.length + categorical.length === 0) {
    throw new MlError('bad-argument', 'The pipeline has no columns: list some under numeric or categorical.');
  }
  const clash = numeric.filter((c) => categorical.includes(c));
  if (clash.length > 0) throw new MlError('bad-argument', `Column(s) ${clash.join(', ')} are listed as both numeric and categorical.`);
  const unknown = [...numeric, ...categorical].filter((c) => !(c in rows[0]));
  if (unknown.length > 0) {
    throw new MlError('bad-argument', `Unknown column(s) ${unknown.join(', ')}. Columns: ${Object.keys(rows[0]).join(', ')}.`);
  }
  const numericSteps = numeric.map((c) => fitNumeric(rows, c, logColumns.includes(c), options));
  const oneHots = categorical.map((c) => fitOneHot(rows, c, { maxCategories: options.maxCategories, handleUnknown: options.handleUnknown }).state);
  return restorePipeline({ numeric: numericSteps, categorical: oneHots, names: [] });
}

/** Rebuilds a fitted pipeline from its saved `state` (e.g. read back from JSON). */
export function restorePipeline(state: PipelineState): Pipeline {
  const encoders = state.categorical.map(createOneHot);
  const names = [
    ...state.numeric.flatMap((s) => {
      const name = s.log ? `log1p(${s.column})` : s.column;
      return s.indicator ? [name, `${s.column}_missing`] : [name];
    }),
    ...encoders.flatMap((e) => e.names),
  ];
  const full: PipelineState = { ...state, names };
  return {
    names,
    state: full,
    transform(input) {
      const rows = getRows(input);
      const absent = [...state.numeric, ...state.categorical].map((s) => s.column).filter((c) => rows.length > 0 && !(c in rows[0]));
      if (absent.length > 0) {
        throw new MlError('bad-argument', `The rows lack column(s) ${absent.join(', ')} that the pipeline was fitted with.`);
      }
      const encoded = encoders.map((e) => e.transform(rows));
      const X = rows.map((row, i) => {
        const features: number[] = [];
        for (const s of state.numeric) {
          const v = readNumber(row, s.column, s.log, i);
          features.push(((v ?? s.fill) - s.offset) / s.scale);
          if (s.indicator) features.push(v === null ? 1 : 0);
        }
        for (const block of encoded) features.push(...block[i]);
        return features;
      });
      return { X, names: names.slice() };
    },
  };
}
