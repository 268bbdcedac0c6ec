/**
 * Tuning: grid and random search over hyperparameters, with a results table. The caller scores
 * each trial (usually on a validation set or by cross-validation).
 */
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import type { Rng } from '../core/random';
import type { Table, Row, CellValue } from '../core/types';
import { assertCount } from './cross-validation';

/** The values to try for each hyperparameter. */
export type SearchSpace = Record<string, readonly unknown[]>;

/** A range to sample for random search: uniform, or log-uniform for rates and penalties. */
export interface SearchRange {
  min: number;
  max: number;
  log?: boolean;
  integer?: boolean;
}

/** One evaluated combination of hyperparameters. */
export interface Trial {
  rank: number;
  params: Record<string, unknown>;
  score: number;
  /** Anything else `evaluate` returned beside the score (train score, time, …). */
  details: Record<string, unknown>;
}

/** What `evaluate` may return: a score, or a score with details. */
export type Evaluation = number | ({ score: number } & Record<string, unknown>);

/** Options shared by grid and random search. */
export interface SearchOptions {
  /** 'max' when a higher score is better (accuracy, AUC), 'min' for losses (default 'max'). */
  direction?: 'max' | 'min';
  /** Aborting stops before the next combination; the trials so far are returned. */
  signal?: AbortSignal;
  onResult?(trial: Trial, index: number, total: number): void;
}

/** Trials best first, the best one, whether the search was cut short, and a display table. */
export interface SearchResult {
  trials: Trial[];
  best: Trial | undefined;
  aborted: boolean;
  table: Table;
}

/** Tries every combination of the values in `space` and ranks them by score. */
export async function gridSearch(
  space: SearchSpace,
  evaluate: (params: Record<string, unknown>) => Evaluation | Promise<Evaluation>,
  options: SearchOptions = {},
): Promise<SearchResult> {
  let combos: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(space)) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new MlError('bad-argument', `Search space "${name}" needs a non-empty list of values.`);
    }
    combos = combos.flatMap((c) => values.map((v: unknown) => ({ ...c, [name]: v })));
  }
  return runSearch(combos, evaluate, options);
}

/** Samples `trials` combinations: a random value of each list, or a (log-)uniform draw from each range. */
export async function randomSearch(
  space: Record<string, readonly unknown[] | SearchRange>,
  evaluate: (params: Record<string, unknown>) => Evaluation | Promise<Evaluation>,
  options: SearchOptions & { trials?: number; seed?: number } = {},
): Promise<SearchResult> {
  const trials = options.trials ?? 10;
  assertCount(trials, 1);
  const rng = createRng(options.seed ?? 42);
  const combos = Array.from({ length: trials }, () => {
    const params: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(space)) params[name] = sampleValue(name, spec, rng);
    return params;
  });
  return runSearch(combos, evaluate, options);
}

async function runSearch(
  combos: Record<string, unknown>[],
  evaluate: (params: Record<string, unknown>) => Evaluation | Promise<Evaluation>,
  options: SearchOptions,
): Promise<SearchResult> {
  const trials: Trial[] = [];
  let aborted = false;
  for (let i = 0; i < combos.length; i++) {
    if (options.signal?.aborted) {
      aborted = true;
      break;
    }
    const outcome = await evaluate({ ...combos[i] });
    const { score, ...details } = typeof outcome === 'number' ? { score: outcome } : outcome;
    if (typeof score !== 'number') {
      throw new MlError('wrong-type', 'evaluate() must return a number or an object with a numeric "score".');
    }
    const trial: Trial = { rank: 0, params: combos[i], score, details };
    trials.push(trial);
    options.onResult?.(trial, i, combos.length);
  }
  const sign = options.direction === 'min' ? 1 : -1;
  // NaN scores (a diverged run) sort last whatever the direction.
  trials.sort((a, b) => (Number.isNaN(a.score) ? 1 : Number.isNaN(b.score) ? -1 : sign * (a.score - b.score)));
  trials.forEach((t, i) => (t.rank = i + 1));
  return { trials, best: trials[0], aborted, table: toTable(trials) };
}

function toTable(trials: readonly Trial[]): Table {
  const cell = (v: unknown): CellValue => (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : JSON.stringify(v));
  const rows: Row[] = trials.map((t) => {
    const row: Row = { rank: t.rank };
    for (const [k, v] of Object.entries(t.params)) row[k] = cell(v);
    row.score = t.score;
    for (const [k, v] of Object.entries(t.details)) row[k] = cell(v);
    return row;
  });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { columns, rows };
}

function sampleValue(name: string, spec: readonly unknown[] | SearchRange, rng: Rng): unknown {
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw new MlError('bad-argument', `Search space "${name}" needs a non-empty list of values.`);
    return rng.pick(spec);
  }
  const { min, max, log = false, integer = false } = spec as SearchRange;
  if (!(min <= max) || (log && !(min > 0))) {
    throw new MlError('bad-argument', `Search range "${name}" needs min ≤ max${log ? ' and min > 0 for a log scale' : ''}.`);
  }
  const value = log ? Math.exp(rng.uniform(Math.log(min), Math.log(max))) : rng.uniform(min, max);
  return integer ? Math.min(max, Math.round(value)) : value;
}
