/**
 * Which words moved a text model's score: exact attributions for linear text scorers and
 * occlusion (drop one word, re-score) for any other.
 */
import { MlError } from '../core/errors';
import type { Matrix } from '../core/types';

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
export function occlusionScorer(model: { predictProba(x: Matrix): ArrayLike<number> }, encode: (tokens: string[]) => number[]): OcclusionTextScorer {
  return { predictTokens: (docs) => model.predictProba(docs.map(encode)) };
}
