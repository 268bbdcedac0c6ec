/**
 * Makes every `model.fit` in a cell stoppable: the Stop button aborts the run's signal, training
 * ends at the next batch, and the cell ends there with an AbortError instead of running on.
 * Also yields to the worker's event loop during training so the interrupt message is heard.
 */
import * as tf from '@tensorflow/tfjs';

const YIELD_EVERY_MS = 50;

class AbortCallback extends tf.Callback {
  private lastYield = Date.now();
  constructor(private readonly signal: AbortSignal) {
    super();
  }
  override async onBatchEnd(): Promise<void> {
    if (Date.now() - this.lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      this.lastYield = Date.now();
    }
    if (this.signal.aborted) this.model.stopTraining = true;
  }
  override async onEpochEnd(): Promise<void> {
    if (this.signal.aborted) this.model.stopTraining = true;
  }
}

type FitArgs = tf.ModelFitArgs & { callbacks?: unknown };

function toCallbackList(callbacks: unknown): tf.Callback[] {
  if (callbacks == null) return [];
  const list = Array.isArray(callbacks) ? callbacks : [callbacks];
  // tfjs rejects arrays mixing callback objects and plain `{onEpochEnd}` configs; normalise.
  return list.map((c) => (c instanceof tf.Callback || c instanceof tf.CustomCallback ? c : new tf.CustomCallback(c as tf.CustomCallbackArgs))) as tf.Callback[];
}

let installed = false;

/** Patches `tf.LayersModel.prototype.fit` once; `currentSignal()` returns the running cell's signal. */
export function installAbortableFit(currentSignal: () => AbortSignal | null): void {
  if (installed) return;
  installed = true;
  const originalFit = tf.LayersModel.prototype.fit;
  tf.LayersModel.prototype.fit = async function fit(this: tf.LayersModel, x, y, args: FitArgs = {}) {
    const signal = currentSignal();
    if (!signal) return originalFit.call(this, x, y, args);
    const callbacks = [...toCallbackList(args.callbacks), new AbortCallback(signal)];
    const history = await originalFit.call(this, x, y, { ...args, callbacks });
    if (signal.aborted) throw new DOMException('Training stopped by the learner.', 'AbortError');
    return history;
  };
}
