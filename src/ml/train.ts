/**
 * One training loop for every model in the toolkit: the classifiers (logistic regression, MLP,
 * text model), any compiled `tf.LayersModel` a learner builds (through `model.fit`), and models
 * with their own update rule (matrix factorisation, via `trainStep`). All paths share validation
 * splits, class weights, early stopping, abort and progress callbacks.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from './errors';
import { createRng } from './random';
import type { Matrix } from './types';
import type { XYChartSpec } from './chart-spec';
import { assertMatrix, assertTargets, computeClassWeights, splitValidation } from './train-data';
import { trainLayers } from './train-layers';
import { EarlyStopper, finishEpoch, maybeYield } from './train-loop';
import type { ClassWeight } from './train-data';

export { assertMatrix, assertTargets, assertBinaryLabels, computeClassWeights } from './train-data';
export type { ClassWeight } from './train-data';
export { yieldToEventLoop } from './train-loop';

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

/** Rows and targets; tensors are accepted for layers models and are never disposed by `train()`. */
export interface TrainData {
  x: Matrix | tf.Tensor;
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
  validation?: { x: Matrix | tf.Tensor; y: number[] | tf.Tensor } | number;
  earlyStopping?: EarlyStopping;
  /** Weights of each class in the loss, or 'balanced' (n / (classes × count), as scikit-learn). */
  classWeight?: ClassWeight;
  /** Reshuffle the rows every epoch (default true). */
  shuffle?: boolean;
  /** Seed for the validation split and the shuffles (default 42), so reruns repeat. */
  seed?: number;
  /** Aborting stops at the next batch end; train() then resolves with `aborted: true`. */
  signal?: AbortSignal;
  onEpoch?(epoch: number, logs: TrainLogs): void | Promise<void>;
  onBatch?(batch: number, logs: TrainLogs): void | Promise<void>;
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

/**
 * Trains `model` on `data` and reports progress through callbacks. Epochs are numbered from 0, as
 * in Keras. Resolves (never throws) when aborted; throws MlError for bad input.
 */
export async function train(
  model: Trainable,
  data: TrainData,
  options: TrainOptions,
): Promise<TrainResult> {
  checkOptions(options);
  const history: TrainHistory = { epoch: [], loss: [] };
  const result: TrainResult = { history, epochs: 0, stoppedEarly: false, aborted: false };
  if (options.signal?.aborted) return { ...result, aborted: true };
  if (isStepTrainable(model)) return trainSteps(model, data, options, result);
  const fitModel: FitTrainable = model instanceof tf.LayersModel ? { model } : model;
  if (!fitModel.model.optimizer) {
    throw new MlError('bad-argument', 'This LayersModel is not compiled: call model.compile({ optimizer, loss }) before train().');
  }
  return trainLayers(fitModel, data, options, result);
}

/** Returns true for models that bring their own `trainStep`. */
export function isStepTrainable(model: unknown): model is StepTrainable {
  return typeof (model as StepTrainable | null)?.trainStep === 'function';
}

/** Draws the loss curves (and accuracy, when present) of a history as a line chart. */
export function historyChart(history: TrainHistory, metrics = ['loss', 'val_loss']): XYChartSpec {
  return {
    type: 'chart',
    kind: 'line',
    title: 'Training history',
    x: { label: 'epoch' },
    y: { label: metrics.join(' / ') },
    series: metrics
      .filter((m) => history[m] !== undefined)
      .map((m) => ({ label: m, x: history.epoch.slice(), y: history[m].slice(), dashed: m.startsWith('val_') })),
  };
}

function checkOptions(options: TrainOptions): void {
  if (!Number.isInteger(options.epochs) || options.epochs < 1) {
    throw new MlError('bad-argument', `epochs must be a whole number ≥ 1 (got ${options.epochs}).`);
  }
  const b = options.batchSize;
  if (b !== undefined && (!Number.isInteger(b) || b < 1)) {
    throw new MlError('bad-argument', `batchSize must be a whole number ≥ 1 (got ${b}).`);
  }
  const v = options.validation;
  if (typeof v === 'number' && !(v > 0 && v < 1)) {
    throw new MlError('bad-argument', `validation as a fraction must be between 0 and 1 (got ${v}), e.g. 0.2.`);
  }
  const es = options.earlyStopping;
  if (es) {
    if (!Number.isInteger(es.patience) || es.patience < 1) {
      throw new MlError('bad-argument', `earlyStopping.patience must be a whole number ≥ 1 (got ${es.patience}).`);
    }
    if ((es.monitor ?? 'val_loss') === 'val_loss' && v === undefined) {
      throw new MlError('bad-argument', "earlyStopping monitors 'val_loss' but no validation data was given: pass validation (rows or a fraction) or monitor 'loss'.");
    }
  }
}

async function trainSteps(
  model: StepTrainable,
  data: TrainData,
  options: TrainOptions,
  result: TrainResult,
): Promise<TrainResult> {
  if (data.x instanceof tf.Tensor || data.y instanceof tf.Tensor) {
    throw new MlError('wrong-type', 'This model trains on plain arrays: pass x as number[][] and y as number[], not tensors.');
  }
  const allX: Matrix = data.x;
  const allY: number[] = data.y;
  assertMatrix(allX, 'X');
  assertTargets(allY, allX.length);
  const rng = createRng(options.seed ?? 42);
  let x = allX;
  let y = allY;
  let valX: Matrix | null = null;
  let valY: number[] | null = null;
  const v = options.validation;
  if (typeof v === 'number') {
    const split = splitValidation(allY, v, rng);
    [valX, valY] = [split.validation.map((i) => allX[i]), split.validation.map((i) => allY[i])];
    [x, y] = [split.train.map((i) => allX[i]), split.train.map((i) => allY[i])];
  } else if (v !== undefined) {
    if (v.x instanceof tf.Tensor || v.y instanceof tf.Tensor) {
      throw new MlError('wrong-type', 'Validation data for this model must be plain arrays, not tensors.');
    }
    assertMatrix(v.x, 'validation X');
    assertTargets(v.y, v.x.length);
    [valX, valY] = [v.x, v.y];
  }
  const weightOf = options.classWeight ? computeClassWeights(y, options.classWeight) : null;
  model.prepare?.(x, y);
  const stopper = options.earlyStopping ? new EarlyStopper(options.earlyStopping, () => model.snapshot()) : null;
  const batchSize = options.batchSize ?? 32;
  const indices = Array.from({ length: x.length }, (_, i) => i);
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const order = (options.shuffle ?? true) ? rng.shuffle(indices) : indices;
      let total = 0;
      for (let start = 0, batch = 0; start < order.length; start += batchSize, batch++) {
        const idx = order.slice(start, start + batchSize);
        const by = idx.map((i) => y[i]);
        const weights = weightOf ? by.map((label) => weightOf[label]) : undefined;
        const loss = model.trainStep(idx.map((i) => x[i]), by, weights);
        total += loss * idx.length;
        await options.onBatch?.(batch, { batch, size: idx.length, loss });
        await maybeYield();
        if (options.signal?.aborted) return { ...result, aborted: true };
      }
      const logs: TrainLogs = { loss: total / order.length };
      if (valX && valY) logs.val_loss = model.evaluateLoss(valX, valY);
      if (await finishEpoch(epoch, logs, options, result, stopper)) break;
    }
    const best = stopper?.bestWeights();
    if (result.stoppedEarly && best) model.restore(best);
    return result;
  } finally {
    stopper?.dispose();
  }
}
