/**
 * Splitting data for honest evaluation: random and stratified hold-out splits, time-based splits
 * (train on the past, test on the future, as the model will be used), and k-fold cross-validation.
 * Every random split is seeded, so a notebook gives the same numbers on every run.
 */
import { MlError } from '../core/errors';
import { createRng, type Rng } from '../core/random';
import { getRows } from '../data/table';
import type { Row, Table } from '../core/types';

/** Train and test indices, each ascending. */
export interface IndexSplit {
  train: number[];
  test: number[];
}

/** Train and test rows (in their original order) with the indices they came from. */
export interface RowSplit<R> {
  train: R[];
  test: R[];
  trainIndex: number[];
  testIndex: number[];
}

/** Options of `trainTestSplit`. */
export interface SplitOptions {
  /** Share of examples in the test set (0–1, rounded up as sklearn) or a count (≥ 1). Default 0.2. */
  testSize?: number;
  seed?: number;
  /** Keep class shares equal in both parts: labels (one per example) or, for rows, a column name. */
  stratify?: ArrayLike<number | string | boolean | null> | string;
}

const ascending = (xs: number[]): number[] => xs.sort((a, b) => a - b);

function checkTestCount(n: number, testSize: number): number {
  if (!(testSize > 0)) throw new MlError('bad-argument', `testSize is ${testSize}: use a share such as 0.2 or a count.`);
  const count = testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!Number.isInteger(count) || count >= n) {
    throw new MlError('bad-argument', `testSize ${testSize} leaves no training data out of ${n} examples: use a smaller share.`);
  }
  return count;
}

/** Groups example indices by label, in order of first appearance. */
function indicesByClass(labels: ArrayLike<unknown>): number[][] {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const key = String(labels[i]);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  return [...groups.values()];
}

/** Splits `total` across groups in proportion to their sizes, by largest remainders. */
function apportion(sizes: number[], total: number): number[] {
  const n = sizes.reduce((s, v) => s + v, 0);
  const exact = sizes.map((size) => (size * total) / n);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = 0; r < total - counts.reduce((s, v) => s + v, 0); r++) counts[order[r][1]]++;
  return counts;
}

function splitIndices(n: number, options: SplitOptions, labels: ArrayLike<unknown> | null): IndexSplit {
  if (!Number.isInteger(n) || n < 2) throw new MlError('empty-data', `Cannot split ${n} example(s): need at least 2.`);
  const testCount = checkTestCount(n, options.testSize ?? 0.2);
  const rng = createRng(options.seed ?? 42);
  if (!labels) {
    const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    return { train: ascending(order.slice(testCount)), test: ascending(order.slice(0, testCount)) };
  }
  if (labels.length !== n) {
    throw new MlError('shape-mismatch', `stratify has ${labels.length} labels for ${n} examples: pass one per example.`);
  }
  const groups = indicesByClass(labels);
  const counts = apportion(
    groups.map((g) => g.length),
    testCount,
  );
  const train: number[] = [];
  const test: number[] = [];
  groups.forEach((group, c) => {
    const order = rng.shuffle(group);
    test.push(...order.slice(0, counts[c]));
    train.push(...order.slice(counts[c]));
  });
  return { train: ascending(train), test: ascending(test) };
}

/**
 * Random hold-out split. Given a count it returns index arrays; given rows (or a table) it returns
 * the rows too. With `stratify`, each class keeps its share in train and test (vital when only
 * 1% of examples are fraud).
 */
export function trainTestSplit(n: number, options?: SplitOptions): IndexSplit;
export function trainTestSplit<R extends Row>(rows: readonly R[] | Table<R>, options?: SplitOptions): RowSplit<R>;
export function trainTestSplit<R extends Row>(input: number | readonly R[] | Table<R>, options: SplitOptions = {}): IndexSplit | RowSplit<R> {
  if (typeof input === 'number') {
    if (typeof options.stratify === 'string') {
      throw new MlError('bad-argument', 'stratify by column name needs rows: pass the rows instead of a count, or pass the labels.');
    }
    return splitIndices(input, options, options.stratify ?? null);
  }
  const rows = getRows(input);
  const labels = typeof options.stratify === 'string' ? rows.map((r) => (r as Row)[options.stratify as string] ?? null) : (options.stratify ?? null);
  const { train, test } = splitIndices(rows.length, options, labels);
  return { train: train.map((i) => rows[i]), test: test.map((i) => rows[i]), trainIndex: train, testIndex: test };
}

/** Reads a time as a number: numbers as they are, date strings as epoch milliseconds. */
function readTime(value: unknown, index: number): number {
  const t = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(t)) {
    throw new MlError('not-finite', `Row ${index} has time ${JSON.stringify(value)}: every row needs a number or a date.`);
  }
  return t;
}

/** Rows before and from the cutoff, each sorted by time. */
export interface TimeSplit<R> {
  train: R[];
  test: R[];
  cutoff: number;
}

/**
 * Trains on the past and tests on the future: rows with time < cutoff go to train, the rest to
 * test. Give `cutoff` (a number, or a date string compared as epoch ms) or `testFraction` (the
 * latest share of rows; rows tied with the first test time also go to test, so no moment is on
 * both sides).
 */
export function timeSplit<R extends Row>(
  rows: readonly R[] | Table<R>,
  time: string | ((row: R) => number | string),
  options: { cutoff?: number | string; testFraction?: number },
): TimeSplit<R> {
  const list = getRows(rows);
  if (list.length < 2) throw new MlError('empty-data', 'Cannot split fewer than 2 rows.');
  const read = typeof time === 'string' ? (r: R) => r[time] : time;
  const times = list.map((r, i) => readTime(read(r), i));
  const order = list.map((_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  let cutoff: number;
  if (options.cutoff !== undefined) cutoff = readTime(options.cutoff, -1);
  else if (options.testFraction !== undefined && options.testFraction > 0 && options.testFraction < 1) {
    cutoff = times[order[Math.floor(list.length * (1 - options.testFraction))]];
  } else {
    throw new MlError('bad-argument', 'Pass { cutoff } or { testFraction } between 0 and 1, e.g. { testFraction: 0.2 }.');
  }
  return {
    train: order.filter((i) => times[i] < cutoff).map((i) => list[i]),
    test: order.filter((i) => times[i] >= cutoff).map((i) => list[i]),
    cutoff,
  };
}

function checkK(n: number, k: number): void {
  if (!Number.isInteger(k) || k < 2) throw new MlError('bad-argument', `k is ${k}: use a whole number of folds ≥ 2, such as 5.`);
  if (k > n) throw new MlError('bad-argument', `k = ${k} folds need at least ${k} examples; there are ${n}.`);
}

function foldsFrom(n: number, assignment: number[], k: number): IndexSplit[] {
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (assignment[i] === f ? test : train).push(i);
    return { train, test };
  });
}

/** k shuffled folds: each example is in exactly one test fold; fold sizes differ by at most one. */
export function kFold(n: number, k = 5, seed = 42): IndexSplit[] {
  checkK(n, k);
  const order = createRng(seed).shuffle(Array.from({ length: n }, (_, i) => i));
  const assignment = new Array<number>(n);
  // As sklearn: the first n % k folds get one extra example.
  const base = Math.floor(n / k);
  let at = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < n % k ? 1 : 0);
    for (let j = 0; j < size; j++) assignment[order[at++]] = f;
  }
  return foldsFrom(n, assignment, k);
}

/**
 * k folds that each keep the class shares of `y`. Throws when a class has fewer than k examples,
 * because some test folds would then miss it and metrics such as ROC-AUC would fail there.
 */
export function stratifiedKFold(y: ArrayLike<number | string | boolean>, k = 5, seed = 42): IndexSplit[] {
  checkK(y.length, k);
  const groups = indicesByClass(y);
  for (const group of groups) {
    if (group.length < k) {
      throw new MlError(
        'bad-argument',
        `Class ${String(y[group[0]])} has only ${group.length} example(s), fewer than k = ${k} folds: ` + `use k ≤ ${group.length} or get more data.`,
      );
    }
  }
  const rng: Rng = createRng(seed);
  const assignment = new Array<number>(y.length);
  // Deal each shuffled class round-robin, continuing where the previous class stopped, so fold
  // sizes stay within one of each other.
  let next = 0;
  for (const group of groups) {
    for (const i of rng.shuffle(group)) {
      assignment[i] = next;
      next = (next + 1) % k;
    }
  }
  return foldsFrom(y.length, assignment, k);
}
