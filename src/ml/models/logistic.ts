/**
 * Logistic regression as a one-unit tfjs layer with a sigmoid: the same wrapper as the MLP, plus
 * readable coefficients. Penalties follow tfjs: the loss is the mean log loss plus
 * l1·Σ|w| + l2·Σw² (the bias is not penalised, as in scikit-learn). scikit-learn's
 * `C` corresponds to l2 = 1 / (2·C·n) for n training rows.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import { assertRange, assertWhole } from '../core/assert';
import { wrapClassifier } from './classifier';
import type { BinaryClassifier, ClassifierConfig } from './classifier';

/** Options of `createLogisticRegression()`. */
export interface LogisticOptions {
  inputDim: number;
  /** L1 penalty (drives weights of useless features towards 0). */
  l1?: number;
  /** L2 penalty (shrinks all weights). */
  l2?: number;
  learningRate?: number;
  /** Names of the input columns, used by `coefficients()`. */
  featureNames?: string[];
}

/** Weights and bias of a logistic regression, with the feature each weight belongs to. */
export interface LogisticCoefficients {
  bias: number;
  weights: number[];
  names: string[];
}

/** A logistic regression: a BinaryClassifier whose weights read as log-odds per unit of a feature. */
export interface LogisticRegression extends BinaryClassifier {
  /** The learned weights and bias (named after `featureNames`, else x0, x1, …). */
  coefficients(featureNames?: string[]): LogisticCoefficients;
}

/**
 * Converts scikit-learn's inverse regularisation strength C into this toolkit's `l2` for `n`
 * training rows: scikit-learn minimises C·Σ logloss + ½‖w‖², i.e. mean logloss + ‖w‖²/(2Cn).
 */
export function l2FromC(c: number, n: number): number {
  if (!(c > 0) || !(n > 0)) throw new MlError('bad-argument', `C and n must be positive (got C=${c}, n=${n}).`);
  return 1 / (2 * c * n);
}

/**
 * Creates a logistic regression for `inputDim` features. Weights start at zero (the loss is convex,
 * so the start does not matter and reruns repeat exactly). Adam optimiser, default rate 0.05.
 */
export function createLogisticRegression(options: LogisticOptions): LogisticRegression {
  const { inputDim, l1 = 0, l2 = 0, learningRate = 0.05 } = options;
  assertWhole('inputDim', inputDim);
  assertRange('l1', l1, 0, Infinity);
  assertRange('l2', l2, 0, Infinity);
  if (options.featureNames && options.featureNames.length !== inputDim) {
    throw new MlError('shape-mismatch', `featureNames has ${options.featureNames.length} names but inputDim is ${inputDim}.`);
  }
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      inputShape: [inputDim],
      kernelInitializer: 'zeros',
      kernelRegularizer: l1 > 0 || l2 > 0 ? tf.regularizers.l1l2({ l1, l2 }) : undefined,
    }),
  );
  return wrapLogistic(model, { kind: 'logistic', inputDim, learningRate, l1, l2, featureNames: options.featureNames });
}

/** Returns true when a classifier (e.g. one returned by `loadModel`) is a logistic regression. */
export function isLogisticRegression(model: BinaryClassifier): model is LogisticRegression {
  return model.kind === 'logistic' && typeof (model as Partial<LogisticRegression>).coefficients === 'function';
}

/** Wraps a one-unit sigmoid LayersModel (e.g. after loading) as a LogisticRegression. */
export function wrapLogistic(model: tf.LayersModel, config: ClassifierConfig): LogisticRegression {
  const base = wrapClassifier(model, config);
  return Object.assign(base, {
    coefficients(featureNames?: string[]): LogisticCoefficients {
      if (base.disposed) throw new MlError('not-fitted', 'This model has been disposed: create or load a new one.');
      const [kernel, bias] = model.getWeights();
      const weights = Array.from(kernel.dataSync());
      const names = featureNames ?? config.featureNames ?? weights.map((_, i) => `x${i}`);
      if (names.length !== weights.length) {
        throw new MlError('shape-mismatch', `Got ${names.length} feature names for ${weights.length} weights.`);
      }
      return { bias: bias.dataSync()[0], weights, names: names.slice() };
    },
  });
}
