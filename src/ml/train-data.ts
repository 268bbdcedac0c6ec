/**
 * Checks and preparation of training data shared by the models and `train()`: shape and
 * finiteness checks with messages a learner can act on, class weights, validation splits.
 */
import { MlError } from './errors';
import type { Rng } from './random';

/** Weights of each class in the loss (`{0: 1, 1: 50}`), or 'balanced'. */
export type ClassWeight = Record<number, number> | 'balanced';

/**
 * Throws an MlError unless `x` is a non-empty array of equally long rows of finite numbers
 * (of length `width` when given). `what` names the matrix in the message.
 */
export function assertMatrix(x: unknown, what = 'X', width?: number): asserts x is number[][] {
  if (!Array.isArray(x)) throw new MlError('wrong-type', `${what} must be an array of rows (number[][]).`);
  if (x.length === 0) throw new MlError('empty-data', `${what} has no rows: check the filter or split that produced it.`);
  const expected = width ?? (Array.isArray(x[0]) ? x[0].length : 0);
  for (let i = 0; i < x.length; i++) {
    const row: unknown = x[i];
    if (!Array.isArray(row)) {
      throw new MlError('wrong-type', `${what} row ${i} is not an array: each row must be a list of numbers.`);
    }
    if (row.length !== expected) {
      throw new MlError(
        'shape-mismatch',
        `${what} row ${i} has ${row.length} values but ${expected} were expected: every row needs the same features in the same order.`,
      );
    }
    for (let j = 0; j < row.length; j++) {
      const value: unknown = row[j];
      if (typeof value !== 'number') {
        throw new MlError('wrong-type', `${what} row ${i}, column ${j} is ${JSON.stringify(value)}, not a number: encode it first.`);
      }
      if (!Number.isFinite(value)) {
        throw new MlError('not-finite', `${what} row ${i}, column ${j} is ${value}: impute or drop missing values before training.`);
      }
    }
  }
}

/** Throws an MlError unless `y` holds `n` finite numbers. */
export function assertTargets(y: unknown, n: number, what = 'y'): asserts y is number[] {
  if (!Array.isArray(y)) throw new MlError('wrong-type', `${what} must be an array of numbers.`);
  if (y.length !== n) {
    throw new MlError('shape-mismatch', `X has ${n} rows but ${what} has ${y.length} values: give one target per row.`);
  }
  for (let i = 0; i < y.length; i++) {
    const value: unknown = y[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new MlError('not-finite', `${what}[${i}] is ${String(value)}: every target must be a finite number.`);
    }
  }
}

/** Throws an MlError unless every label is 0 or 1. */
export function assertBinaryLabels(y: readonly number[], what = 'y'): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new MlError('wrong-type', `${what}[${i}] is ${y[i]}: binary labels must be 0 or 1.`);
    }
  }
}

/**
 * Resolves class weights for the given labels. 'balanced' gives each class n / (classes × count),
 * the scikit-learn formula, so the classes weigh the same in total.
 */
export function computeClassWeights(labels: readonly number[], weight: ClassWeight): Record<number, number> {
  const counts = new Map<number, number>();
  for (const label of labels) {
    if (!Number.isInteger(label)) {
      throw new MlError('wrong-type', `Class weights need integer class labels; found ${label}.`);
    }
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  if (weight === 'balanced') {
    if (counts.size < 2) {
      throw new MlError('single-class', `Balanced class weights need at least two classes, but every label is ${labels[0]}: check the labels or the split.`);
    }
    const out: Record<number, number> = {};
    for (const [label, count] of counts) out[label] = labels.length / (counts.size * count);
    return out;
  }
  for (const label of counts.keys()) {
    const w = weight[label];
    if (typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w)) {
      throw new MlError('bad-argument', `classWeight has no usable weight for class ${label}: give one non-negative number per class, e.g. {0: 1, 1: 10}.`);
    }
  }
  return { ...weight };
}

/**
 * Splits row indices into train and validation parts. Stratified for 0/1 labels so a rare class
 * shows up in both parts; indices keep their original order within each part.
 */
export function splitValidation(
  labels: readonly number[],
  fraction: number,
  rng: Rng,
): { train: number[]; validation: number[] } {
  const n = labels.length;
  const binary = labels.every((l) => l === 0 || l === 1);
  const groups: number[][] = binary ? [[], []] : [[]];
  labels.forEach((l, i) => groups[binary ? l : 0].push(i));
  const validation: number[] = [];
  for (const group of groups) {
    const take = Math.round(group.length * fraction);
    validation.push(...rng.shuffle(group).slice(0, take));
  }
  if (validation.length === 0 || validation.length === n) {
    throw new MlError('empty-data', `Holding out ${fraction} of ${n} rows leaves one side empty: use more rows or another fraction.`);
  }
  const held = new Set(validation);
  return {
    train: labels.map((_, i) => i).filter((i) => !held.has(i)),
    validation: validation.sort((a, b) => a - b),
  };
}
