/**
 * TF-IDF + logistic regression as one object: the tokeniser, the fitted vectoriser and the model
 * travel together, so the text a served model sees is cut into words exactly as its training
 * texts were (train/serve skew in text models is most often two tokenisers that differ in one
 * rule). Saved with `saveTextClassifier`, the vectoriser and the tokeniser's options go into the
 * model's metadata and `loadTextClassifier` rebuilds the same pipeline.
 */
import type * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import type { CsrMatrix } from '../core/sparse';
import { tokenize, type TokenizeOptions } from '../prep/tokenize';
import { fitTfidf, restoreTfidf, type TfidfModel, type TfidfState } from '../prep/vectorize';
import { createLogisticRegression, isLogisticRegression, type LogisticFitReport, type LogisticRegression } from './logistic';
import { loadModel, saveModel, type SaveInfo, type ServingMetadata } from '../deploy/serving';
import type { ClassWeight } from '../train/data';

/** Options of {@link fitTextClassifier}; the defaults are scikit-learn's TfidfVectorizer(ngram_range=(1, 2)) + LogisticRegression(C=1). */
export interface TextClassifierOptions {
  /** How texts are cut into tokens, at training and at serving time alike. */
  tokenizer?: TokenizeOptions;
  /** N-gram lengths (default [1, 2]: words and word pairs). */
  ngramRange?: [number, number];
  /** Drop terms found in fewer training texts than this (default 1). */
  minDf?: number;
  /** Keep only the most frequent terms (default: all). */
  maxFeatures?: number;
  /** Use 1 + ln(tf) instead of raw counts (default false). */
  sublinearTf?: boolean;
  /** Inverse regularisation strength, as scikit-learn's (default 1). */
  C?: number;
  classWeight?: ClassWeight;
}

/** Control of a fit. */
export interface TextFitControl {
  signal?: AbortSignal;
  /** Called after each solver iteration with the objective (for a live convergence chart). */
  onIteration?(iteration: number, objective: number): void | Promise<void>;
}

/** A term and its weight (log-odds per unit of TF-IDF). */
export interface TermWeight {
  term: string;
  weight: number;
}

/** How much one token of a text pushed its score (log-odds), n-grams shared among their words. */
export interface TokenAttribution {
  token: string;
  attribution: number;
}

/** Everything a saved text classifier needs besides its weights. */
export interface TextPipelineState {
  kind: 'tfidf-logistic';
  tokenizer: TokenizeOptions;
  vectorizer: TfidfState;
  options: Omit<TextClassifierOptions, 'tokenizer'>;
}

/** A fitted TF-IDF + logistic regression pipeline. */
export interface TextClassifier {
  readonly options: TextClassifierOptions;
  readonly vectorizer: TfidfModel;
  /** The logistic regression over the TF-IDF columns. */
  readonly logistic: LogisticRegression;
  /** The tfjs model holding the weights (so the kernel frees it when a cell re-runs). */
  readonly model: tf.LayersModel;
  /** How the solver went (null for a loaded model). */
  readonly fitReport: LogisticFitReport | null;
  /** The pipeline's own tokeniser: the one used for training, serving and explanations. */
  tokenize(text: string): string[];
  /** TF-IDF rows of texts, as a sparse matrix. */
  vectorize(texts: readonly string[]): CsrMatrix;
  /** Probability of "positive" for each text. */
  predictProba(texts: readonly string[]): Float32Array;
  /** 0/1 labels at a threshold (default 0.5). */
  predict(texts: readonly string[], threshold?: number): number[];
  /** The terms with the largest positive and negative weights. */
  topTerms(k: number): { positive: TermWeight[]; negative: TermWeight[] };
  /** Each token's share of the text's log-odds (weight × TF-IDF of every n-gram it is in, split evenly). */
  explain(text: string): { tokens: TokenAttribution[]; bias: number; logOdds: number };
  /** Share of a text's tokens the vocabulary does not know. */
  unknownShare(text: string): number;
  /** JSON for the preprocessing (tokeniser and vectoriser), saved beside the weights. */
  pipelineState(): TextPipelineState;
  dispose(): void;
}

function checkTexts(texts: readonly string[], caller: string): void {
  if (!Array.isArray(texts)) throw new MlError('wrong-type', `${caller} needs an array of texts.`);
  texts.forEach((t, i) => {
    if (typeof t !== 'string') throw new MlError('wrong-type', `${caller}: text ${i} is ${typeof t}, not a string.`);
  });
}

function buildClassifier(state: TextPipelineState, vectorizer: TfidfModel, logistic: LogisticRegression, fitReport: LogisticFitReport | null): TextClassifier {
  const tokenizerOptions = { ...state.tokenizer };
  const cut = (text: string): string[] => tokenize(text, tokenizerOptions);
  const vectorize = (texts: readonly string[]): CsrMatrix => {
    checkTexts(texts, 'vectorize()');
    return vectorizer.transformSparse(texts.map(cut));
  };
  const [lo, hi] = vectorizer.ngramRange;
  const weightsOf = (): { weights: number[]; bias: number } => {
    const c = logistic.coefficients();
    return { weights: c.weights, bias: c.bias };
  };
  return {
    options: { ...state.options, tokenizer: tokenizerOptions },
    vectorizer,
    logistic,
    model: logistic.model,
    fitReport,
    tokenize: cut,
    vectorize,
    predictProba: (texts) => logistic.predictProba(vectorize(texts)),
    predict: (texts, threshold = 0.5) => Array.from(logistic.predictProba(vectorize(texts)), (p) => (p >= threshold ? 1 : 0)),
    topTerms(k) {
      const { weights } = weightsOf();
      const ranked = weights.map((weight, j) => ({ term: vectorizer.vocabulary[j], weight })).sort((a, b) => b.weight - a.weight);
      return { positive: ranked.slice(0, k), negative: ranked.slice(-k).reverse() };
    },
    explain(text) {
      const tokens = cut(text);
      const { weights, bias } = weightsOf();
      const [row] = vectorizer.transform([tokens]);
      const share = new Array<number>(tokens.length).fill(0);
      let logOdds = bias;
      for (let n = lo; n <= hi; n++) {
        const seen = new Set<string>();
        for (let i = 0; i + n <= tokens.length; i++) {
          const term = tokens.slice(i, i + n).join(' ');
          const j = vectorizer.index.get(term);
          if (j === undefined || seen.has(term)) continue;
          // A term that occurs twice has one TF-IDF value: share it among all its occurrences.
          seen.add(term);
          const starts: number[] = [];
          for (let s = 0; s + n <= tokens.length; s++) if (tokens.slice(s, s + n).join(' ') === term) starts.push(s);
          const contribution = row[j] * weights[j];
          logOdds += contribution;
          for (const s of starts) for (let w = s; w < s + n; w++) share[w] += contribution / (n * starts.length);
        }
      }
      return { tokens: tokens.map((token, i) => ({ token, attribution: share[i] })), bias, logOdds };
    },
    unknownShare(text) {
      const tokens = cut(text);
      return tokens.length === 0 ? 0 : tokens.filter((t) => !vectorizer.index.has(t)).length / tokens.length;
    },
    pipelineState: () => ({ ...state, tokenizer: { ...tokenizerOptions }, vectorizer: vectorizer.toJSON() }),
    dispose: () => logistic.dispose(),
  };
}

/**
 * Fits the whole pipeline on labelled texts: tokenise, learn the TF-IDF vocabulary and idf from
 * these texts only, then fit the logistic regression exactly (L-BFGS). With the defaults it is
 * scikit-learn's `TfidfVectorizer(ngram_range=(1, 2))` + `LogisticRegression(C=1)`.
 */
export async function fitTextClassifier(
  texts: readonly string[],
  labels: readonly number[],
  options: TextClassifierOptions = {},
  control: TextFitControl = {},
): Promise<TextClassifier> {
  checkTexts(texts, 'fitTextClassifier()');
  if (labels.length !== texts.length) {
    throw new MlError('shape-mismatch', `fitTextClassifier(): ${texts.length} texts but ${labels.length} labels; give one label per text.`);
  }
  const { tokenizer = {}, ngramRange = [1, 2], minDf = 1, maxFeatures, sublinearTf = false, C = 1, classWeight } = options;
  const tokens = texts.map((t) => tokenize(t, tokenizer));
  const vectorizer = fitTfidf(tokens, { ngramRange, minDf, maxFeatures, sublinearTf });
  const model = createLogisticRegression({ C, featureNames: vectorizer.vocabulary });
  try {
    const report = await model.fit(vectorizer.transformSparse(tokens), labels.slice(), {
      classWeight,
      signal: control.signal,
      onIteration: control.onIteration,
    });
    const state: TextPipelineState = {
      kind: 'tfidf-logistic',
      tokenizer: { ...tokenizer },
      vectorizer: vectorizer.toJSON(),
      options: { ngramRange, minDf, maxFeatures, sublinearTf, C, classWeight },
    };
    return buildClassifier(state, vectorizer, model, report);
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** Saves the weights at `url` with the tokeniser and the vectoriser in the metadata. */
export async function saveTextClassifier(classifier: TextClassifier, url: string, metadata: ServingMetadata = {}): Promise<SaveInfo> {
  return saveModel(classifier.logistic, url, { ...metadata, preprocessing: classifier.pipelineState() });
}

/** True for the preprocessing object {@link saveTextClassifier} writes. */
export function isTextPipelineState(value: unknown): value is TextPipelineState {
  const v = value as Partial<TextPipelineState> | null;
  return v?.kind === 'tfidf-logistic' && typeof v.vectorizer === 'object' && typeof v.tokenizer === 'object';
}

/** Loads a classifier saved by {@link saveTextClassifier}: the same tokeniser, vocabulary, idf and weights. */
export async function loadTextClassifier(url: string): Promise<TextClassifier & { readonly metadata: ServingMetadata }> {
  const served = await loadModel(url);
  const state = served.metadata.preprocessing;
  if (!isLogisticRegression(served) || !isTextPipelineState(state)) {
    served.dispose();
    throw new MlError('wrong-type', `The model at "${url}" is not a TF-IDF text classifier saved by saveTextClassifier().`);
  }
  const classifier = buildClassifier(state, restoreTfidf(state.vectorizer), served, null);
  return Object.assign(classifier, { metadata: served.metadata });
}
