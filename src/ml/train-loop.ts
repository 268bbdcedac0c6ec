/**
 * Machinery shared by the training paths: yielding to the event loop so an abort can land, early
 * stopping with a best-weights snapshot, and the end-of-epoch bookkeeping.
 */
import * as tf from '@tensorflow/tfjs';
import type { EarlyStopping, TrainLogs, TrainOptions, TrainResult } from './train';

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
export async function maybeYield(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < YIELD_EVERY_MS) return;
  lastYield = now;
  await yieldToEventLoop();
}

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
export async function finishEpoch(
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

