/**
 * The live training view a cell gets with one call: loss and metric curves (validation beside
 * training), epoch progress, ETA. It spreads into the toolkit's `train()` options
 * (`train(model, data, { epochs, ...view })`: progress, Stop and the end of the run are wired by
 * that alone), plugs into `model.fit` as a tfjs callback (`view.callbacks`), and takes `onEpoch` /
 * `onBatch` calls from a learner's own loop.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainPlan } from '../ml/index';
import type { TrainingData } from './protocol';

/** Options for `display.training(...)`. */
export interface TrainingViewOptions {
  /** Planned epochs (for the progress bar and ETA). */
  epochs: number;
  /** Batches per epoch, when known up front (model.fit supplies it). */
  batchesPerEpoch?: number;
  title?: string;
  /**
   * The metrics to draw, e.g. `['loss']` (each with its `val_` twin); default: every number the
   * training reports. Accuracy misleads on rare classes, so a lesson may leave it out.
   */
  metrics?: readonly string[];
}

/** Per-epoch or per-batch numbers, as tfjs and the toolkit report them. */
export type Logs = Record<string, number | undefined>;

/**
 * The options a view lends to `train()`: these are its only enumerable properties, so spreading
 * the view into `train()`'s options passes exactly these.
 */
export interface TrainingViewOptionsForTrain {
  /** The cell's Stop signal: pressing Stop ends training at the next batch. */
  readonly signal: AbortSignal;
  /** Sets the planned epochs and batches (for the progress bar and ETA). */
  onTrainBegin(plan: TrainPlan): void;
  /** Call after each epoch of a custom loop (epoch counts from 0). */
  onEpoch(epoch: number, logs?: Logs): void;
  /** Call after each batch of a custom loop. */
  onBatch(batch: number, logs?: Logs): void;
  /** Marks the run done, or stopped when it was aborted (any result with `aborted`, e.g. a `TrainResult`). */
  onTrainEnd(result?: { aborted?: boolean }): void;
}

/** What `display.training(...)` returns. */
export interface TrainingView extends TrainingViewOptionsForTrain {
  /** Pass as `model.fit(x, y, { callbacks: view.callbacks })`. */
  readonly callbacks: tf.Callback;
  /** Marks the run finished, for a custom loop (`train()` and `model.fit` do it themselves). */
  finish(): void;
  /** The recorded history, metric name -> one value per epoch. */
  readonly history: Record<string, number[]>;
}

/**
 * Creates a training view. `open` posts the first state and returns the (throttled) updater;
 * `signal` is the run's abort signal.
 */
export function createTrainingView(
  options: TrainingViewOptions,
  signal: AbortSignal,
  open: (initial: TrainingData) => (data: TrainingData) => void,
): TrainingView {
  const started = Date.now();
  const data: TrainingData = {
    title: options.title,
    epochs: options.epochs,
    epoch: 0,
    batch: 0,
    batchesPerEpoch: options.batchesPerEpoch,
    history: {},
    metrics: options.metrics ? [...options.metrics] : undefined,
    elapsed: 0,
    state: 'running',
  };
  const send = open({ ...data, history: {} });

  const publish = () => {
    data.elapsed = (Date.now() - started) / 1000;
    const perEpoch = data.batchesPerEpoch && data.batchesPerEpoch > 0 ? (data.batch ?? 0) / data.batchesPerEpoch : 0;
    const done = Math.min(1, (data.epoch + perEpoch) / Math.max(1, data.epochs));
    data.eta = data.state === 'running' && done > 0 ? (data.elapsed / done) * (1 - done) : 0;
    send({ ...data, history: Object.fromEntries(Object.entries(data.history).map(([k, v]) => [k, v.slice()])) });
  };

  const shown = options.metrics ? new Set(options.metrics.flatMap((m) => [m, `val_${m}`])) : null;
  const onEpoch = (epoch: number, logs: Logs = {}) => {
    for (const [key, value] of Object.entries(logs)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || (shown && !shown.has(key))) continue;
      (data.history[key] ??= []).push(value);
    }
    data.epoch = epoch + 1;
    data.batch = 0;
    publish();
  };

  const onBatch = (batch: number, _logs?: Logs) => {
    data.batch = batch + 1;
    publish();
  };

  const finish = () => {
    if (data.state !== 'running') return;
    data.state = signal.aborted ? 'stopped' : 'done';
    publish();
  };

  const onTrainBegin = (plan: TrainPlan) => {
    data.epochs = plan.epochs;
    data.batchesPerEpoch = plan.batchesPerEpoch;
    publish();
  };

  const onTrainEnd = (result?: { aborted?: boolean }) => {
    if (result?.aborted && data.state === 'running') {
      data.state = 'stopped';
      publish();
    } else finish();
  };

  class ViewCallback extends tf.Callback {
    override async onTrainBegin(): Promise<void> {
      const params = this.params as { epochs?: number; steps?: number | null; samples?: number; batchSize?: number };
      if (params.epochs) data.epochs = params.epochs;
      const steps = params.steps ?? (params.samples && params.batchSize ? Math.ceil(params.samples / params.batchSize) : undefined);
      if (steps) data.batchesPerEpoch = steps;
    }
    override async onBatchEnd(batch: number, logs?: tf.Logs): Promise<void> {
      onBatch(batch, await resolveLogs(logs));
      if (signal.aborted) this.model.stopTraining = true;
    }
    override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
      onEpoch(epoch, await resolveLogs(logs));
      if (signal.aborted) this.model.stopTraining = true;
    }
    override async onTrainEnd(): Promise<void> {
      finish();
    }
  }

  const view = { signal, onTrainBegin, onEpoch, onBatch, onTrainEnd };
  return Object.defineProperties(view, {
    callbacks: { value: new ViewCallback(), enumerable: false },
    finish: { value: finish, enumerable: false },
    history: { value: data.history, enumerable: false },
  }) as TrainingView;
}

/** tfjs hands callbacks raw logs whose values may still be scalar tensors; read them as numbers. */
async function resolveLogs(logs: unknown): Promise<Logs> {
  const out: Logs = {};
  if (!logs || typeof logs !== 'object') return out;
  for (const [key, value] of Object.entries(logs as Record<string, unknown>)) {
    if (typeof value === 'number') out[key] = value;
    else if (value instanceof tf.Tensor && !value.isDisposed) out[key] = (await value.data())[0];
  }
  return out;
}
