/**
 * Choosing a threshold: business costs of errors, per-threshold sweeps, the cheapest threshold and
 * the one that reaches a recall. Positive when `score >= threshold`, as in classification.ts.
 */
import { MlError } from '../core/errors';
import { checkBothClasses, checkLabelsAndScores, countByThreshold, type Confusion } from './classification';

/** What each outcome costs (in money, minutes, or any unit). Missing tp/tn costs are 0. */
export interface ErrorCosts {
  fnCost: number;
  fpCost: number;
  tpCost?: number;
  tnCost?: number;
}

function checkCosts(costs: ErrorCosts): Required<ErrorCosts> {
  const full = { tpCost: 0, tnCost: 0, ...costs };
  for (const key of ['fnCost', 'fpCost', 'tpCost', 'tnCost'] as const) {
    const value: unknown = full[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new MlError('bad-argument', `costs.${key} is ${String(value)}: give every cost as a finite number.`);
    }
  }
  return full;
}

const totalCost = (c: Confusion, k: Required<ErrorCosts>): number => c.fn * k.fnCost + c.fp * k.fpCost + c.tp * k.tpCost + c.tn * k.tnCost;

/** Total cost of the decisions `score >= threshold` under the given cost of each outcome. */
export function costAtThreshold(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold: number, costs: ErrorCosts): number {
  const k = checkCosts(costs);
  const { y, s } = checkLabelsAndScores(yTrue, yScore);
  const c: Confusion = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let i = 0; i < y.length; i++) {
    const flagged = s[i] >= threshold;
    if (y[i] === 1) c[flagged ? 'tp' : 'fn']++;
    else c[flagged ? 'fp' : 'tn']++;
  }
  return totalCost(c, k);
}

/** One row of `thresholdSweep`: the outcome of flagging every score at or above `threshold`. */
export interface ThresholdPoint {
  threshold: number;
  flagged: number;
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
  confusion: Confusion;
  /** Present when costs were given. */
  cost?: number;
}

/**
 * Every distinct score as a threshold, highest first, with precision, recall, F1 and false
 * positive rate (0 where undefined, as sklearn's zero_division=0), and the cost when `costs` is set.
 * The first row has threshold Infinity: flag nothing.
 */
export function thresholdSweep(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, costs?: ErrorCosts): ThresholdPoint[] {
  const k = costs ? checkCosts(costs) : null;
  const c = countByThreshold(yTrue, yScore);
  const P = c.tps[c.tps.length - 1];
  const N = c.fps[c.fps.length - 1];
  const thresholds = [Infinity, ...c.thresholds];
  const tps = [0, ...c.tps];
  const fps = [0, ...c.fps];
  return thresholds.map((threshold, i) => {
    const confusion: Confusion = { tn: N - fps[i], fp: fps[i], fn: P - tps[i], tp: tps[i] };
    const flagged = tps[i] + fps[i];
    const point: ThresholdPoint = {
      threshold,
      flagged,
      precision: flagged === 0 ? 0 : tps[i] / flagged,
      recall: P === 0 ? 0 : tps[i] / P,
      f1: P + flagged === 0 ? 0 : (2 * tps[i]) / (P + flagged),
      fpr: N === 0 ? 0 : fps[i] / N,
      confusion,
    };
    if (k) point.cost = totalCost(confusion, k);
    return point;
  });
}

/** The cheapest threshold and what it costs. */
export interface CostOptimum {
  /** Infinity when flagging nothing is cheapest. */
  threshold: number;
  cost: number;
  confusion: Confusion;
}

/**
 * Tries every distinct score as the threshold (and "flag nothing") and returns the cheapest.
 * Among equally cheap thresholds the highest wins, because it flags the fewest examples.
 */
export function optimalCostThreshold(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, costs: ErrorCosts): CostOptimum {
  let best: ThresholdPoint | null = null;
  for (const point of thresholdSweep(yTrue, yScore, costs)) {
    if (best === null || (point.cost as number) < (best.cost as number)) best = point;
  }
  const winner = best as ThresholdPoint;
  return { threshold: winner.threshold, cost: winner.cost as number, confusion: winner.confusion };
}

/**
 * The highest threshold whose recall reaches `targetRecall` (e.g. "catch 90% of fraud"), so
 * precision is as high as that recall allows.
 */
export function thresholdForRecall(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, targetRecall: number): number {
  if (!(targetRecall > 0 && targetRecall <= 1)) {
    throw new MlError('bad-argument', `targetRecall is ${targetRecall}: use a share in (0, 1], e.g. 0.9.`);
  }
  const { y } = checkLabelsAndScores(yTrue, yScore);
  checkBothClasses(y, 'thresholdForRecall');
  const c = countByThreshold(yTrue, yScore);
  const P = c.tps[c.tps.length - 1];
  // A tiny tolerance so 0.9 is reached by 9/10 despite rounding in targetRecall * P.
  const index = c.tps.findIndex((tp) => tp / P >= targetRecall - 1e-12);
  return c.thresholds[index];
}
