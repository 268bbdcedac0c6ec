/**
 * The two gradient solvers of matrix factorisation (`matrix-factorization.ts`), each one step on
 * the model's shared typed-array tables: Funk/Surprise SGD, one update per rating in plain loops,
 * and one lazy-Adam step whose gradients TensorFlow.js takes by autodiff on a mini-batch's rows.
 * Both read and write only the rows their ratings touch. (ALS, the third solver, is in `als.ts`.)
 */
import * as tf from '@tensorflow/tfjs';
import type { FactorTables } from './factor-model';
import type { LazyAdam } from './lazy-adam';

/** What a step needs of the model's settings: vector length, L2 penalty per rating, and the SGD step sizes. */
export interface StepSettings {
  factors: number;
  l2: number;
  learningRate: number;
  /** SGD only: step size of the biases (0 keeps them fixed). */
  biasLearningRate: number;
}

/**
 * One SGD pass over the given ratings, in `order` (by default as given), updating `tables` in
 * place around the global mean `mean`; returns the sum of squared errors before each update.
 */
export function runSgdPass(
  tables: FactorTables,
  mean: number,
  settings: StepSettings,
  users: ArrayLike<number>,
  items: ArrayLike<number>,
  y: ArrayLike<number>,
  order?: ArrayLike<number>,
): number {
  const { userFactors: P, itemFactors: Q, userBias: bu, itemBias: bi } = tables;
  const f = settings.factors;
  const lr = settings.learningRate;
  const biasLr = settings.biasLearningRate;
  const l2 = settings.l2;
  let sse = 0;
  for (let n = 0; n < y.length; n++) {
    const r = order ? order[n] : n;
    const u = users[r];
    const i = items[r];
    const pu = u * f;
    const qi = i * f;
    let pred = mean + bu[u] + bi[i];
    for (let k = 0; k < f; k++) pred += P[pu + k] * Q[qi + k];
    const e = y[r] - pred;
    sse += e * e;
    bu[u] += biasLr * (e - l2 * bu[u]);
    bi[i] += biasLr * (e - l2 * bi[i]);
    for (let k = 0; k < f; k++) {
      const p = P[pu + k];
      const q = Q[qi + k];
      P[pu + k] += lr * (e * q - l2 * p);
      Q[qi + k] += lr * (e * p - l2 * q);
    }
  }
  return sse;
}

/**
 * One Adam step on a mini-batch: the penalised loss in tfjs on the batch's rows, gradients by
 * autodiff, then `adam` updates those rows of `tables`. Returns the batch's mean squared error
 * (without the penalty), computed before the update. Frees every tensor it made.
 */
export function runAdamStep(
  tables: FactorTables,
  adam: LazyAdam,
  mean: number,
  settings: StepSettings,
  users: ArrayLike<number>,
  items: ArrayLike<number>,
  y: ArrayLike<number>,
): number {
  const { factors, l2 } = settings;
  const n = y.length;
  const pick = (flat: Float32Array, ids: ArrayLike<number>, width: number) => {
    const out = new Float32Array(n * width);
    for (let r = 0; r < n; r++) out.set(flat.subarray(ids[r] * width, (ids[r] + 1) * width), r * width);
    return out;
  };
  const grads = tf.tidy(() => {
    const p = tf.tensor2d(pick(tables.userFactors, users, factors), [n, factors]);
    const q = tf.tensor2d(pick(tables.itemFactors, items, factors), [n, factors]);
    const bu = tf.tensor1d(pick(tables.userBias, users, 1));
    const bi = tf.tensor1d(pick(tables.itemBias, items, 1));
    const target = tf.tensor1d(Float32Array.from(y));
    const lossOf = (pp: tf.Tensor, qq: tf.Tensor, bbu: tf.Tensor, bbi: tf.Tensor) => {
      const pred = tf.sum(tf.mul(pp, qq), 1).add(bbu).add(bbi).add(mean);
      const squared = tf.square(tf.sub(pred, target));
      const penalty = tf
        .sum(tf.square(pp), 1)
        .add(tf.sum(tf.square(qq), 1))
        .add(tf.square(bbu))
        .add(tf.square(bbi))
        .mul(l2);
      return tf.mean(tf.add(squared, penalty)).asScalar();
    };
    const dataLoss = tf.mean(tf.square(tf.sub(tf.sum(tf.mul(p, q), 1).add(bu).add(bi).add(mean), target)));
    const g = tf.grads(lossOf)([p, q, bu, bi]);
    return [...g, dataLoss];
  });
  try {
    const [gp, gq, gbu, gbi, loss] = grads.map((t) => t.dataSync() as Float32Array);
    adam.step(users, items, gp, gq, gbu, gbi);
    return loss[0];
  } finally {
    tf.dispose(grads);
  }
}
