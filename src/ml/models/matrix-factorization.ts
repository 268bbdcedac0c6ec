/**
 * Matrix factorisation for ratings (the "SVD" of the Netflix prize, as in Surprise):
 * rating ≈ global mean + user bias + item bias + user vector · item vector, trained on
 * mini-batches of (user, item) pairs with a per-rating L2 penalty. Trains through `train()`.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import type { Matrix } from '../core/types';
import type { StepTrainable } from '../train/types';
import { assertRange, assertWhole } from '../core/assert';
import { nearestByEmbedding } from '../core/similarity';
import { installFastGatherGradient } from '../train/gather-gradient';

/** One rating of an item by a user (0-based ids). */
export interface Rating {
  user: number;
  item: number;
  rating: number;
}

/** Options of `createMatrixFactorization()`. */
export interface MatrixFactorizationOptions {
  numUsers: number;
  numItems: number;
  /** Length of each user and item vector (default 16). */
  factors?: number;
  /** Per-rating L2 penalty on the vectors and biases involved (default 0.02, Surprise's reg_all). */
  l2?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Spread of the initial vectors (default 0.1). */
  initStd?: number;
  /** Predictions are clipped to this range, e.g. [1, 5]. */
  ratingRange?: [number, number];
  /** Fixes the global mean; by default the mean of the first training ratings. */
  globalMean?: number;
  seed?: number;
}

/** An item with its predicted rating (or similarity). */
export interface ScoredItem {
  item: number;
  score: number;
}

/** A matrix-factorisation model. Train it with `train(mf, ratingsToData(ratings), options)`. */
export interface MatrixFactorization extends StepTrainable {
  readonly numUsers: number;
  readonly numItems: number;
  readonly factors: number;
  /** The global mean rating (NaN until trained or given). */
  readonly globalMean: number;
  /** Predicted ratings for pairs (users[i], items[i]). */
  predict(users: readonly number[], items: readonly number[]): Float32Array;
  /** The k items with the highest predicted rating for `user`, skipping `exclude` (e.g. already rated). */
  recommend(user: number, k: number, options?: { exclude?: ReadonlySet<number> }): ScoredItem[];
  /** Item vectors, one row per item. */
  itemEmbeddings(): number[][];
  /** User vectors, one row per user. */
  userEmbeddings(): number[][];
  /** The k items whose vectors point the most the same way as `item`'s (cosine similarity). */
  similarItems(item: number, k: number): ScoredItem[];
  /** Frees the variables and the optimizer. */
  dispose(): void;
}

/** Turns ratings into `train()` data: x = [user, item] pairs, y = ratings. */
export function ratingsToData(ratings: readonly Rating[]): { x: Matrix; y: number[] } {
  return { x: ratings.map((r) => [r.user, r.item]), y: ratings.map((r) => r.rating) };
}

/** Creates a matrix-factorisation model with small random vectors and zero biases. */
export function createMatrixFactorization(options: MatrixFactorizationOptions): MatrixFactorization {
  const { numUsers, numItems, factors = 16, l2 = 0.02, learningRate = 0.01, initStd = 0.1 } = options;
  assertWhole('numUsers', numUsers);
  assertWhole('numItems', numItems);
  assertWhole('factors', factors);
  assertRange('l2', l2, 0, Infinity);
  // Without it, the lookups' gradient is slow on cpu and missing on wasm (see train/gather-gradient.ts).
  installFastGatherGradient();
  const rng = createRng(options.seed ?? 42);
  // tidy frees the initial values; variables survive it.
  const randomMatrix = (rows: number): tf.Variable =>
    tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from({ length: rows * factors }, () => rng.normal(0, initStd)), [rows, factors])));
  const userVectors = randomMatrix(numUsers);
  const itemVectors = randomMatrix(numItems);
  const userBias = tf.tidy(() => tf.variable(tf.zeros([numUsers])));
  const itemBias = tf.tidy(() => tf.variable(tf.zeros([numItems])));
  const variables = [userVectors, itemVectors, userBias, itemBias];
  const optimizer = tf.train.adam(learningRate);
  let mean = options.globalMean ?? NaN;
  let disposed = false;
  const range = options.ratingRange;

  const checkAlive = (): void => {
    if (disposed) throw new MlError('not-fitted', 'This model has been disposed: create a new one.');
  };
  const checkIds = (ids: readonly number[], count: number, what: 'user' | 'item'): void => {
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || id >= count) {
        throw new MlError(
          'bad-argument',
          `${what} ${id} is not in the model (ids 0…${count - 1}): a new ${what} needs a retrain, or a popularity fallback meanwhile.`,
        );
      }
    }
  };
  const checkPairs = (x: Matrix): void => {
    x.forEach((row, i) => {
      if (row.length !== 2) throw new MlError('shape-mismatch', `Row ${i} has ${row.length} values; each row must be [user, item].`);
    });
    checkIds(x.map((r) => r[0]), numUsers, 'user');
    checkIds(x.map((r) => r[1]), numItems, 'item');
  };
  /** Predictions for id tensors; the caller runs it inside a tidy. */
  const forward = (u: tf.Tensor1D, i: tf.Tensor1D) => {
    const p = tf.gather(userVectors, u);
    const q = tf.gather(itemVectors, i);
    const bu = tf.gather(userBias, u);
    const bi = tf.gather(itemBias, i);
    const pred = tf.sum(tf.mul(p, q), 1).add(bu).add(bi).add(mean);
    return { p, q, bu, bi, pred };
  };
  const predictPairs = (users: readonly number[], items: readonly number[]): Float32Array => {
    checkAlive();
    if (Number.isNaN(mean)) throw new MlError('not-fitted', 'Train the model (or give globalMean) before predicting.');
    const out = tf.tidy(() => {
      const pred = forward(tf.tensor1d(users as number[], 'int32'), tf.tensor1d(items as number[], 'int32')).pred;
      return range ? tf.clipByValue(pred, range[0], range[1]) : pred;
    });
    try {
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  };
  const readMatrix = (v: tf.Variable): number[][] => {
    checkAlive();
    return v.arraySync() as number[][];
  };

  const mf: MatrixFactorization = {
    numUsers,
    numItems,
    factors,
    get globalMean() {
      return mean;
    },
    prepare(x, y) {
      checkAlive();
      checkPairs(x);
      if (Number.isNaN(mean)) mean = y.reduce((s, r) => s + r, 0) / y.length;
    },
    trainStep(x, y, sampleWeights) {
      checkAlive();
      if (Number.isNaN(mean)) mean = y.reduce((s, r) => s + r, 0) / y.length;
      let dataLoss: tf.Scalar | undefined;
      const total = optimizer.minimize(
        () => {
          const { p, q, bu, bi, pred } = forward(tf.tensor1d(x.map((r) => r[0]), 'int32'), tf.tensor1d(x.map((r) => r[1]), 'int32'));
          const squared = tf.square(tf.sub(pred, tf.tensor1d(y)));
          const penalty = tf.sum(tf.square(p), 1).add(tf.sum(tf.square(q), 1)).add(tf.square(bu)).add(tf.square(bi)).mul(l2);
          let perRating = tf.add(squared, penalty);
          if (sampleWeights) perRating = tf.mul(perRating, tf.tensor1d(sampleWeights));
          dataLoss = tf.keep(tf.mean(squared) as tf.Scalar);
          return tf.mean(perRating) as tf.Scalar;
        },
        true,
        variables,
      );
      total?.dispose();
      const value = dataLoss ? dataLoss.dataSync()[0] : NaN;
      dataLoss?.dispose();
      return value;
    },
    evaluateLoss(x, y) {
      checkPairs(x);
      const pred = predictPairs(x.map((r) => r[0]), x.map((r) => r[1]));
      let sum = 0;
      for (let i = 0; i < y.length; i++) sum += (pred[i] - y[i]) ** 2;
      return sum / y.length;
    },
    snapshot() {
      checkAlive();
      return variables.map((v) => tf.clone(v));
    },
    restore(weights) {
      checkAlive();
      variables.forEach((v, i) => v.assign(weights[i]));
    },
    predict(users, items) {
      if (users.length !== items.length) {
        throw new MlError('shape-mismatch', `Got ${users.length} users but ${items.length} items: give one item per user.`);
      }
      checkIds(users, numUsers, 'user');
      checkIds(items, numItems, 'item');
      return predictPairs(users, items);
    },
    recommend(user, k, options = {}) {
      checkIds([user], numUsers, 'user');
      const items = Array.from({ length: numItems }, (_, i) => i);
      const scores = predictPairs(items.map(() => user), items);
      return items
        .filter((i) => !options.exclude?.has(i))
        .map((item) => ({ item, score: scores[item] }))
        .sort((a, b) => b.score - a.score)
        .slice(0, k);
    },
    itemEmbeddings: () => readMatrix(itemVectors),
    userEmbeddings: () => readMatrix(userVectors),
    similarItems(item, k) {
      checkIds([item], numItems, 'item');
      return nearestByEmbedding(readMatrix(itemVectors), item, k).map((n) => ({ item: n.index, score: n.similarity }));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose(variables);
      optimizer.dispose();
    },
  };
  return mf;
}
