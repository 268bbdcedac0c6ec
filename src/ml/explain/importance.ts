/**
 * Which features matter overall: permutation importance, model-agnostic (it takes a predict
 * function rather than a model).
 */
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import type { Matrix } from '../core/types';
import { assertMatrix, assertTargets } from '../core/assert';

/** How much a feature matters: the mean drop in score when its column is shuffled, and its spread. */
export interface FeatureImportance {
  feature: string;
  importance: number;
  std: number;
}

/** Options of `permutationImportance()`. */
export interface PermutationOptions {
  /** Shuffles per feature (default 3). */
  repeats?: number;
  seed?: number;
  featureNames?: string[];
  /** Set false for scores where lower is better (log loss, RMSE); importance stays "higher = matters more". */
  higherIsBetter?: boolean;
}

/**
 * Permutation importance: for each feature, shuffle its column `repeats` times and measure how much
 * `score(yTrue, predict(X))` drops. Model-agnostic; measure it on held-out rows. Sorted, largest first.
 */
export function permutationImportance(
  predict: (x: Matrix) => ArrayLike<number>,
  x: Matrix,
  y: readonly number[],
  score: (yTrue: readonly number[], yScore: ArrayLike<number>) => number,
  options: PermutationOptions = {},
): FeatureImportance[] {
  assertMatrix(x, 'X');
  assertTargets(y, x.length);
  const { repeats = 3, higherIsBetter = true } = options;
  if (!Number.isInteger(repeats) || repeats < 1) throw new MlError('bad-argument', `repeats must be a whole number ≥ 1 (got ${repeats}).`);
  const width = x[0].length;
  const names = options.featureNames ?? Array.from({ length: width }, (_, j) => `x${j}`);
  if (names.length !== width) throw new MlError('shape-mismatch', `Got ${names.length} feature names for ${width} columns.`);
  const rng = createRng(options.seed ?? 42);
  const sign = higherIsBetter ? 1 : -1;
  const baseline = score(y, predict(x));
  const work = x.map((row) => row.slice());
  const out: FeatureImportance[] = [];
  for (let j = 0; j < width; j++) {
    const column = x.map((row) => row[j]);
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      rng.shuffle(column).forEach((v, i) => (work[i][j] = v));
      drops.push(sign * (baseline - score(y, predict(work))));
    }
    column.forEach((v, i) => (work[i][j] = v));
    const mean = drops.reduce((s, d) => s + d, 0) / repeats;
    const std = Math.sqrt(drops.reduce((s, d) => s + (d - mean) ** 2, 0) / repeats);
    out.push({ feature: names[j], importance: mean, std });
  }
  return out.sort((a, b) => b.importance - a.importance);
}
