/**
 * Validation: k-fold cross-validation and learning curves. Model-agnostic on purpose: the caller
 * says how to fit and how to score, so the same functions serve logistic regression, an MLP, matrix
 * factorisation or a learner's own model.
 */
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import type { Rng } from '../core/random';

/** Options of `crossValidate()`; M is whatever `fit` returns (a model, or anything `score` needs). */
export interface CrossValidateOptions<M> {
  /** Number of rows. */
  n: number;
  /** Number of folds (default 5). */
  k?: number;
  seed?: number;
  /** Labels to stratify on, so every fold keeps the class balance (use for classification). */
  stratify?: readonly number[];
  /** Ready-made folds, `[trainIdx, testIdx]` or `{ train, test }` (as `kFold` returns); replaces n/k/seed/stratify. */
  folds?: ReadonlyArray<readonly [number[], number[]] | { train: number[]; test: number[] }>;
  fit(trainIdx: number[], fold: number): M | Promise<M>;
  score(model: M, testIdx: number[], fold: number): number | Promise<number>;
  onFold?(fold: number, score: number): void;
  /** Aborting stops before the next fold and rejects with MlError('aborted'). */
  signal?: AbortSignal;
}

/** Scores of each fold with their mean and (population) standard deviation, as scikit-learn prints them. */
export interface CrossValidationResult {
  scores: number[];
  mean: number;
  std: number;
}

/** One row of a learning curve. */
export interface LearningCurveRow {
  /** Training rows used. */
  size: number;
  fraction: number;
  train: number;
  validation: number;
}

/** Estimates a model's score by k-fold cross-validation; models with `dispose()` are disposed after scoring. */
export async function crossValidate<M>(options: CrossValidateOptions<M>): Promise<CrossValidationResult> {
  const folds = options.folds ?? makeFolds(options.n, options.k ?? 5, createRng(options.seed ?? 42), options.stratify);
  const scores: number[] = [];
  for (let f = 0; f < folds.length; f++) {
    if (options.signal?.aborted) throw new MlError('aborted', `Cross-validation stopped after ${f} of ${folds.length} folds.`);
    const fold = folds[f];
    const [trainIdx, testIdx] = Array.isArray(fold) ? fold : [(fold as { train: number[] }).train, (fold as { test: number[] }).test];
    const model = await options.fit(trainIdx.slice(), f);
    try {
      const score = await options.score(model, testIdx.slice(), f);
      scores.push(score);
      options.onFold?.(f, score);
    } finally {
      const disposable = model as { dispose?: unknown } | null;
      if (typeof disposable?.dispose === 'function') (disposable as { dispose(): void }).dispose();
    }
  }
  const mean = scores.reduce((s, v) => s + v, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / scores.length);
  return { scores, mean, std };
}

/**
 * Trains on growing subsets of the training rows (nested, so the curve is smooth) and records the
 * train and validation scores returned by `fitAndScore`. Stratified by `stratify` labels if given.
 */
export async function learningCurve(options: {
  n: number;
  sizes?: readonly number[];
  seed?: number;
  stratify?: readonly number[];
  fitAndScore(trainIdx: number[]): { train: number; validation: number } | Promise<{ train: number; validation: number }>;
  signal?: AbortSignal;
}): Promise<LearningCurveRow[]> {
  const { n, sizes = [0.1, 0.25, 0.5, 0.75, 1] } = options;
  assertCount(n, 2);
  for (const s of sizes) {
    if (!(s > 0 && s <= 1)) throw new MlError('bad-argument', `Learning-curve sizes are fractions in (0, 1]; got ${s}.`);
  }
  if (options.stratify && options.stratify.length !== n) {
    throw new MlError('shape-mismatch', `stratify has ${options.stratify.length} labels but n is ${n}.`);
  }
  const order = interleave(n, createRng(options.seed ?? 42), options.stratify);
  const rows: LearningCurveRow[] = [];
  for (const fraction of [...sizes].sort((a, b) => a - b)) {
    if (options.signal?.aborted) break;
    const size = Math.max(2, Math.round(fraction * n));
    const { train, validation } = await options.fitAndScore(order.slice(0, size).sort((a, b) => a - b));
    rows.push({ size, fraction, train, validation });
  }
  return rows;
}

/** Splits 0…n-1 into k test folds (stratified when labels are given) and pairs each with the rest. */
function makeFolds(n: number, k: number, rng: Rng, stratify?: readonly number[]): Array<[number[], number[]]> {
  assertCount(n, 2);
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new MlError('bad-argument', `k must be a whole number between 2 and the number of rows (${n}); got ${k}.`);
  }
  if (stratify && stratify.length !== n) {
    throw new MlError('shape-mismatch', `stratify has ${stratify.length} labels but n is ${n}.`);
  }
  const testFolds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const group of groupByLabel(n, stratify)) {
    // Dealing each class round-robin, continuing where the last class stopped, keeps fold sizes even.
    for (const i of rng.shuffle(group)) testFolds[next++ % k].push(i);
  }
  return testFolds.map((test) => {
    const held = new Set(test);
    return [Array.from({ length: n }, (_, i) => i).filter((i) => !held.has(i)), test.sort((a, b) => a - b)];
  });
}

/** A seeded order of 0…n-1 in which every prefix keeps the class proportions of `stratify`. */
function interleave(n: number, rng: Rng, stratify?: readonly number[]): number[] {
  const keyed: Array<[number, number]> = [];
  for (const group of groupByLabel(n, stratify)) {
    rng.shuffle(group).forEach((i, pos) => keyed.push([i, (pos + rng.next()) / group.length]));
  }
  return keyed.sort((a, b) => a[1] - b[1]).map(([i]) => i);
}

function groupByLabel(n: number, labels?: readonly number[]): number[][] {
  if (!labels) return [Array.from({ length: n }, (_, i) => i)];
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label)?.push(i);
  });
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

export function assertCount(value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new MlError('bad-argument', `Expected a whole number ≥ ${min}; got ${value}.`);
}
