/**
 * Preparing training data: class weights (scikit-learn's 'balanced' formula) and the stratified
 * hold-out of validation rows that `train()` uses when no validation set is given.
 */
import { MlError } from '../core/errors';
import type { Rng } from '../core/random';

/** Weights of each class in the loss (`{0: 1, 1: 50}`), or 'balanced'. */
export type ClassWeight = Record<number, number> | 'balanced';

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
export function splitValidation(labels: readonly number[], fraction: number, rng: Rng): { train: number[]; validation: number[] } {
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
