/**
 * A small text classifier: word embeddings, pooled over the sentence, then one sigmoid unit.
 * Rows are padded token-id sequences (0 = padding), as `padSequences` produces them. Pooling
 * ignores word order, which keeps the model small enough to train in seconds in a browser.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import { assertRange, assertWhole } from '../core/assert';
import { createSeeds, wrapClassifier } from './classifier';
import type { BinaryClassifier, ClassifierConfig } from './classifier';
import { installFastGatherGradient } from '../train/gather-gradient';

/** How the word vectors of a sentence are combined into one vector. */
export type Pooling = 'mean' | 'max';

/** Options of `createTextModel()`. */
export interface TextModelOptions {
  /** Number of token ids, padding (0) and out-of-vocabulary ids included. */
  vocabSize: number;
  /** Length of every padded sequence. */
  maxLen: number;
  embeddingDim?: number;
  pooling?: Pooling;
  /** Dropout rate on the pooled vector (default 0). */
  dropout?: number;
  learningRate?: number;
  /** Seed of the initial embeddings (default 42). */
  seed?: number;
}

/** An embedding classifier over padded token-id sequences. */
export interface TextModel extends BinaryClassifier {
  readonly vocabSize: number;
  readonly maxLen: number;
  /** The learned embedding matrix: one row of `embeddingDim` numbers per token id. */
  embeddings(): number[][];
}

/** Creates an embedding → pooling → sigmoid classifier (Adam, default learning rate 0.01). */
export function createTextModel(options: TextModelOptions): TextModel {
  const { vocabSize, maxLen, embeddingDim = 16, pooling = 'mean', dropout = 0, learningRate = 0.01 } = options;
  assertWhole('vocabSize', vocabSize, 2);
  assertWhole('maxLen', maxLen);
  assertWhole('embeddingDim', embeddingDim);
  assertRange('dropout', dropout, 0, 1);
  if (pooling !== 'mean' && pooling !== 'max') {
    throw new MlError('bad-argument', `pooling must be 'mean' or 'max' (got ${String(pooling)}).`);
  }
  const nextSeed = createSeeds(options.seed ?? 42);
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({
      inputDim: vocabSize,
      outputDim: embeddingDim,
      inputLength: maxLen,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: nextSeed() }),
    }),
  );
  model.add(pooling === 'mean' ? tf.layers.globalAveragePooling1d() : tf.layers.globalMaxPooling1d());
  if (dropout > 0) model.add(tf.layers.dropout({ rate: dropout, seed: nextSeed() }));
  model.add(
    tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }) }),
  );
  return wrapTextModel(model, {
    kind: 'text',
    inputDim: maxLen,
    integerInput: true,
    vocabSize,
    learningRate,
    embeddingDim,
    pooling,
    dropout,
  });
}

/** Returns true when a classifier (e.g. one returned by `loadModel`) is a text model. */
export function isTextModel(model: BinaryClassifier): model is TextModel {
  return model.kind === 'text' && typeof (model as Partial<TextModel>).embeddings === 'function';
}

/** Wraps an embedding LayersModel (e.g. after loading) as a TextModel. */
export function wrapTextModel(model: tf.LayersModel, config: ClassifierConfig): TextModel {
  // Without it, embedding training is slow on cpu and impossible on wasm (see train/gather-gradient.ts).
  installFastGatherGradient();
  const base = wrapClassifier(model, { ...config, integerInput: true });
  const vocabSize = config.vocabSize ?? 0;
  return Object.assign(base, {
    vocabSize,
    maxLen: config.inputDim,
    embeddings(): number[][] {
      if (base.disposed) throw new MlError('not-fitted', 'This model has been disposed: create or load a new one.');
      const matrix = model.layers[0].getWeights()[0];
      return matrix.arraySync() as number[][];
    },
  });
}
