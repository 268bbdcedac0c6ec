/**
 * Binary classification metrics that agree with scikit-learn (checked against its numbers in
 * tests/fixtures/metric-fixtures.json). Labels are 0/1, scores any finite number, probabilities
 * in [0, 1]. A prediction is positive when `score >= threshold`, the convention of sklearn's curves.
 */
import { MlError } from '../core/errors';

/** Counts of a binary confusion matrix (sklearn's `confusion_matrix(...).ravel()` order). */
export interface Confusion {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

/** Converts input to a plain array of finite numbers, or throws an `MlError` naming `name`. */
export function toFiniteArray(values: ArrayLike<number>, name: string): number[] {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    const hint =
      values !== null && typeof (values as { dataSync?: unknown }).dataSync === 'function'
        ? ' It looks like a tensor: pass `await t.data()` or `t.arraySync()` instead.'
        : '';
    throw new MlError('wrong-type', `${name} must be an array of numbers.${hint}`);
  }
  if (values.length === 0) {
    throw new MlError('empty-data', `${name} is empty: pass at least one value.`);
  }
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') {
      throw new MlError('wrong-type', `${name}[${i}] is ${JSON.stringify(v)}: it must be a number.`);
    }
    if (!Number.isFinite(v)) {
      throw new MlError('not-finite', `${name}[${i}] is ${v}: values must be finite numbers (impute or drop missing values first).`);
    }
    out[i] = v;
  }
  return out;
}

/** Converts labels to a plain 0/1 array, or throws an `MlError` saying which entry is wrong. */
export function toBinaryLabels(values: ArrayLike<number>, name = 'yTrue'): number[] {
  const y = toFiniteArray(values, name);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new MlError('wrong-type', `${name}[${i}] is ${y[i]}: labels must be 0 or 1 (map your classes first, e.g. ` + `y.map(v => v === 'fraud' ? 1 : 0)).`);
    }
  }
  return y;
}

/** Throws an `MlError` unless the arrays have the same length. */
export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, names: [string, string]): void {
  if (a.length !== b.length) {
    throw new MlError('shape-mismatch', `${names[0]} has ${a.length} values but ${names[1]} has ${b.length}: pass one per example.`);
  }
}

/** Validates 0/1 labels and one finite number per label; returns them as plain arrays. */
export function checkLabelsAndScores(yTrue: ArrayLike<number>, other: ArrayLike<number>, otherName = 'yScore'): { y: number[]; s: number[] } {
  const y = toBinaryLabels(yTrue, 'yTrue');
  const s = toFiniteArray(other, otherName);
  assertSameLength(y, s, ['yTrue', otherName]);
  return { y, s };
}

/** Throws `single-class` unless `y` holds both 0s and 1s; returns the number of positives. */
export function checkBothClasses(y: readonly number[], what: string): number {
  const positives = y.reduce((sum, v) => sum + v, 0);
  if (positives === 0 || positives === y.length) {
    throw new MlError(
      'single-class',
      `${what} needs both classes in yTrue, but every label is ${y[0]}: evaluate on data with ` + 'positives and negatives (a stratified split keeps both).',
    );
  }
  return positives;
}

/** Turns scores into 0/1 predictions: 1 where `score >= threshold`. */
export function binarize(yScore: ArrayLike<number>, threshold = 0.5): number[] {
  return toFiniteArray(yScore, 'yScore').map((s) => (s >= threshold ? 1 : 0));
}

/** Counts true/false negatives and positives of 0/1 predictions. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Confusion {
  const y = toBinaryLabels(yTrue, 'yTrue');
  const p = toBinaryLabels(yPred, 'yPred');
  assertSameLength(y, p, ['yTrue', 'yPred']);
  const c: Confusion = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) c[p[i] === 1 ? 'tp' : 'fn']++;
    else c[p[i] === 1 ? 'fp' : 'tn']++;
  }
  return c;
}

// sklearn's zero_division=0: a ratio with nothing to divide by scores 0 instead of NaN, so a
// model that never predicts fraud gets precision 0 rather than a blank.
const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/** Share of predictions that are correct. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = confusionMatrix(yTrue, yPred);
  return (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn);
}

/** tp / (tp + fp): of the examples flagged positive, the share that are. 0 when none is flagged. */
export function precision(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = confusionMatrix(yTrue, yPred);
  return ratio(c.tp, c.tp + c.fp);
}

/** tp / (tp + fn): of the positives, the share flagged. 0 when there are no positives. */
export function recall(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = confusionMatrix(yTrue, yPred);
  return ratio(c.tp, c.tp + c.fn);
}

/** Harmonic mean of precision and recall, 2tp / (2tp + fp + fn); 0 when both are 0. */
export function f1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = confusionMatrix(yTrue, yPred);
  return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
}

/** Everything `classificationReport` returns. */
export interface ClassificationReport {
  threshold: number;
  count: number;
  positives: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** null when yTrue has a single class (the ranking metrics are undefined then). */
  rocAuc: number | null;
  averagePrecision: number | null;
  confusion: Confusion;
}

/** Threshold metrics at `threshold` plus the ranking metrics of the raw scores, in one object. */
export function classificationReport(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5): ClassificationReport {
  const { y, s } = checkLabelsAndScores(yTrue, yScore, 'yScore');
  const c = confusionMatrix(y, binarize(s, threshold));
  const positives = c.tp + c.fn;
  const bothClasses = positives > 0 && positives < y.length;
  return {
    threshold,
    count: y.length,
    positives,
    accuracy: (c.tp + c.tn) / y.length,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, positives),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    rocAuc: bothClasses ? rocAuc(y, s) : null,
    averagePrecision: bothClasses ? averagePrecision(y, s) : null,
    confusion: c,
  };
}

/** Counts at every distinct score, highest first (sklearn's `_binary_clf_curve`). */
export interface ThresholdCounts {
  thresholds: number[];
  tps: number[];
  fps: number[];
}

/**
 * Cumulative true and false positives when the threshold is each distinct score in turn,
 * highest first. Tied scores share one threshold, which is how ties are handled exactly.
 */
export function countByThreshold(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): ThresholdCounts {
  const { y, s } = checkLabelsAndScores(yTrue, yScore, 'yScore');
  const order = s.map((_, i) => i).sort((a, b) => s[b] - s[a]);
  const out: ThresholdCounts = { thresholds: [], tps: [], fps: [] };
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    tp += y[order[k]];
    const score = s[order[k]];
    if (k === order.length - 1 || s[order[k + 1]] !== score) {
      out.thresholds.push(score);
      out.tps.push(tp);
      out.fps.push(k + 1 - tp);
    }
  }
  return out;
}

/** A ROC curve: false and true positive rates at decreasing thresholds. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/**
 * ROC curve with every distinct score as a threshold (sklearn `drop_intermediate=False`), so it
 * has one point per distinct score plus the origin, whose threshold is `Infinity` (as sklearn ≥ 1.3;
 * 1.2 used `max + 1`).
 */
export function rocCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): RocCurve {
  const c = countByThreshold(yTrue, yScore);
  const n = c.tps.length;
  const P = c.tps[n - 1];
  const N = c.fps[n - 1];
  if (P === 0 || N === 0) checkBothClasses(toBinaryLabels(yTrue), 'rocCurve');
  return {
    fpr: [0, ...c.fps.map((f) => f / N)],
    tpr: [0, ...c.tps.map((t) => t / P)],
    thresholds: [Infinity, ...c.thresholds],
  };
}

/** Area under the ROC curve (trapezoids; a tie between a positive and a negative counts ½). */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  checkBothClasses(toBinaryLabels(yTrue), 'rocAuc');
  const { fpr, tpr } = rocCurve(yTrue, yScore);
  let area = 0;
  for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return area;
}

/** Precision and recall at increasing thresholds, ending with the point (recall 0, precision 1). */
export interface PrecisionRecallCurve {
  precision: number[];
  recall: number[];
  thresholds: number[];
}

/**
 * Precision–recall curve in sklearn's order: thresholds increasing over the distinct scores;
 * `precision` and `recall` have one more entry, the final (precision 1, recall 0) point.
 */
export function precisionRecallCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): PrecisionRecallCurve {
  const c = countByThreshold(yTrue, yScore);
  const P = c.tps[c.tps.length - 1];
  if (P === 0) checkBothClasses(toBinaryLabels(yTrue), 'precisionRecallCurve');
  const precision = c.tps.map((t, i) => ratio(t, t + c.fps[i])).reverse();
  const recall = c.tps.map((t) => t / P).reverse();
  return {
    precision: [...precision, 1],
    recall: [...recall, 0],
    thresholds: c.thresholds.slice().reverse(),
  };
}

/**
 * Average precision, sklearn's step-wise sum Σ (Rₙ − Rₙ₋₁) Pₙ over thresholds — not the
 * interpolated (trapezoid) area, which is optimistic.
 */
export function averagePrecision(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  checkBothClasses(toBinaryLabels(yTrue), 'averagePrecision');
  const { precision: p, recall: r } = precisionRecallCurve(yTrue, yScore);
  let ap = 0;
  for (let i = 0; i < r.length - 1; i++) ap += (r[i] - r[i + 1]) * p[i];
  return ap;
}

/** Validates 0/1 labels and one probability in [0, 1] per label. */
export function checkProbabilities(yTrue: ArrayLike<number>, yProb: ArrayLike<number>): { y: number[]; p: number[] } {
  const { y, s } = checkLabelsAndScores(yTrue, yProb, 'yProb');
  const bad = s.findIndex((p) => p < 0 || p > 1);
  if (bad >= 0) {
    throw new MlError('bad-argument', `yProb[${bad}] is ${s[bad]}: probabilities must lie in [0, 1] (apply a sigmoid to raw scores).`);
  }
  return { y, p: s };
}

/**
 * Mean cross-entropy of probabilities, natural log. Probabilities are clipped to
 * [eps, 1 − eps] first, as sklearn 1.2 does with `eps='auto'` (machine epsilon for float64), so
 * a confident wrong answer costs about 36 instead of Infinity.
 */
export function logLoss(yTrue: ArrayLike<number>, yProb: ArrayLike<number>, eps = Number.EPSILON): number {
  if (!(eps >= 0 && eps < 0.5)) throw new MlError('bad-argument', `eps is ${eps}: use a small value such as 1e-15.`);
  const { y, p } = checkProbabilities(yTrue, yProb);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i], eps), 1 - eps);
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / y.length;
}

/** Mean squared difference between probability and outcome (0 is perfect, 0.25 a coin flip). */
export function brierScore(yTrue: ArrayLike<number>, yProb: ArrayLike<number>): number {
  const { y, p } = checkProbabilities(yTrue, yProb);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (p[i] - y[i]) ** 2;
  return sum / y.length;
}
