/**
 * Frees the tensors a cell's previous run left in scope when the cell runs again (or is deleted),
 * so re-running a training cell does not leak its old model, its optimizer's slots or its data.
 * Only values the cell itself declared are released; cells that read them are stale anyway.
 */
import * as tf from '@tensorflow/tfjs';

interface DisposableModel {
  model: unknown;
  dispose(): void;
}

function isToolkitModel(value: unknown): value is DisposableModel {
  return typeof value === 'object' && value !== null && (value as DisposableModel).model instanceof tf.LayersModel && typeof (value as DisposableModel).dispose === 'function';
}

/** Disposes one value if it holds tensors; returns how many tensors that freed. */
export function releaseValue(value: unknown): number {
  const before = tf.memory().numTensors;
  try {
    if (value instanceof tf.Tensor) {
      if (!value.isDisposed) value.dispose();
    } else if (value instanceof tf.LayersModel) {
      // model.dispose() leaves the optimizer's slot variables behind (TOOLCHAIN.md, pitfall 3).
      value.optimizer?.dispose();
      value.dispose();
    } else if (isToolkitModel(value)) {
      value.dispose();
    } else if (value instanceof tf.Optimizer) {
      value.dispose();
    }
  } catch {
    // Already disposed, or shared with something already released: nothing left to free.
  }
  return before - tf.memory().numTensors;
}

/** Releases every value in `values` that no other live name still refers to. */
export function releaseValues(values: unknown[], stillUsed: ReadonlySet<unknown>): number {
  let freed = 0;
  for (const value of values) if (!stillUsed.has(value)) freed += releaseValue(value);
  return freed;
}
