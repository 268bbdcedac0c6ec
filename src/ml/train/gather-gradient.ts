/**
 * A linear-time gradient for `tf.gather` along axis 0 (embedding lookups). tfjs 4.22 computes it
 * with `unsortedSegmentSum`, which the cpu backend runs as one masked sum per row of the table
 * (vocabulary × batch work; 25–90 ms a batch for a 30-word vocabulary) and which the wasm backend
 * does not implement at all ("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'"), so
 * embedding layers and matrix factorisation could not train there. `scatterND` adds the rows of
 * the upstream gradient into a zero table in one pass and exists on cpu, wasm and webgl.
 */
import * as tf from '@tensorflow/tfjs';

let installed = false;

/**
 * Replaces the registered gradient of GatherV2 for the axis-0, batchDims-0 case (every embedding
 * lookup) and defers to the original otherwise. Idempotent; results equal the original's up to
 * float summation order.
 */
export function installFastGatherGradient(): void {
  if (installed) return;
  const original = tf.getGradient(tf.GatherV2);
  tf.registerGradient({
    kernelName: tf.GatherV2,
    inputsToSave: ['x', 'indices'],
    gradFunc: (dy, saved, attrs) => {
      const [x, indices] = saved;
      const { axis, batchDims } = attrs as unknown as { axis: number; batchDims: number };
      const parsedAxis = axis < 0 ? axis + x.rank : axis;
      if (parsedAxis !== 0 || batchDims !== 0 || Array.isArray(dy)) return original.gradFunc(dy, saved, attrs);
      return {
        x: () => {
          const n = indices.size;
          const ids = tf.reshape(indices.dtype === 'int32' ? indices : tf.cast(indices, 'int32'), [n, 1]);
          return tf.scatterND(ids, tf.reshape(dy, [n, ...x.shape.slice(1)]), x.shape);
        },
        indices: () => indices,
      };
    },
  });
  installed = true;
}
