/**
 * Makes every `model.fit` in a cell stoppable: the Stop button aborts the run's signal, training
 * ends at the next batch, and the cell ends there with an AbortError instead of running on.
 * Between batches it also yields to the worker's event loop (so the interrupt message is heard)
 * and runs the kernel's checkpoint (the memory guard), which may end training with its error.
 */
import * as tf from '@tensorflow/tfjs';
import { createYielder } from '../ml/core/yield';

/** What a running cell offers a training loop: its Stop signal and the kernel's checks. */
export interface RunControl {
  readonly signal: AbortSignal;
  /** Throws when the run must end now (e.g. memory over the limit). */
  checkpoint(): void;
}

/** How often training yields to the event loop, at most. */
const YIELD_EVERY_MS = 50;

class AbortCallback extends tf.Callback {
  private readonly yieldNow = createYielder(YIELD_EVERY_MS);
  /** What the checkpoint threw: training stops cleanly first, then `fit` throws it. */
  stoppedBy: unknown = null;
  constructor(private readonly control: RunControl) {
    super();
  }
  override async onBatchEnd(): Promise<void> {
    await this.yieldNow();
    try {
      this.control.checkpoint();
    } catch (e) {
      // Throwing inside a callback would leave tfjs's batch tensors behind; stopping does not.
      this.stoppedBy = e;
      this.model.stopTraining = true;
    }
    if (this.control.signal.aborted) this.model.stopTraining = true;
  }
  override async onEpochEnd(): Promise<void> {
    if (this.control.signal.aborted) this.model.stopTraining = true;
  }
}

type FitArgs = tf.ModelFitArgs & { callbacks?: unknown };

function toCallbackList(callbacks: unknown): tf.Callback[] {
  if (callbacks == null) return [];
  const list = Array.isArray(callbacks) ? callbacks : [callbacks];
  // tfjs rejects arrays mixing callback objects and plain `{onEpochEnd}` configs; normalise.
  return list.map((c) => (c instanceof tf.Callback || c instanceof tf.CustomCallback ? c : new tf.CustomCallback(c as tf.CustomCallbackArgs))) as tf.Callback[];
}

/** Every kernel in this realm that may be running a cell (tests make several). */
const sources = new Set<() => RunControl | null>();

function currentControl(): RunControl | null {
  for (const source of sources) {
    const control = source();
    if (control) return control;
  }
  return null;
}

let installed = false;

/**
 * Patches `tf.LayersModel.prototype.fit` (once per realm) so a fit that starts while `current()`
 * returns a run's control obeys it. Returns a function that removes this source again.
 */
export function installAbortableFit(current: () => RunControl | null): () => void {
  sources.add(current);
  if (!installed) {
    installed = true;
    const originalFit = tf.LayersModel.prototype.fit;
    tf.LayersModel.prototype.fit = async function fit(this: tf.LayersModel, x, y, args: FitArgs = {}) {
      const control = currentControl();
      if (!control) return originalFit.call(this, x, y, args);
      const guard = new AbortCallback(control);
      const history = await originalFit.call(this, x, y, { ...args, callbacks: [...toCallbackList(args.callbacks), guard] });
      // Checked again here, so the error is raised (and located) at the cell's `await model.fit`.
      if (guard.stoppedBy) control.checkpoint();
      if (guard.stoppedBy) throw guard.stoppedBy;
      if (control.signal.aborted) throw new DOMException('Training stopped by the learner.', 'AbortError');
      return history;
    };
  }
  return () => sources.delete(current);
}
