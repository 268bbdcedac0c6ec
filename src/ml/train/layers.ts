/**
 * Training a tfjs LayersModel: the toolkit's binary classifiers take one optimiser step per batch
 * cut from a row store; any other compiled LayersModel still goes through `model.fit`, fed with
 * batches cut the same way.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import type { Matrix } from '../core/types';
import { assertBinaryLabels, assertMatrix, assertTargets } from '../core/assert';
import { computeClassWeights, splitValidation } from './data';
import { EarlyStopper, finishEpoch } from './early-stopping';
import { maybeYield } from '../core/yield';
import type { FitTrainable, TrainData, TrainLogs, TrainOptions, TrainResult } from './types';
import { labelsOf, predictStore, rowsTensor, selectRows, storeFromCsr, storeFromMatrix, storeFromTargets, storeFromTensor, type RowStore } from './row-store';
import { assertCsr, isCsrMatrix, type CsrMatrix } from '../core/sparse';

/** Loss and accuracy of one batch or one pass over a data set. */
export interface BinaryMetrics {
  loss: number;
  acc: number;
}

/** Keras' clipping of probabilities in binary cross-entropy, so log(0) never happens. */
const EPSILON = 1e-7;

/**
 * One optimiser step of a sigmoid-output model on binary cross-entropy (times per-row weights when
 * given), plus the layers' regularisation penalties. Returns the batch's data loss (penalty
 * excluded, so it compares with val_loss) and accuracy.
 */
export function stepBinary(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, weights: tf.Tensor | null, hooks: StepHooks = {}): BinaryMetrics {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let dataLoss: tf.Scalar | undefined;
  let correct: tf.Scalar | undefined;
  const forward = hooks.forward ?? ((batch: tf.Tensor) => model.apply(batch, { training: true }) as tf.Tensor);
  model.optimizer.minimize(
    () => {
      const p = tf.clipByValue(forward(x).reshape([-1]), EPSILON, 1 - EPSILON);
      const t = y.reshape([-1]);
      const bce = tf.neg(tf.add(tf.mul(t, tf.log(p)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, p)))));
      const data = tf.mean(weights ? tf.mul(bce, weights) : bce) as tf.Scalar;
      dataLoss = tf.keep(tf.clone(data)); // minimize() disposes the returned cost, which may be `data` itself
      correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.greaterEqual(p, 0.5), tf.greaterEqual(t, 0.5)), 'float32')) as tf.Scalar);
      const penalties = model.calculateLosses();
      if (hooks.penalty) penalties.push(hooks.penalty());
      return penalties.length > 0 ? (tf.addN([data, ...penalties]) as tf.Scalar) : data;
    },
    false,
    variables,
  );
  try {
    return { loss: dataLoss ? dataLoss.dataSync()[0] : NaN, acc: correct ? correct.dataSync()[0] / y.shape[0] : NaN };
  } finally {
    tf.dispose([dataLoss, correct].filter((t): t is tf.Scalar => t !== undefined));
  }
}

/** What a model may change about {@link stepBinary}: its forward pass and an extra penalty. */
export interface StepHooks {
  /** Probabilities of the batch (default: `model.apply(x, { training: true })`). */
  forward?(x: tf.Tensor): tf.Tensor;
  /** A penalty added to the batch's loss (beside the layers' own regularisers). */
  penalty?(): tf.Scalar;
}

/** Unweighted binary cross-entropy and accuracy of the model on a data set (for val_loss, val_acc). */
export function evaluateBinary(model: tf.LayersModel, x: RowStore, y: RowStore): BinaryMetrics {
  const probs = predictStore(model, x);
  let loss = 0;
  let correct = 0;
  probs.forEach((raw, i) => {
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, raw));
    const t = y.values[i];
    loss -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
    if (p >= 0.5 === t >= 0.5) correct++;
  });
  return { loss: loss / x.n, acc: correct / x.n };
}

/**
 * Trains a layers model (see `train()`): the toolkit's classifiers by their own binary
 * cross-entropy steps, any other compiled LayersModel one `model.fit` epoch at a time.
 */
export async function trainLayers(trainable: FitTrainable, data: TrainData, options: TrainOptions, result: TrainResult): Promise<TrainResult> {
  const { model } = trainable;
  const binary = trainable.objective === 'binary-crossentropy';
  const toStore = (x: Matrix | tf.Tensor | CsrMatrix, what: string): RowStore => {
    if (x instanceof tf.Tensor) return storeFromTensor(x);
    if (isCsrMatrix(x)) {
      if (trainable.inputDtype === 'int32') {
        throw new MlError('wrong-type', `${what} is a sparse matrix, but this model reads token ids: pass padded id rows (textsToSequences + padSequences).`);
      }
      assertCsr(x, what, model.inputs[0].shape[1] ?? undefined);
      return storeFromCsr(x);
    }
    if (trainable.checkInput) trainable.checkInput(x);
    else assertMatrix(x, what);
    return storeFromMatrix(x, trainable.inputDtype ?? 'float32');
  };
  const toTargets = (y: number[] | tf.Tensor, n: number, what: string): RowStore => {
    if (y instanceof tf.Tensor) return storeFromTensor(y);
    assertTargets(y, n, what);
    if (binary) assertBinaryLabels(y, what);
    return storeFromTargets(y);
  };
  let x = toStore(data.x, 'X');
  let y = toTargets(data.y, x.n, 'y');
  if (x.n !== y.n) {
    throw new MlError('shape-mismatch', `X has ${x.n} rows but y has ${y.n} values: give one target per row.`);
  }
  if (x.n === 0) throw new MlError('empty-data', 'No training rows: X is empty.');
  const rng = createRng(options.seed ?? 42);
  let val: { x: RowStore; y: RowStore } | null = null;
  const v = options.validation;
  if (typeof v === 'number') {
    const split = splitValidation(labelsOf(y), v, rng);
    val = { x: selectRows(x, split.validation), y: selectRows(y, split.validation) };
    [x, y] = [selectRows(x, split.train), selectRows(y, split.train)];
  } else if (v !== undefined) {
    const vx = toStore(v.x, 'validation X');
    val = { x: vx, y: toTargets(v.y, vx.n, 'validation y') };
  }
  const labels = labelsOf(y);
  const classWeight = options.classWeight ? computeClassWeights(labels, options.classWeight) : undefined;
  const rowWeights = classWeight ? Float32Array.from(labels, (l) => classWeight[l]) : null;
  const penalty = trainable.penalty?.(x.n) ?? undefined;
  const hooks: StepHooks = { forward: trainable.forward, penalty };
  const batchSize = Math.min(options.batchSize ?? 32, x.n);
  const all = Array.from({ length: x.n }, (_, i) => i);
  const shuffle = options.shuffle !== false && batchSize < x.n;
  await options.onTrainBegin?.({ epochs: options.epochs, samples: x.n, batchesPerEpoch: Math.ceil(x.n / batchSize) });
  const batchOf = (idx: number[]): BatchTensors => ({
    x: rowsTensor(x, idx),
    y: rowsTensor(y, idx),
    w: rowWeights ? tf.tensor1d(idx.map((i) => rowWeights[i])) : null,
  });
  // Rows that are fed whole (one full batch, or model.fit without shuffling) are packed once.
  const cached: BatchTensors | null = batchSize >= x.n || (!binary && !shuffle) ? batchOf(all) : null;
  const valTensors = val && !binary ? [rowsTensor(val.x), rowsTensor(val.y)] : null;
  const stopper = options.earlyStopping ? new EarlyStopper(options.earlyStopping, () => model.getWeights().map((w) => w.clone())) : null;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const order = shuffle ? rng.shuffle(all) : all;
      let logs: TrainLogs;
      if (binary) {
        let loss = 0;
        let correct = 0;
        for (let start = 0, batch = 0; start < x.n; start += batchSize, batch++) {
          const idx = order.slice(start, start + batchSize);
          const reuse = cached !== null && batchSize >= x.n;
          const tensors = reuse ? cached : batchOf(idx);
          let metrics: BinaryMetrics;
          try {
            metrics = stepBinary(model, tensors.x, tensors.y, tensors.w, hooks);
          } finally {
            if (!reuse) disposeBatch(tensors);
          }
          loss += metrics.loss * idx.length;
          correct += metrics.acc * idx.length;
          await options.onBatch?.(batch, { batch, size: idx.length, loss: metrics.loss, acc: metrics.acc });
          await maybeYield();
          if (options.signal?.aborted) return { ...result, aborted: true };
        }
        logs = { loss: loss / x.n, acc: correct / x.n };
        if (val) {
          const m = evaluateBinary(model, val.x, val.y);
          Object.assign(logs, { val_loss: m.loss, val_acc: m.acc });
        }
      } else {
        const fitted = await fitEpoch(model, cached ? [cached.x, cached.y] : [rowsTensor(x, order), rowsTensor(y, order)], !cached, {
          batchSize,
          classWeight,
          validationData: valTensors ? [valTensors[0], valTensors[1]] : undefined,
          options,
        });
        if (fitted.aborted) return { ...result, aborted: true };
        logs = fitted.logs;
      }
      if (await finishEpoch(epoch, logs, options, result, stopper)) break;
    }
    const best = stopper?.bestWeights();
    if (result.stoppedEarly && best) model.setWeights(best);
    return result;
  } finally {
    stopper?.dispose();
    if (cached) disposeBatch(cached);
    tf.dispose(valTensors ?? []);
  }
}

/** Inputs, 0/1 targets and optional row weights of one batch. */
interface BatchTensors {
  x: tf.Tensor;
  y: tf.Tensor;
  w: tf.Tensor | null;
}

function disposeBatch(batch: BatchTensors): void {
  tf.dispose([batch.x, batch.y, ...(batch.w ? [batch.w] : [])]);
}

/** One epoch of `model.fit` for models compiled with their own loss; disposes the batch tensors when asked. */
async function fitEpoch(
  model: tf.LayersModel,
  [xs, ys]: [tf.Tensor, tf.Tensor],
  disposeAfter: boolean,
  settings: {
    batchSize: number;
    classWeight?: Record<number, number>;
    validationData?: [tf.Tensor, tf.Tensor];
    options: TrainOptions;
  },
): Promise<{ logs: TrainLogs; aborted: boolean }> {
  const { options } = settings;
  let logs: TrainLogs = {};
  let aborted = false;
  try {
    await model.fit(xs, ys, {
      epochs: 1,
      batchSize: settings.batchSize,
      shuffle: false,
      verbose: 0,
      validationData: settings.validationData,
      classWeight: settings.classWeight,
      yieldEvery: 'never',
      callbacks: {
        onBatchEnd: async (batch, batchLogs) => {
          await options.onBatch?.(batch, { ...(batchLogs as TrainLogs) });
          await maybeYield();
          if (options.signal?.aborted) {
            aborted = true;
            model.stopTraining = true;
          }
        },
        onEpochEnd: async (_e, epochLogs) => {
          logs = { ...(epochLogs as TrainLogs) };
        },
      },
    });
  } finally {
    if (disposeAfter) tf.dispose([xs, ys]);
  }
  return { logs, aborted };
}
