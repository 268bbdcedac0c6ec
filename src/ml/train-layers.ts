/**
 * Tensor plumbing for training layers models. Rows live in one flat typed array and batches are
 * cut by copying rows, because tfjs's `gather` (which `model.fit` uses for every batch) costs about
 * 100 ns per element on the cpu backend: 0.5 s per epoch for 800 TF-IDF rows of 7,000 terms.
 * The toolkit's binary classifiers take one optimiser step per batch here; any other compiled
 * LayersModel still goes through `model.fit`, fed with batches cut the same way.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from './errors';
import { createRng } from './random';
import type { Matrix } from './types';
import { assertBinaryLabels, assertMatrix, assertTargets, computeClassWeights, splitValidation } from './train-data';
import { EarlyStopper, finishEpoch, maybeYield } from './train-loop';
import type { FitTrainable, TrainData, TrainLogs, TrainOptions, TrainResult } from './train';

/** Rows of a data set as one flat typed array; `rowShape` is the shape of one row. */
export interface RowStore {
  n: number;
  rowShape: number[];
  width: number;
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

/** Loss and accuracy of one batch or one pass over a data set. */
export interface BinaryMetrics {
  loss: number;
  acc: number;
}

/** Keras' clipping of probabilities in binary cross-entropy, so log(0) never happens. */
const EPSILON = 1e-7;
const PREDICT_CHUNK = 2048;

/** Packs a matrix (already checked) into a store. */
export function storeFromMatrix(x: Matrix, dtype: 'float32' | 'int32' = 'float32'): RowStore {
  const width = x.length > 0 ? x[0].length : 0;
  const values = dtype === 'int32' ? new Int32Array(x.length * width) : new Float32Array(x.length * width);
  x.forEach((row, i) => values.set(row, i * width));
  return { n: x.length, rowShape: [width], width, dtype, values };
}

/** Copies a tensor's rows into a store (the caller keeps and disposes the tensor). */
export function storeFromTensor(t: tf.Tensor): RowStore {
  if (t.rank === 0) throw new MlError('shape-mismatch', 'Expected a tensor with one row per example, got a scalar.');
  const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
  const data = t.dataSync();
  const values = dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data);
  const rowShape = t.rank === 1 ? [1] : t.shape.slice(1);
  return { n: t.shape[0], rowShape, width: rowShape.reduce((a, b) => a * b, 1), dtype, values };
}

/** Packs targets into a one-column store. */
export function storeFromTargets(y: readonly number[]): RowStore {
  return { n: y.length, rowShape: [1], width: 1, dtype: 'float32', values: Float32Array.from(y) };
}

/** A tensor holding the given rows, in order (all rows when `indices` is omitted). */
export function rowsTensor(store: RowStore, indices?: readonly number[]): tf.Tensor {
  if (!indices) return tf.tensor(store.values, [store.n, ...store.rowShape], store.dtype);
  const { width } = store;
  const out = store.dtype === 'int32' ? new Int32Array(indices.length * width) : new Float32Array(indices.length * width);
  indices.forEach((row, i) => out.set(store.values.subarray(row * width, (row + 1) * width), i * width));
  return tf.tensor(out, [indices.length, ...store.rowShape], store.dtype);
}

/** A new store with the given rows. */
export function selectRows(store: RowStore, indices: readonly number[]): RowStore {
  const { width } = store;
  const values = store.dtype === 'int32' ? new Int32Array(indices.length * width) : new Float32Array(indices.length * width);
  indices.forEach((row, i) => values.set(store.values.subarray(row * width, (row + 1) * width), i * width));
  return { ...store, n: indices.length, values };
}

/** Class labels of a target store: the value for one column, the arg-max for one-hot rows. */
export function labelsOf(store: RowStore): number[] {
  if (store.width === 1) return Array.from(store.values);
  return Array.from({ length: store.n }, (_, i) => {
    const row = store.values.subarray(i * store.width, (i + 1) * store.width);
    let best = 0;
    for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
    return best;
  });
}

/**
 * One optimiser step of a sigmoid-output model on binary cross-entropy (times per-row weights when
 * given), plus the layers' regularisation penalties. Returns the batch's data loss (penalty
 * excluded, so it compares with val_loss) and accuracy.
 */
export function stepBinary(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, weights: tf.Tensor | null): BinaryMetrics {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let dataLoss: tf.Scalar | undefined;
  let correct: tf.Scalar | undefined;
  model.optimizer.minimize(
    () => {
      const p = tf.clipByValue((model.apply(x, { training: true }) as tf.Tensor).reshape([-1]), EPSILON, 1 - EPSILON);
      const t = y.reshape([-1]);
      const bce = tf.neg(tf.add(tf.mul(t, tf.log(p)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, p)))));
      const data = tf.mean(weights ? tf.mul(bce, weights) : bce) as tf.Scalar;
      dataLoss = tf.keep(tf.clone(data)); // minimize() disposes the returned cost, which may be `data` itself
      correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.greaterEqual(p, 0.5), tf.greaterEqual(t, 0.5)), 'float32')) as tf.Scalar);
      const penalties = model.calculateLosses();
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

/** Probabilities of class 1 for every row of a store, in chunks inside `tf.tidy`. */
export function predictStore(model: tf.LayersModel, store: RowStore): Float32Array {
  const out = new Float32Array(store.n);
  for (let start = 0; start < store.n; start += PREDICT_CHUNK) {
    const idx = Array.from({ length: Math.min(PREDICT_CHUNK, store.n - start) }, (_, i) => start + i);
    const probs = tf.tidy(() => (model.predict(rowsTensor(store, idx)) as tf.Tensor).reshape([-1]));
    try {
      out.set(probs.dataSync(), start);
    } finally {
      probs.dispose();
    }
  }
  return out;
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
export async function trainLayers(
  trainable: FitTrainable,
  data: TrainData,
  options: TrainOptions,
  result: TrainResult,
): Promise<TrainResult> {
  const { model } = trainable;
  const binary = trainable.objective === 'binary-crossentropy';
  const toStore = (x: Matrix | tf.Tensor, what: string): RowStore => {
    if (x instanceof tf.Tensor) return storeFromTensor(x);
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
  const batchSize = Math.min(options.batchSize ?? 32, x.n);
  const all = Array.from({ length: x.n }, (_, i) => i);
  const shuffle = options.shuffle !== false && batchSize < x.n;
  const batchOf = (idx: number[]): BatchTensors => ({
    x: rowsTensor(x, idx),
    y: rowsTensor(y, idx),
    w: rowWeights ? tf.tensor1d(idx.map((i) => rowWeights[i])) : null,
  });
  // Rows that are fed whole (one full batch, or model.fit without shuffling) are packed once.
  const cached: BatchTensors | null = batchSize >= x.n || (!binary && !shuffle) ? batchOf(all) : null;
  const valTensors = val && !binary ? [rowsTensor(val.x), rowsTensor(val.y)] : null;
  const stopper = options.earlyStopping
    ? new EarlyStopper(options.earlyStopping, () => model.getWeights().map((w) => w.clone()))
    : null;
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
            metrics = stepBinary(model, tensors.x, tensors.y, tensors.w);
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
