/**
 * A small text classifier: word embeddings, pooled over the sentence, then one sigmoid unit.
 * Rows are padded token-id sequences (0 = padding), as `padSequences` produces them. Pooling
 * ignores word order, which keeps the model small enough to train in seconds in a browser, and
 * it is **masked**: padding positions take no part in the mean (or max), so a 4-word review
 * padded to 40 is not diluted tenfold by the padding's vector, and pre- or post-padding give the
 * same score.
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

const MASKED_POOLING = 'FieldbookMaskedPooling1D';

/**
 * Mean or max of word vectors over the positions whose token id is not 0 (padding). Inputs are
 * `[embeddings (batch × len × dim), ids (batch × len)]`; a row of padding only pools to zeros.
 * Registered for serialisation, so saved text models load back with it.
 */
class MaskedPooling1D extends tf.layers.Layer {
  static className = MASKED_POOLING;
  readonly pooling: Pooling;

  constructor(args: { pooling: Pooling; name?: string }) {
    super(args);
    this.pooling = args.pooling;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [embedded] = inputShape as tf.Shape[];
    return [embedded[0], embedded[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [embedded, ids] = inputs as tf.Tensor[];
      const mask = tf.expandDims(tf.cast(tf.notEqual(ids, 0), 'float32'), 2);
      const count = tf.sum(mask, 1);
      if (this.pooling === 'mean') return tf.div(tf.sum(tf.mul(embedded, mask), 1), tf.maximum(count, 1));
      // Padding gets a very low value so it never wins the max; all-padding rows become 0.
      const pooled = tf.max(tf.add(tf.mul(embedded, mask), tf.mul(tf.sub(mask, 1), 1e9)), 1);
      return tf.mul(pooled, tf.cast(tf.greater(count, 0), 'float32'));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), pooling: this.pooling };
  }
}
tf.serialization.registerClass(MaskedPooling1D);

/** Creates an embedding → masked pooling → sigmoid classifier (Adam, default learning rate 0.01). */
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
  const ids = tf.input({ shape: [maxLen], dtype: 'int32', name: 'token_ids' });
  const embedded = tf.layers
    .embedding({
      inputDim: vocabSize,
      outputDim: embeddingDim,
      inputLength: maxLen,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: nextSeed() }),
    })
    .apply(ids) as tf.SymbolicTensor;
  let pooled = new MaskedPooling1D({ pooling }).apply([embedded, ids]) as tf.SymbolicTensor;
  if (dropout > 0) pooled = tf.layers.dropout({ rate: dropout, seed: nextSeed() }).apply(pooled) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }) })
    .apply(pooled) as tf.SymbolicTensor;
  const model = tf.model({ inputs: ids, outputs: output });
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
      // Older saved models are Sequential (the embedding first); newer ones start with the input layer.
      const layer = model.layers.find((l) => l.getClassName() === 'Embedding');
      if (!layer) throw new MlError('wrong-type', 'This text model has no embedding layer.');
      return layer.getWeights()[0].arraySync() as number[][];
    },
  });
}
