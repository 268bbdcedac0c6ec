/**
 * One training loop for every model in the toolkit: the classifiers (logistic regression, MLP,
 * text model), any compiled `tf.LayersModel` a learner builds (through `model.fit`), and models
 * with their own update rule (matrix factorisation, via `trainStep`). All paths share validation
 * splits, class weights, early stopping, abort and progress callbacks.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import type { Matrix } from '../core/types';
import { assertMatrix, assertTargets } from '../core/assert';
import { isCsrMatrix } from '../core/sparse';
import { computeClassWeights, splitValidation } from './data';
import { trainLayers } from './layers';
import { EarlyStopper, finishEpoch } from './early-stopping';
import { maybeYield } from '../core/yield';
import type { FitTrainable, StepTrainable, TrainData, TrainHistory, TrainLogs, TrainOptions, TrainResult, Trainable } from './types';

/**
 * Trains `model` on `data` and reports progress through callbacks. Epochs are numbered from 0, as
 * in Keras. Resolves (never throws) when aborted; throws MlError for bad input.
 */
export async function train(model: Trainable, data: TrainData, options: TrainOptions): Promise<TrainResult> {
  checkOptions(options);
  const history: TrainHistory = { epoch: [], loss: [] };
  let result: TrainResult = { history, epochs: 0, stoppedEarly: false, aborted: false };
  try {
    if (options.signal?.aborted) return (result = { ...result, aborted: true });
    if (isStepTrainable(model)) return (result = await trainSteps(model, data, options, result));
    const fitModel: FitTrainable = model instanceof tf.LayersModel ? { model } : model;
    if (fitModel.build) fitModel.build(inputWidth(data.x));
    if (!fitModel.model.optimizer) {
      throw new MlError('bad-argument', 'This LayersModel is not compiled: call model.compile({ optimizer, loss }) before train().');
    }
    return (result = await trainLayers(fitModel, data, options, result));
  } finally {
    await options.onTrainEnd?.(result);
  }
}

/** Width of one training row, for models that build themselves from the data. */
function inputWidth(x: TrainData['x']): number {
  if (x instanceof tf.Tensor) return x.shape[1] ?? 1;
  if (isCsrMatrix(x)) return x.shape[1];
  if (!Array.isArray(x) || x.length === 0 || !Array.isArray(x[0])) assertMatrix(x, 'X');
  return x[0].length;
}

/** Returns true for models that bring their own `trainStep`. */
export function isStepTrainable(model: unknown): model is StepTrainable {
  return typeof (model as StepTrainable | null)?.trainStep === 'function';
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
      throw new MlError(
        'bad-argument',
        "earlyStopping monitors 'val_loss' but no validation data was given: pass validation (rows or a fraction) or monitor 'loss'.",
      );
    }
  }
}

async function trainSteps(model: StepTrainable, data: TrainData, options: TrainOptions, result: TrainResult): Promise<TrainResult> {
  if (data.x instanceof tf.Tensor || data.y instanceof tf.Tensor || isCsrMatrix(data.x)) {
    throw new MlError('wrong-type', 'This model trains on plain arrays: pass x as number[][] and y as number[], not tensors or sparse matrices.');
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
    if (v.x instanceof tf.Tensor || v.y instanceof tf.Tensor || isCsrMatrix(v.x)) {
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
  await options.onTrainBegin?.({ epochs: options.epochs, samples: x.length, batchesPerEpoch: Math.ceil(x.length / batchSize) });
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const order = (options.shuffle ?? true) ? rng.shuffle(indices) : indices;
      let total = 0;
      for (let start = 0, batch = 0; start < order.length; start += batchSize, batch++) {
        const idx = order.slice(start, start + batchSize);
        const by = idx.map((i) => y[i]);
        const weights = weightOf ? by.map((label) => weightOf[label]) : undefined;
        const loss = model.trainStep(
          idx.map((i) => x[i]),
          by,
          weights,
        );
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
