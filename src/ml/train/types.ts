/**
 * The shapes training is described in: what can be trained (a LayersModel, a model with `fit`,
 * or one with its own `trainStep`), the data, the options and the result with its history.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../core/types';
import type { CsrMatrix } from '../core/sparse';
import type { ClassWeight } from './data';

/**
 * Metrics at the end of a batch or an epoch: `loss`, `val_loss`, `acc`, `val_acc`, … For the
 * toolkit's models `loss` is the data loss (class-weighted when asked) without the L1/L2 penalty,
 * so it compares directly with `val_loss`; `model.fit` (other LayersModels) adds the penalty.
 */
export type TrainLogs = Record<string, number>;

/** Per-epoch metrics; `epoch` and `loss` are always present, the rest when measured. */
export interface TrainHistory {
  epoch: number[];
  loss: number[];
  [metric: string]: number[];
}

/** A layers model: a toolkit classifier, or any compiled LayersModel (wrapped as `{ model }`). */
export interface FitTrainable {
  readonly model: tf.LayersModel;
  /** Element type of the input rows: float features (default) or integer token ids. */
  readonly inputDtype?: 'float32' | 'int32';
  /**
   * 'binary-crossentropy': train() takes the optimiser steps itself on that loss (sigmoid output).
   * Absent: train() calls `model.fit`, so the compiled loss and metrics apply.
   */
  readonly objective?: 'binary-crossentropy';
  /** Throws an MlError when rows do not fit the model (width, NaN, token range). */
  checkInput?(x: Matrix): void;
  /**
   * Called by `train()` with the width of the training rows before `model` is read, for models
   * that learn their input width from the data (a logistic regression created without inputDim).
   */
  build?(inputWidth: number): void;
  /**
   * The model's probabilities for a batch, used by the training step instead of `model.apply`
   * (the logistic regression multiplies by its variables directly: a Dense layer's fused matMul
   * also computes the unused ∂loss/∂X).
   */
  forward?(x: tf.Tensor): tf.Tensor;
  /** A penalty to add to each step's loss for `trainRows` training rows (scikit-learn's C), or null. */
  penalty?(trainRows: number): (() => tf.Scalar) | null;
}

/** A model with its own update rule; `train()` feeds it shuffled mini-batches. */
export interface StepTrainable {
  /** Called once before the first epoch, e.g. to set a global mean or check index ranges. */
  prepare?(x: Matrix, y: number[]): void;
  /** One optimisation step on a mini-batch; returns the batch's mean loss. */
  trainStep(x: Matrix, y: number[], sampleWeights?: number[]): number;
  /** Mean loss on rows without changing the weights. */
  evaluateLoss(x: Matrix, y: number[]): number;
  /** Copies of the current weights (the caller disposes them). */
  snapshot(): tf.Tensor[];
  /** Puts back weights taken by `snapshot()` (the caller still owns and disposes them). */
  restore(weights: tf.Tensor[]): void;
}

/** Anything `train()` can fit. */
export type Trainable = FitTrainable | StepTrainable | tf.LayersModel;

/**
 * Rows and targets; tensors are accepted for layers models and are never disposed by `train()`.
 * A CSR matrix (e.g. `tfidf.transformSparse(docs)`) is accepted for the toolkit's classifiers:
 * each batch is made dense on its way into tfjs (batchSize × columns floats), so keep batches
 * to a few hundred rows for wide text features, or use the logistic regression's `fit()`.
 */
export interface TrainData {
  x: Matrix | tf.Tensor | CsrMatrix;
  y: number[] | tf.Tensor;
}

/** Stops training when the monitored loss has not improved for `patience` epochs. */
export interface EarlyStopping {
  patience: number;
  monitor?: 'val_loss' | 'loss';
  /** Smallest decrease that counts as an improvement. */
  minDelta?: number;
  /** Put back the weights of the best epoch when stopping (default true). */
  restoreBest?: boolean;
}

/** Options of `train()`. */
export interface TrainOptions {
  epochs: number;
  batchSize?: number;
  /** Held-out rows, or the fraction of the training rows to hold out (stratified for 0/1 labels). */
  validation?: { x: Matrix | tf.Tensor | CsrMatrix; y: number[] | tf.Tensor } | number;
  earlyStopping?: EarlyStopping;
  /** Weights of each class in the loss, or 'balanced' (n / (classes × count), as scikit-learn). */
  classWeight?: ClassWeight;
  /** Reshuffle the rows every epoch (default true). */
  shuffle?: boolean;
  /** Seed for the validation split and the shuffles (default 42), so reruns repeat. */
  seed?: number;
  /** Aborting stops at the next batch end; train() then resolves with `aborted: true`. */
  signal?: AbortSignal;
  /** Called once before the first batch, with the size of the run (for a progress bar). */
  onTrainBegin?(plan: TrainPlan): void | Promise<void>;
  onEpoch?(epoch: number, logs: TrainLogs): void | Promise<void>;
  onBatch?(batch: number, logs: TrainLogs): void | Promise<void>;
  /** Called once when training ends for any reason: done, stopped early, aborted or failed. */
  onTrainEnd?(result: TrainResult): void | Promise<void>;
}

/** The size of a training run, known once the validation rows are held out. */
export interface TrainPlan {
  epochs: number;
  /** Training rows (after holding out validation rows). */
  samples: number;
  batchesPerEpoch: number;
}

/** What happened during `train()`. */
export interface TrainResult {
  history: TrainHistory;
  /** Completed epochs (an epoch cut short by an abort is not counted). */
  epochs: number;
  stoppedEarly: boolean;
  aborted: boolean;
  /** Epoch (0-based) with the best monitored loss, when early stopping was on. */
  bestEpoch?: number;
}
