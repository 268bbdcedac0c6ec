/**
 * The multi-layer perceptron for binary classification: dense hidden layers, optional dropout and
 * L2, one sigmoid output, built on the shared classifier wrapper.
 */
import * as tf from '@tensorflow/tfjs';
import { createSeeds, type BinaryClassifier, wrapClassifier } from './classifier';
import { assertRange, assertWhole } from '../core/assert';

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
