/**
 * Freeing tfjs memory. Tensors and optimizer state live outside JavaScript's garbage collector,
 * so every model the toolkit creates is freed explicitly; these helpers make that one call.
 */
import * as tf from '@tensorflow/tfjs';

/** Anything with a `dispose()` method: a toolkit model, a tensor, a tfjs model or optimizer. */
export interface Disposable {
  dispose(): unknown;
}

/**
 * Disposes a LayersModel and its optimizer. `model.dispose()` alone leaves the optimizer's slot
 * variables (Adam's moving averages) alive when the optimizer was passed as an object.
 */
export function disposeLayersModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer as tf.Optimizer | undefined;
  model.dispose();
  optimizer?.dispose();
}

/** Disposes every argument that can be disposed (models, tensors, arrays of them); skips null. */
export function disposeAll(...things: ReadonlyArray<Disposable | readonly Disposable[] | null | undefined>): void {
  for (const thing of things) {
    if (thing == null) continue;
    if (Array.isArray(thing)) {
      disposeAll(...(thing as readonly Disposable[]));
    } else if (thing instanceof tf.LayersModel) {
      disposeLayersModel(thing);
    } else {
      (thing as Disposable).dispose();
    }
  }
}

/** Copies of a list of weight tensors, for restoring later (the caller disposes them). */
export function cloneWeights(weights: readonly tf.Tensor[]): tf.Tensor[] {
  return weights.map((w) => tf.clone(w));
}

/**
 * Counts tensors created and not freed while `fn` runs: 0 means no leak. Handy in a cell
 * (`await countLeakedTensors(() => train(model, data, opts))`) and in tests.
 */
export async function countLeakedTensors(fn: () => unknown): Promise<number> {
  const before = tf.memory().numTensors;
  await fn();
  return tf.memory().numTensors - before;
}
