/**
 * Matrix factorisation for ratings (the "SVD" of the Netflix prize, as in Surprise):
 * rating ≈ global mean + user bias + item bias + user vector · item vector, with an L2 penalty on
 * the vectors and biases a rating touches.
 *
 * Two solvers share one set of typed-array tables, so both cost what their ratings cost (only the
 * rows a rating touches are read and written):
 * - 'sgd' (default): Funk/Surprise stochastic gradient descent, one update per rating, in plain
 *   loops — an epoch over 80,000 ratings takes tens of milliseconds;
 * - 'adam': the same loss written in TensorFlow.js, gradients by autodiff on each mini-batch's rows
 *   and a lazy Adam update of those rows — what the notebook shows to teach gradient descent.
 *
 * The SGD and Adam steps are in `matrix-factorization-steps.ts`, the ALS sweep in `als.ts`.
 *
 * `mf.fit(ratings, …)` trains with early stopping on validation RMSE (on by default); the model is
 * also a `StepTrainable`, so the generic `train()` loop can drive it.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import type { Matrix } from '../core/types';
import type { StepTrainable } from '../train/types';
import { assertRange, assertWhole } from '../core/assert';
import {
  assignTables,
  checkIds,
  copyTables,
  createFactorTables,
  factorRecommender,
  scorePair,
  tablesToArtifacts,
  type FactorRecommender,
  type FactorTables,
} from './factor-model';
import { seenByUser } from './recommender';
import { fitFactorModel, type FactorFitOptions, type FactorFitResult } from './factor-fit';
import { createLazyAdam } from './lazy-adam';
import { compressRows, explicitAlsSweep } from './als';
import { runAdamStep, runSgdPass, type StepSettings } from './matrix-factorization-steps';

export type { ScoredItem } from './recommender';

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
  /** Length of each user and item vector (default 48). */
  factors?: number;
  /** L2 penalty per rating on the vectors and biases it touches (default 0.05; Surprise's 0.02 overfits sooner). */
  l2?: number;
  /** Step size (default 0.007 for 'sgd', 0.01 for 'adam'). */
  learningRate?: number;
  /** Spread of the initial vectors (default 0.1). */
  initStd?: number;
  /** Predictions are clipped to this range (default: 1–5 stars, widened to the training ratings' range; null for no clipping). */
  ratingRange?: [number, number] | null;
  /** Fixes the global mean; by default the mean of the training ratings. */
  globalMean?: number;
  /**
   * 'sgd' (default: Surprise's per-rating updates in typed arrays), 'als' (exact ridge solves per
   * user and item, per-parameter penalties) or 'adam' (TensorFlow.js autodiff, lazy Adam).
   */
  solver?: 'als' | 'sgd' | 'adam';
  /** SGD: step size of the biases (default the learning rate; 0 keeps the biases fixed). */
  biasLearningRate?: number;
  /** ALS: penalty on each user and item vector (default 5). */
  factorPenalty?: number;
  /** ALS: penalties on each user and item bias, as the bias baseline's damping (default 15 and 10). */
  biasPenalty?: { user: number; item: number };
  seed?: number;
}

/** Options of `mf.fit()`: see `FactorFitOptions`; validation is ratings or a fraction held out. */
export type MatrixFactorizationFitOptions = FactorFitOptions<Rating> & {
  /** Ratings per optimiser step for the 'adam' solver (default 256; 'sgd' updates per rating). */
  batchSize?: number;
};

/** A matrix-factorisation model: a recommender that also predicts ratings. */
export interface MatrixFactorization extends StepTrainable, FactorRecommender {
  readonly kind: 'matrix-factorization';
  readonly numUsers: number;
  readonly numItems: number;
  readonly factors: number;
  readonly solver: 'als' | 'sgd' | 'adam';
  /** The global mean rating (NaN until trained or given). */
  readonly globalMean: number;
  readonly ratingRange: [number, number] | null;
  readonly disposed: boolean;
  /** Trains on ratings with early stopping on validation RMSE; see `MatrixFactorizationFitOptions`. */
  fit(ratings: readonly Rating[], options?: MatrixFactorizationFitOptions): Promise<FactorFitResult>;
  /** Predicted ratings for pairs (users[i], items[i]), clipped to the rating range. */
  predict(users: ArrayLike<number>, items: ArrayLike<number>): Float32Array;
  /** Root mean squared error on ratings. */
  rmse(ratings: readonly Rating[]): number;
  /** The live tables (vectors and biases). */
  readonly tables: FactorTables;
  /** The model as tfjs artifacts, for `saveModel`. */
  toArtifacts(metadata?: Record<string, unknown>): tf.io.ModelArtifacts;
  /** Frees the Adam state; the model refuses to predict afterwards. */
  dispose(): void;
}

/** Turns ratings into `train()` data: x = [user, item] pairs, y = ratings. */
export function ratingsToData(ratings: readonly Rating[]): { x: Matrix; y: number[] } {
  return { x: ratings.map((r) => [r.user, r.item]), y: ratings.map((r) => r.rating) };
}

/** Rebuild information for `restoreMatrixFactorization`. */
interface Restore {
  tables: FactorTables;
  seen: Map<number, Set<number>>;
}

/** Creates a matrix-factorisation model with small random vectors and zero biases. */
export function createMatrixFactorization(options: MatrixFactorizationOptions, restore?: Restore): MatrixFactorization {
  const { numUsers, numItems, factors = 48, l2 = 0.05, initStd = 0.1, solver = 'sgd' } = options;
  assertWhole('numUsers', numUsers);
  assertWhole('numItems', numItems);
  assertWhole('factors', factors);
  assertRange('l2', l2, 0, Infinity);
  if (solver !== 'als' && solver !== 'sgd' && solver !== 'adam') {
    throw new MlError('bad-argument', `solver is '${String(solver)}': use 'als', 'sgd' or 'adam'.`);
  }
  const learningRate = options.learningRate ?? (solver === 'adam' ? 0.01 : 0.007);
  const biasLearningRate = options.biasLearningRate ?? learningRate;
  const penalties = { factors: options.factorPenalty ?? 5, userBias: options.biasPenalty?.user ?? 15, itemBias: options.biasPenalty?.item ?? 10 };
  assertRange('learningRate', learningRate, 1e-9, Infinity);
  let range: [number, number] | null = options.ratingRange ?? null;
  const inferRange = options.ratingRange === undefined;
  const tables = restore?.tables ?? createFactorTables(numUsers, numItems, factors, initStd, createRng(options.seed ?? 42));
  let seen: Map<number, Set<number>> = restore?.seen ?? new Map();
  let mean = options.globalMean ?? NaN;
  let disposed = false;
  const adam = solver === 'adam' ? createLazyAdam(tables, learningRate) : null;

  const checkAlive = () => {
    if (disposed) throw new MlError('not-fitted', 'This model has been disposed: create a new one.');
  };
  const checkReady = () => {
    checkAlive();
    if (Number.isNaN(mean)) throw new MlError('not-fitted', 'Train the model (or give globalMean) before predicting.');
  };
  const clip = (v: number) => (range ? Math.min(range[1], Math.max(range[0], v)) : v);
  const setMean = (y: ArrayLike<number>) => {
    if (inferRange && !range && y.length > 0) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let n = 0; n < y.length; n++) {
        lo = Math.min(lo, y[n]);
        hi = Math.max(hi, y[n]);
      }
      range = [Math.min(1, lo), Math.max(5, hi)];
    }
    if (!Number.isNaN(mean)) return;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i];
    mean = s / y.length;
  };
  const checkPairs = (x: Matrix) => {
    x.forEach((row, i) => {
      if (row.length !== 2) throw new MlError('shape-mismatch', `Row ${i} has ${row.length} values; each row must be [user, item].`);
    });
    checkIds(
      x.map((r) => r[0]),
      numUsers,
      'user',
    );
    checkIds(
      x.map((r) => r[1]),
      numItems,
      'item',
    );
  };

  // The steps take `mean` at each call: fit() and prepare() set it just before the first step.
  const settings: StepSettings = { factors, l2, learningRate, biasLearningRate };
  const sgdPass = (users: ArrayLike<number>, items: ArrayLike<number>, y: ArrayLike<number>, order?: ArrayLike<number>): number =>
    runSgdPass(tables, mean, settings, users, items, y, order);
  const adamStep = (users: ArrayLike<number>, items: ArrayLike<number>, y: ArrayLike<number>): number => {
    if (!adam) throw new MlError('bad-argument', 'adamStep needs the adam solver.');
    return runAdamStep(tables, adam, mean, settings, users, items, y);
  };

  const predictPairs = (users: ArrayLike<number>, items: ArrayLike<number>): Float32Array => {
    checkReady();
    const out = new Float32Array(users.length);
    for (let n = 0; n < users.length; n++) out[n] = clip(scorePair(tables, mean, users[n], items[n]));
    return out;
  };

  const recommender = factorRecommender(
    () => tables,
    () => mean,
    () => seen,
    checkReady,
  );
  const mf: MatrixFactorization = {
    ...recommender,
    kind: 'matrix-factorization',
    numUsers,
    numItems,
    factors,
    solver,
    get ratingRange() {
      return range;
    },
    tables,
    get globalMean() {
      return mean;
    },
    get disposed() {
      return disposed;
    },
    prepare(x, y) {
      checkAlive();
      checkPairs(x);
      setMean(y);
      seen = seenByUser(x.map((r) => ({ user: r[0], item: r[1] })));
    },
    trainStep(x, y, sampleWeights) {
      checkAlive();
      if (sampleWeights) throw new MlError('bad-argument', 'Matrix factorisation does not take class or sample weights.');
      setMean(y);
      const users = x.map((r) => r[0]);
      const items = x.map((r) => r[1]);
      // train() feeds mini-batches, so ALS (a whole-data sweep) takes SGD steps there; fit() uses ALS.
      return solver === 'adam' ? adamStep(users, items, y) : sgdPass(users, items, y) / y.length;
    },
    evaluateLoss(x, y) {
      checkPairs(x);
      const pred = predictPairs(
        x.map((r) => r[0]),
        x.map((r) => r[1]),
      );
      let sum = 0;
      for (let i = 0; i < y.length; i++) sum += (pred[i] - y[i]) ** 2;
      return sum / y.length;
    },
    snapshot() {
      checkAlive();
      return [
        tf.tensor(tables.userFactors.slice()),
        tf.tensor(tables.itemFactors.slice()),
        tf.tensor(tables.userBias.slice()),
        tf.tensor(tables.itemBias.slice()),
      ];
    },
    restore(weights) {
      checkAlive();
      [tables.userFactors, tables.itemFactors, tables.userBias, tables.itemBias].forEach((t, i) => t.set(weights[i].dataSync() as Float32Array));
    },
    async fit(ratings, fitOptions = {}) {
      checkAlive();
      const batchSize = fitOptions.batchSize ?? 256;
      return fitFactorModel<Rating, FactorTables>(ratings, fitOptions, {
        prepare(trainSet, given) {
          checkIds(
            trainSet.map((r) => r.user),
            numUsers,
            'user',
          );
          checkIds(
            trainSet.map((r) => r.item),
            numItems,
            'item',
          );
          setMean(trainSet.map((r) => r.rating));
          seen = seenByUser(given);
          const users = Int32Array.from(trainSet, (r) => r.user);
          const items = Int32Array.from(trainSet, (r) => r.item);
          const y = Float32Array.from(trainSet, (r) => r.rating);
          if (solver === 'als') {
            const byUser = compressRows(numUsers, users, items, y);
            const byItem = compressRows(numItems, items, users, y);
            return () => {
              explicitAlsSweep(tables, byUser, byItem, mean, penalties);
              let sse = 0;
              for (let n = 0; n < y.length; n++) sse += (y[n] - clip(scorePair(tables, mean, users[n], items[n]))) ** 2;
              return Math.sqrt(sse / y.length);
            };
          }
          return (order) => {
            if (solver === 'sgd') return Math.sqrt(sgdPass(users, items, y, order) / y.length);
            let sse = 0;
            for (let start = 0; start < order.length; start += batchSize) {
              const idx = order.subarray(start, start + batchSize);
              const loss = adamStep(
                Array.from(idx, (r) => users[r]),
                Array.from(idx, (r) => items[r]),
                Array.from(idx, (r) => y[r]),
              );
              sse += loss * idx.length;
            }
            return Math.sqrt(sse / order.length);
          };
        },
        validationRmse: (valSet) => mf.rmse(valSet),
        shuffle: solver !== 'als',
        defaultEpochs: solver === 'als' ? 15 : 60,
        snapshot: () => copyTables(tables),
        restore: (best) => assignTables(tables, best),
      });
    },
    predict(users, items) {
      if (users.length !== items.length) {
        throw new MlError('shape-mismatch', `Got ${users.length} users but ${items.length} items: give one item per user.`);
      }
      checkIds(users, numUsers, 'user');
      checkIds(items, numItems, 'item');
      return predictPairs(users, items);
    },
    rmse(ratings) {
      if (ratings.length === 0) throw new MlError('empty-data', 'rmse() needs at least one rating.');
      const pred = mf.predict(
        ratings.map((r) => r.user),
        ratings.map((r) => r.item),
      );
      let sum = 0;
      ratings.forEach((r, n) => (sum += (pred[n] - r.rating) ** 2));
      return Math.sqrt(sum / ratings.length);
    },
    toArtifacts(metadata = {}) {
      checkReady();
      return tablesToArtifacts(
        {
          kind: 'matrix-factorization',
          numUsers,
          numItems,
          factors,
          globalMean: mean,
          config: {
            l2,
            learningRate,
            solver,
            ratingRange: range,
            initStd,
            factorPenalty: penalties.factors,
            biasPenalty: { user: penalties.userBias, item: penalties.itemBias },
          },
          metadata,
        },
        tables,
        seen,
      );
    },
    dispose() {
      disposed = true;
    },
  };
  return mf;
}
