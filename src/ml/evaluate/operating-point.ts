/**
 * Choosing an operating threshold the way a business states it: get the most value (e.g. fraud
 * losses prevented minus the cost of false alarms) *subject to* limits (fewer than 8 false alarms
 * per 1,000 payments, at least 70% of fraud caught), and say plainly when the limits cannot all
 * be met. Positive when `score >= threshold`, as in classification.ts.
 */
import { MlError } from '../core/errors';
import { checkLabelsAndScores } from './classification';

/** Limits the chosen threshold must respect. Each is optional. */
export interface OperatingConstraints {
  /** False alarms as a share of all rows (e.g. 0.008 = 8 per 1,000 payments) must stay below this. */
  falseAlarmRateBelow?: number;
  /** Flagged rows as a share of all rows must stay below this (the review team's capacity). */
  alertRateBelow?: number;
  /** Recall must reach at least this. */
  recallAtLeast?: number;
  /** Precision must reach at least this. */
  precisionAtLeast?: number;
}

/** Options of `optimizeThreshold`. */
export interface OperatingPointOptions {
  /** What catching each positive row is worth (e.g. its amount); default 1 each. Ignored for negatives. */
  gains?: ArrayLike<number>;
  /** What one false alarm costs (default 0). */
  falseAlarmCost?: number;
  constraints?: OperatingConstraints;
}

/** The outcome of flagging every row with `score >= threshold`. */
export interface OperatingPoint {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Sum of the gains of the caught positives. */
  gained: number;
  /** fp × falseAlarmCost. */
  falseAlarmCost: number;
  /** gained − falseAlarmCost: the quantity maximised. */
  net: number;
  recall: number;
  precision: number;
  falseAlarmRate: number;
  alertRate: number;
}

/** The best operating point, and whether it met every constraint. */
export interface OperatingChoice extends OperatingPoint {
  /** True when the point meets every constraint. */
  feasible: boolean;
  /**
   * The constraints no threshold could meet together with the others. When infeasible, the
   * point returned meets the limits on false alarms and alerts (which flagging less always can),
   * and gives up the recall or precision targets named here.
   */
  unmet: (keyof OperatingConstraints)[];
}

const meets = (p: OperatingPoint, c: OperatingConstraints, keys: readonly (keyof OperatingConstraints)[]): boolean =>
  keys.every((k) => {
    const limit = c[k];
    if (limit === undefined) return true;
    if (k === 'falseAlarmRateBelow') return p.falseAlarmRate < limit;
    if (k === 'alertRateBelow') return p.alertRate < limit;
    if (k === 'recallAtLeast') return p.recall >= limit;
    return p.precision >= limit;
  });

/**
 * Every distinct threshold (flagging the top 0, 1, 2, … scores, ties together), the value and
 * limits of each, and the one with the highest net value that meets every constraint (ties: the
 * higher threshold, fewer alerts). When no threshold meets them all, it returns the best one that
 * keeps the false-alarm and alert limits, with `feasible: false` and the targets it misses.
 */
export function optimizeThreshold(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, options: OperatingPointOptions = {}): OperatingChoice {
  const { y, s } = checkLabelsAndScores(yTrue, yScore);
  const n = y.length;
  const gains = options.gains;
  if (gains && gains.length !== n) {
    throw new MlError('shape-mismatch', `gains has ${gains.length} values but there are ${n} labels.`);
  }
  const cost = options.falseAlarmCost ?? 0;
  const constraints = options.constraints ?? {};
  const positives = y.reduce((sum, v) => sum + v, 0);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => s[b] - s[a]);
  const max = n > 0 ? s[order[0]] : 0;
  const points: OperatingPoint[] = [];
  let tp = 0;
  let fp = 0;
  let gained = 0;
  const push = (threshold: number) => {
    const flagged = tp + fp;
    points.push({
      threshold,
      tp,
      fp,
      fn: positives - tp,
      tn: n - positives - fp,
      gained,
      falseAlarmCost: fp * cost,
      net: gained - fp * cost,
      recall: positives === 0 ? 0 : tp / positives,
      precision: flagged === 0 ? 0 : tp / flagged,
      falseAlarmRate: n === 0 ? 0 : fp / n,
      alertRate: n === 0 ? 0 : flagged / n,
    });
  };
  // Flagging nothing: a threshold just above the highest score.
  push(max + Math.max(1e-12, Math.abs(max) * 1e-12));
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (y[i] === 1) {
      tp++;
      gained += gains ? gains[i] : 1;
    } else fp++;
    if (k === n - 1 || s[order[k + 1]] !== s[i]) push(s[i]);
  }
  const all = Object.keys(constraints) as (keyof OperatingConstraints)[];
  const hard: (keyof OperatingConstraints)[] = all.filter((k) => k === 'falseAlarmRateBelow' || k === 'alertRateBelow');
  const best = (keys: readonly (keyof OperatingConstraints)[]) =>
    points.filter((p) => meets(p, constraints, keys)).reduce<OperatingPoint | null>((a, b) => (a === null || b.net > a.net ? b : a), null);
  const chosen = best(all);
  if (chosen) return { ...chosen, feasible: true, unmet: [] };
  // Flagging nothing always meets the hard limits, so this is never null.
  const fallback = best(hard) as OperatingPoint;
  const unmet = all.filter((k) => !hard.includes(k) && !points.some((p) => meets(p, constraints, [...hard, k])));
  return { ...fallback, feasible: false, unmet: unmet.length > 0 ? unmet : all.filter((k) => !hard.includes(k)) };
}
