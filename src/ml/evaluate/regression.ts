/**
 * Regression metrics (the recommender's rating errors, among others), matching scikit-learn's
 * `mean_squared_error`, `mean_absolute_error` and `r2_score`.
 */
import { MlError } from '../core/errors';
import { assertSameLength, toFiniteArray } from './classification';

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>) {
  const t = toFiniteArray(yTrue, 'yTrue');
  const p = toFiniteArray(yPred, 'yPred');
  assertSameLength(t, p, ['yTrue', 'yPred']);
  return { t, p };
}

/** Mean squared error: the average of (yTrue − yPred)². */
export function mse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { t, p } = checkPair(yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += (t[i] - p[i]) ** 2;
  return sum / t.length;
}

/** Root mean squared error, in the units of the target (e.g. stars of a rating). */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(mse(yTrue, yPred));
}

/** Mean absolute error: the average of |yTrue − yPred|, less swayed by a few big misses than RMSE. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { t, p } = checkPair(yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += Math.abs(t[i] - p[i]);
  return sum / t.length;
}

/**
 * Coefficient of determination, 1 − SSres / SStot: 1 is perfect, 0 is no better than predicting
 * the mean, negative is worse. For a constant yTrue it is 1 when the predictions are exact and 0
 * otherwise (sklearn's `force_finite=True`), rather than NaN or −Infinity.
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { t, p } = checkPair(yTrue, yPred);
  if (t.length < 2) {
    throw new MlError('empty-data', 'r2 needs at least two examples: the score compares to their mean.');
  }
  const mean = t.reduce((s, v) => s + v, 0) / t.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < t.length; i++) {
    ssRes += (t[i] - p[i]) ** 2;
    ssTot += (t[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
