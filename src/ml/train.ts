/**
 * One training loop for every model in the toolkit. Layers models (logistic regression, MLP, text
 * model, or any compiled `tf.LayersModel` a learner builds) train through `model.fit`; models with
 * their own update rule (matrix factorisation) expose `trainStep`. Both paths share validation
 * splits, class weights, early stopping, abort and progress callbacks.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from './errors';
import { createRng } from './random';
import type { Matrix } from './types';
import type { XYChartSpec } from './chart-spec';
import { assertMatrix, assertTargets, computeClassWeights, splitValidation } from './train-data';
import type { ClassWeight } from './train-data';

export { assertMatrix, assertTargets, assertBinaryLabels, computeClassWeights } from './train-data';
export type { ClassWeight } from './train-data';

/** Metrics at the end of a batch or an epoch: `loss`, `val_loss`, `acc`, `val_acc`, … */
export type TrainLogs = Record<string, number>;

/** Per-epoch metrics; `epoch` and `loss` are always present, the rest when measured. */
export interface TrainHistory {
  epoch: number[];
  loss: number[];
  [metric: string]: number[];
}

/** A model trained by tfjs `model.fit` (the wrappers in this toolkit, or a compiled LayersModel). */
export interface FitTrainable {
  readonly model: tf.LayersModel;
  /** Builds the model's input tensor from rows (float features or integer token ids). */
  toInput?(x: Matrix): tf.Tensor;
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

/** Yields to the event loop so an abort message (or a UI event) can be handled mid-training. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    // Unlike setTimeout(0), a message is not clamped to 4 ms after a few nested calls.
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

let lastYield = 0;
const YIELD_EVERY_MS = 15;

/** Yields at most every few milliseconds: often enough to stay responsive, rarely enough to be free. */
async function maybeYield(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < YIELD_EVERY_MS) return;
  lastYield = now;
  await yieldToEventLoop();
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

/** Tracks the monitored value and decides when to stop; owns the best-weights snapshot. */
class EarlyStopper {
  private best = Infinity;
  private wait = 0;
  private saved: tf.Tensor[] | null = null;
  bestEpoch = -1;

  constructor(
    private readonly config: EarlyStopping,
    private readonly snapshot: () => tf.Tensor[],
  ) {}

  /** Returns true when training should stop after this epoch. */
  update(epoch: number, logs: TrainLogs): boolean {
    const value = logs[this.config.monitor ?? 'val_loss'];
    if (value === undefined || Number.isNaN(value)) return false;
    if (value < this.best - (this.config.minDelta ?? 0)) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.config.restoreBest ?? true) {
        tf.dispose(this.saved ?? []);
        this.saved = this.snapshot();
      }
      return false;
    }
    this.wait++;
    return this.wait >= this.config.patience;
  }

  /** The best weights, when kept. */
  bestWeights(): tf.Tensor[] | null {
    return this.saved;
  }

  dispose(): void {
    tf.dispose(this.saved ?? []);
    this.saved = null;
  }
}

async function trainLayers(
  trainable: FitTrainable,
  data: TrainData,
  options: TrainOptions,
  result: TrainResult,
): Promise<TrainResult> {
  const { model } = trainable;
  const owned: tf.Tensor[] = [];
  const toInput = (x: Matrix | tf.Tensor): tf.Tensor => {
    if (x instanceof tf.Tensor) return x;
    trainable.checkInput?.(x);
    if (!trainable.checkInput) assertMatrix(x, 'X');
    const t = trainable.toInput ? trainable.toInput(x) : tf.tensor2d(x);
    owned.push(t);
    return t;
  };
  const toTarget = (y: number[] | tf.Tensor, n: number): tf.Tensor => {
    if (y instanceof tf.Tensor) return y;
    assertTargets(y, n);
    const t = tf.tensor2d(y, [y.length, 1]);
    owned.push(t);
    return t;
  };
  const stopper = options.earlyStopping
    ? new EarlyStopper(options.earlyStopping, () => model.getWeights().map((w) => w.clone()))
    : null;
  try {
    let x = toInput(data.x);
    let y = toTarget(data.y, x.shape[0]);
    if (x.shape[0] !== y.shape[0]) {
      throw new MlError('shape-mismatch', `X has ${x.shape[0]} rows but y has ${y.shape[0]} values: give one target per row.`);
    }
    if (x.shape[0] === 0) throw new MlError('empty-data', 'No training rows: X is empty.');
    let labels = Array.from(y.dataSync());
    const rng = createRng(options.seed ?? 42);
    let validationData: [tf.Tensor, tf.Tensor] | undefined;
    const v = options.validation;
    if (typeof v === 'number') {
      const { train: trainIdx, validation: valIdx } = splitValidation(labels, v, rng);
      const gather = (t: tf.Tensor, idx: number[]): tf.Tensor => {
        const out = tf.tidy(() => tf.gather(t, tf.tensor1d(idx, 'int32')));
        owned.push(out);
        return out;
      };
      validationData = [gather(x, valIdx), gather(y, valIdx)];
      [x, y] = [gather(x, trainIdx), gather(y, trainIdx)];
      labels = trainIdx.map((i) => labels[i]);
    } else if (v !== undefined) {
      const vx = toInput(v.x);
      validationData = [vx, toTarget(v.y, vx.shape[0])];
    }
    const classWeight = options.classWeight ? computeClassWeights(labels, options.classWeight) : undefined;
    const batchSize = options.batchSize ?? 32;
    const n = labels.length;
    const reshuffle = (options.shuffle ?? true) && batchSize < n;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      let epochX = x;
      let epochY = y;
      if (reshuffle) {
        const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
        [epochX, epochY] = tf.tidy(() => {
          const idx = tf.tensor1d(order, 'int32');
          return [tf.gather(x, idx), tf.gather(y, idx)];
        });
      }
      let logs: TrainLogs = {};
      let cut = false;
      try {
        await model.fit(epochX, epochY, {
          epochs: 1,
          batchSize,
          shuffle: false,
          verbose: 0,
          validationData,
          classWeight,
          yieldEvery: 'never',
          callbacks: {
            onBatchEnd: async (batch, batchLogs) => {
              await options.onBatch?.(batch, { ...(batchLogs as TrainLogs) });
              await maybeYield();
              if (options.signal?.aborted) {
                cut = true;
                model.stopTraining = true;
              }
            },
            onEpochEnd: async (_e, epochLogs) => {
              logs = { ...(epochLogs as TrainLogs) };
            },
          },
        });
      } finally {
        if (reshuffle) tf.dispose([epochX, epochY]);
      }
      if (cut) return { ...result, aborted: true };
      if (await finishEpoch(epoch, logs, options, result, stopper)) break;
    }
    const best = stopper?.bestWeights();
    if (result.stoppedEarly && best) model.setWeights(best);
    return result;
  } finally {
    stopper?.dispose();
    tf.dispose(owned);
  }
}

/** Records an epoch, calls back, checks abort and early stopping; returns true to stop. */
async function finishEpoch(
  epoch: number,
  logs: TrainLogs,
  options: TrainOptions,
  result: TrainResult,
  stopper: EarlyStopper | null,
): Promise<boolean> {
  const { history } = result;
  history.epoch.push(epoch);
  for (const [key, value] of Object.entries(logs)) {
    (history[key] ??= []).push(value);
  }
  result.epochs = epoch + 1;
  await options.onEpoch?.(epoch, logs);
  await yieldToEventLoop();
  if (stopper) {
    const stop = stopper.update(epoch, logs);
    result.bestEpoch = stopper.bestEpoch >= 0 ? stopper.bestEpoch : undefined;
    if (stop) {
      result.stoppedEarly = true;
      return true;
    }
  }
  if (options.signal?.aborted) {
    result.aborted = true;
    return true;
  }
  return false;
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
