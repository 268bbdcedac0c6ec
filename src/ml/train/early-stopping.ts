/**
 * The end of each epoch: history bookkeeping, callbacks, abort, and early stopping with a
 * best-weights snapshot.
 */
import * as tf from '@tensorflow/tfjs';
import type { EarlyStopping, TrainLogs, TrainOptions, TrainResult } from './types';
import { yieldToEventLoop } from '../core/yield';

/** Tracks the monitored value and decides when to stop; owns the best-weights snapshot. */
export class EarlyStopper {
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

/** Records an epoch, calls back, checks abort and early stopping; returns true to stop. */
export async function finishEpoch(epoch: number, logs: TrainLogs, options: TrainOptions, result: TrainResult, stopper: EarlyStopper | null): Promise<boolean> {
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
