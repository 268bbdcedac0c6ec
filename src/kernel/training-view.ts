/**
 * The live training view a cell gets with one call: loss and metric curves (validation beside
 * training), epoch progress, ETA. It plugs into `model.fit` (as a tfjs callback) and into custom
 * loops and the toolkit's `train()` (through `onEpoch` / `onBatch`), and stops training at the next
 * batch when the learner presses Stop.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from './protocol';

/** Options for `display.training(...)`. */
export interface TrainingViewOptions {
  /** Planned epochs (for the progress bar and ETA). */
  epochs: number;
  /** Batches per epoch, when known up front (model.fit supplies it). */
  batchesPerEpoch?: number;
  title?: string;
}

/** Per-epoch or per-batch numbers, as tfjs and the toolkit report them. */
export type Logs = Record<string, number | undefined>;

/** What `display.training(...)` returns. */
export interface TrainingView {
  /** Pass as `model.fit(x, y, { callbacks: view.callbacks })`. */
  readonly callbacks: tf.Callback;
  /** Call after each epoch of a custom loop (epoch counts from 0). */
  onEpoch(epoch: number, logs?: Logs): void;
  /** Call after each batch of a custom loop. */
  onBatch(batch: number, logs?: Logs): void;
  /** Marks the run finished (called automatically when model.fit ends). */
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

  const onEpoch = (epoch: number, logs: Logs = {}) => {
    for (const [key, value] of Object.entries(logs)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
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

  return { callbacks: new ViewCallback(), onEpoch, onBatch, finish, history: data.history };
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
