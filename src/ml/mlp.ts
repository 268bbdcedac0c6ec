/**
 * Binary classifiers built on a tfjs LayersModel: the shared wrapper (plain arrays in,
 * probabilities out, leak-free disposal) and the multi-layer perceptron. Logistic regression and
 * the text model are built on the same wrapper.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from './errors';
import { createRng } from './random';
import type { Matrix } from './types';
import type { FitTrainable } from './train';
import { assertMatrix } from './train-data';
import { disposeLayersModel } from './dispose';
import { predictStore, storeFromMatrix } from './train-layers';

/** The model families the toolkit knows how to rebuild after loading. */
export type ClassifierKind = 'logistic' | 'mlp' | 'text' | 'layers';

/** JSON-safe description of a classifier, saved with it so `loadModel()` can rebuild the wrapper. */
export interface ClassifierConfig {
  kind: ClassifierKind;
  /** Width of one input row (features, or token positions for the text model). */
  inputDim: number;
  learningRate?: number;
  /** Rows hold integer token ids rather than float features. */
  integerInput?: boolean;
  /** Upper bound (exclusive) of token ids, for the text model. */
  vocabSize?: number;
  featureNames?: string[];
  [option: string]: unknown;
}

/** A trained or trainable binary classifier: rows in, probability of class 1 out. */
export interface BinaryClassifier extends FitTrainable {
  readonly kind: ClassifierKind;
  readonly config: ClassifierConfig;
  /** The tfjs model inside, for `model.summary()` and for the curious. */
  readonly model: tf.LayersModel;
  /** Probability of class 1 for each row, computed in batches inside `tf.tidy`. */
  predictProba(x: Matrix): Float32Array;
  /** 0/1 labels at a threshold (default 0.5). */
  predict(x: Matrix, threshold?: number): number[];
  /** Frees the weights and the optimizer's state; the model cannot be used afterwards. */
  dispose(): void;
  readonly disposed: boolean;
}

/** Options of `createMlp()`. */
export interface MlpOptions {
  inputDim: number;
  /** Units of each hidden layer (default [32, 16]). */
  hidden?: number[];
  /** Dropout rate after each hidden layer (default 0). */
  dropout?: number;
  /** L2 penalty on the kernels (default 0). */
  l2?: number;
  learningRate?: number;
  activation?: 'relu' | 'tanh' | 'elu';
  /** Seed of the initial weights and dropout masks (default 42). */
  seed?: number;
  featureNames?: string[];
}

/** Throws an MlError unless `value` is a whole number ≥ `min`. */
export function assertWhole(name: string, value: unknown, min = 1): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new MlError('bad-argument', `${name} must be a whole number ≥ ${min} (got ${String(value)}).`);
  }
}

/** Throws an MlError unless `value` is a number in [min, max). */
export function assertRange(name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value < max)) {
    throw new MlError('bad-argument', `${name} must be between ${min} and ${max} (got ${value}).`);
  }
}

/** Compiles `model` for binary classification with its own Adam optimizer. */
export function compileBinary(model: tf.LayersModel, learningRate: number): void {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
}

/**
 * Wraps a LayersModel with one sigmoid output as a BinaryClassifier. Compiles it when
 * `config.learningRate` is set and the model has no optimizer yet (e.g. after loading).
 */
export function wrapClassifier(model: tf.LayersModel, config: ClassifierConfig): BinaryClassifier {
  if (config.learningRate !== undefined && !model.optimizer) compileBinary(model, config.learningRate);
  let disposed = false;
  const checkInput = (x: Matrix): void => {
    if (disposed) throw new MlError('not-fitted', 'This model has been disposed: create or load a new one.');
    assertMatrix(x, 'X', config.inputDim);
    if (config.integerInput) checkTokenIds(x, config.vocabSize);
  };
  const inputDtype = config.integerInput ? 'int32' : 'float32';
  const classifier: BinaryClassifier = {
    kind: config.kind,
    config,
    model,
    checkInput,
    inputDtype,
    objective: 'binary-crossentropy',
    get disposed() {
      return disposed;
    },
    predictProba(x) {
      checkInput(x);
      return predictStore(model, storeFromMatrix(x, inputDtype));
    },
    predict(x, threshold = 0.5) {
      return Array.from(classifier.predictProba(x), (p) => (p >= threshold ? 1 : 0));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      disposeLayersModel(model);
    },
  };
  return classifier;
}

/** Derives independent integer seeds for tfjs initializers and dropout layers. */
export function createSeeds(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.int(0, 2 ** 31 - 1);
}

/**
 * Creates a multi-layer perceptron for binary classification: dense hidden layers (ReLU by
 * default, He initialisation), optional dropout and L2, one sigmoid output. Adam optimiser.
 */
export function createMlp(options: MlpOptions): BinaryClassifier {
  const { inputDim, hidden = [32, 16], dropout = 0, l2 = 0, learningRate = 0.01, activation = 'relu' } = options;
  assertWhole('inputDim', inputDim);
  hidden.forEach((units, i) => assertWhole(`hidden[${i}]`, units));
  assertRange('dropout', dropout, 0, 1);
  assertRange('l2', l2, 0, Infinity);
  const nextSeed = createSeeds(options.seed ?? 42);
  const regularizer = l2 > 0 ? tf.regularizers.l2({ l2 }) : undefined;
  const model = tf.sequential();
  hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation,
        inputShape: i === 0 ? [inputDim] : undefined,
        kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
        kernelRegularizer: regularizer,
      }),
    );
    if (dropout > 0) model.add(tf.layers.dropout({ rate: dropout, seed: nextSeed() }));
  });
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      inputShape: hidden.length === 0 ? [inputDim] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
      kernelRegularizer: regularizer,
    }),
  );
  return wrapClassifier(model, {
    kind: 'mlp',
    inputDim,
    learningRate,
    hidden,
    dropout,
    l2,
    activation,
    featureNames: options.featureNames,
  });
}

function checkTokenIds(x: Matrix, vocabSize: number | undefined): void {
  for (let i = 0; i < x.length; i++) {
    for (const id of x[i]) {
      if (!Number.isInteger(id) || id < 0 || (vocabSize !== undefined && id >= vocabSize)) {
        throw new MlError(
          'bad-argument',
          `Token id ${id} in row ${i} is outside the vocabulary (0…${(vocabSize ?? 1) - 1}): encode texts with the same vocabulary the model was built for.`,
        );
      }
    }
  }
}
