/**
 * Lazy ("sparse") Adam for factor tables: only the rows a mini-batch touched get their moments and
 * values updated, as TensorFlow's LazyAdamOptimizer does for embeddings. Plain Adam on whole tables
 * updates every row on every step, so an epoch costs what its number of batches costs rather than
 * what its ratings cost.
 */
import type { FactorTables } from './factor-model';

/** Adam state for the four tables of a factor model. */
export interface LazyAdam {
  /** Applies per-occurrence gradients (summed per row) to the rows of `users` and `items`. */
  step(
    users: ArrayLike<number>,
    items: ArrayLike<number>,
    gradUserFactors: Float32Array,
    gradItemFactors: Float32Array,
    gradUserBias: Float32Array,
    gradItemBias: Float32Array,
  ): void;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** Creates the moments (zeros) for `tables`, updating them in place at rate `learningRate`. */
export function createLazyAdam(tables: FactorTables, learningRate: number): LazyAdam {
  const f = tables.factors;
  const moments = (n: number) => ({ m: new Float32Array(n), v: new Float32Array(n) });
  const state = {
    userFactors: moments(tables.userFactors.length),
    itemFactors: moments(tables.itemFactors.length),
    userBias: moments(tables.userBias.length),
    itemBias: moments(tables.itemBias.length),
  };
  let t = 0;

  /** Sums occurrence gradients into one gradient per distinct row, then updates those rows. */
  const update = (values: Float32Array, s: { m: Float32Array; v: Float32Array }, ids: ArrayLike<number>, grads: Float32Array, width: number, lr: number) => {
    const summed = new Map<number, Float32Array>();
    for (let n = 0; n < ids.length; n++) {
      let g = summed.get(ids[n]);
      if (!g) summed.set(ids[n], (g = new Float32Array(width)));
      for (let k = 0; k < width; k++) g[k] += grads[n * width + k];
    }
    for (const [row, g] of summed) {
      for (let k = 0; k < width; k++) {
        const at = row * width + k;
        s.m[at] = BETA1 * s.m[at] + (1 - BETA1) * g[k];
        s.v[at] = BETA2 * s.v[at] + (1 - BETA2) * g[k] * g[k];
        values[at] -= (lr * s.m[at]) / (Math.sqrt(s.v[at]) + EPSILON);
      }
    }
  };

  return {
    step(users, items, gp, gq, gbu, gbi) {
      t++;
      // Bias correction folded into the rate, as tf.train.adam does.
      const lr = (learningRate * Math.sqrt(1 - BETA2 ** t)) / (1 - BETA1 ** t);
      update(tables.userFactors, state.userFactors, users, gp, f, lr);
      update(tables.itemFactors, state.itemFactors, items, gq, f, lr);
      update(tables.userBias, state.userBias, users, gbu, 1, lr);
      update(tables.itemBias, state.itemBias, items, gbi, 1, lr);
    },
  };
}
