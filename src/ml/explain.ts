/**
 * Explaining models: which features matter overall (permutation importance), why one prediction
 * came out as it did (logistic contributions, word attributions) and what a learned vector is
 * close to (nearest neighbours by cosine). Model-agnostic where it can be: most functions take a
 * predict function rather than a model.
 */
import { MlError } from './errors';
import { createRng } from './random';
import type { Matrix } from './types';
import { assertMatrix, assertTargets } from './train-data';

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

/** One feature's share of a linear model's logit for one row. */
export interface Contribution {
  feature: string;
  value: number;
  weight: number;
  /** weight × value: how far this feature moved the log-odds. */
  contribution: number;
}

/** How much a word (or n-gram) pushed a text's score up (positive) or down (negative). */
export interface WordAttribution {
  word: string;
  attribution: number;
  /** Position of the token in the text, for occlusion attributions. */
  position?: number;
}

/** A linear model over term features (TF-IDF + logistic regression): its weights and its vectoriser. */
export interface LinearTextScorer {
  /** Term of each weight, in feature order (e.g. the TF-IDF vocabulary). */
  names: readonly string[];
  weights: readonly number[];
  /** Turns tokenised texts into feature rows in the same order as `names`. */
  transform(docs: string[][]): number[][];
}

/** Any text model that scores tokenised texts; attributions come from leaving one word out. */
export interface OcclusionTextScorer {
  predictTokens(docs: string[][]): ArrayLike<number>;
}

/** A neighbour of a vector: its row index and cosine similarity. */
export interface Neighbour {
  index: number;
  similarity: number;
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

/**
 * Splits a logistic regression's logit for row `x` into weight × value per feature, largest
 * magnitude first. With standardised features, 0 is the average row, so a contribution reads as
 * "compared with a typical case".
 */
export function logisticContributions(
  coefficients: { weights: readonly number[]; names?: readonly string[] },
  x: readonly number[],
  featureNames?: readonly string[],
): Contribution[] {
  const { weights } = coefficients;
  if (x.length !== weights.length) {
    throw new MlError('shape-mismatch', `The row has ${x.length} values but the model has ${weights.length} weights.`);
  }
  const names = featureNames ?? coefficients.names ?? weights.map((_, i) => `x${i}`);
  return weights
    .map((weight, i) => ({ feature: names[i], value: x[i], weight, contribution: weight * x[i] }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** Options of `describeContributions()`. */
export interface DescribeOptions {
  /** How many features to mention (default 3). */
  top?: number;
  /** What the model outputs, e.g. "fraud score" (default "score"). */
  outcome?: string;
  /** Words for a feature and its value, e.g. `amount 4.2× the customer's usual`. */
  describe?(contribution: Contribution): string;
}

/**
 * Puts the largest contributions into one plain sentence for a non-specialist, e.g.
 * "Amount 4.2× the customer's usual raised the fraud score most; night-time also raised it; …".
 */
export function describeContributions(contributions: readonly Contribution[], options: DescribeOptions = {}): string {
  const { top = 3, outcome = 'score' } = options;
  const describe = options.describe ?? ((c: Contribution) => `${c.feature} = ${formatNumber(c.value)}`);
  const chosen = contributions
    .filter((c) => c.contribution !== 0 && Number.isFinite(c.contribution))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, top);
  if (chosen.length === 0) return `No feature moved the ${outcome} away from its baseline.`;
  const raising = chosen.filter((c) => c.contribution > 0);
  const lowering = chosen.filter((c) => c.contribution < 0);
  const parts = [
    ...raising.map((c, i) => `${describe(c)} ${i === 0 ? `raised the ${outcome} most` : 'also raised it'}`),
    ...lowering.map((c, i) => `${describe(c)} ${i === 0 ? `lowered the ${outcome}${raising.length ? '' : ' most'}` : 'also lowered it'}`),
  ];
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/**
 * Which words pushed a text's score up or down, largest magnitude first. For a linear model over
 * TF-IDF terms: weight × term value (n-grams included). For any other text model: the drop in
 * score when the word is left out (occlusion), one entry per token.
 */
export function wordAttributions(model: LinearTextScorer | OcclusionTextScorer, tokens: readonly string[]): WordAttribution[] {
  const out: WordAttribution[] = [];
  if ('transform' in model) {
    if (model.names.length !== model.weights.length) {
      throw new MlError('shape-mismatch', `Got ${model.names.length} term names for ${model.weights.length} weights.`);
    }
    const [row] = model.transform([tokens.slice()]);
    if (row.length !== model.weights.length) {
      throw new MlError('shape-mismatch', `The vectoriser gives ${row.length} features but the model has ${model.weights.length} weights.`);
    }
    row.forEach((value, j) => {
      if (value !== 0) out.push({ word: model.names[j], attribution: value * model.weights[j] });
    });
  } else {
    const docs = [tokens.slice(), ...tokens.map((_, i) => tokens.filter((__, k) => k !== i))];
    const scores = model.predictTokens(docs);
    tokens.forEach((word, i) => out.push({ word, attribution: scores[0] - scores[i + 1], position: i }));
  }
  return out.sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution));
}

/**
 * Adapts a model that scores padded id rows (the text model) to word attributions: `encode`
 * turns tokens into one padded row, with the vocabulary the model was trained on.
 */
export function occlusionScorer(
  model: { predictProba(x: Matrix): ArrayLike<number> },
  encode: (tokens: string[]) => number[],
): OcclusionTextScorer {
  return { predictTokens: (docs) => model.predictProba(docs.map(encode)) };
}

/** The k rows of `matrix` most similar (cosine) to row `index`, itself excluded. Zero rows score 0. */
export function nearestByEmbedding(matrix: Matrix, index: number, k: number): Neighbour[] {
  if (!Number.isInteger(index) || index < 0 || index >= matrix.length) {
    throw new MlError('bad-argument', `Row ${index} does not exist: the matrix has ${matrix.length} rows.`);
  }
  const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, a) => s + a * a, 0));
  const target = matrix[index];
  const targetNorm = norm(target);
  const out: Neighbour[] = [];
  matrix.forEach((row, i) => {
    if (i === index) return;
    const denominator = targetNorm * norm(row);
    let dot = 0;
    for (let j = 0; j < row.length; j++) dot += row[j] * target[j];
    out.push({ index: i, similarity: denominator > 0 ? dot / denominator : 0 });
  });
  return out.sort((a, b) => b.similarity - a.similarity).slice(0, k);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}
