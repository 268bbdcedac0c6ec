/**
 * Checking a classifier for bias: the same metrics computed per group (age band, region, ...)
 * and the gaps between the best- and worst-treated groups. A large gap in true positive rate
 * means the model misses more fraud for one group; in positive rate, that it flags one group more.
 */
import { MlError } from '../core/errors';
import { assertSameLength, toBinaryLabels } from './classification';

/** A group's value; missing values form their own group, '(missing)'. */
export type GroupValue = string | number | boolean | null;

/** Metrics of one group. Rates that are undefined for the group are null rather than 0. */
export interface GroupMetrics {
  group: string;
  count: number;
  /** Share of all examples that belong to the group. */
  share: number;
  /** Actual positives in the group. */
  positives: number;
  /** Share of the group predicted positive (selection rate; demographic parity compares it). */
  positiveRate: number;
  /** Recall within the group (equal opportunity compares it); null without actual positives. */
  tpr: number | null;
  /** False alarms among the group's negatives; null without negatives. */
  fpr: number | null;
  /** null when nobody in the group was predicted positive. */
  precision: number | null;
  accuracy: number;
}

/**
 * Computes count, positive rate, TPR, FPR, precision and accuracy for every group (sorted by
 * name). Unlike the overall metrics, an undefined rate is null, not 0: a group without fraud has
 * no recall, and a fake 0 would show as a fake gap.
 */
export function groupMetrics(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  groups: ArrayLike<GroupValue>,
): GroupMetrics[] {
  const y = toBinaryLabels(yTrue, 'yTrue');
  const p = toBinaryLabels(yPred, 'yPred');
  assertSameLength(y, p, ['yTrue', 'yPred']);
  assertSameLength(y, groups, ['yTrue', 'groups']);
  const tallies = new Map<string, { tp: number; fp: number; fn: number; tn: number }>();
  for (let i = 0; i < y.length; i++) {
    const g = groups[i];
    const key = g === null || g === undefined || g === '' ? '(missing)' : String(g);
    const t = tallies.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    if (y[i] === 1) t[p[i] === 1 ? 'tp' : 'fn']++;
    else t[p[i] === 1 ? 'fp' : 'tn']++;
    tallies.set(key, t);
  }
  const rate = (num: number, den: number) => (den === 0 ? null : num / den);
  return [...tallies.keys()].sort().map((group) => {
    const t = tallies.get(group) as { tp: number; fp: number; fn: number; tn: number };
    const count = t.tp + t.fp + t.fn + t.tn;
    return {
      group,
      count,
      share: count / y.length,
      positives: t.tp + t.fn,
      positiveRate: (t.tp + t.fp) / count,
      tpr: rate(t.tp, t.tp + t.fn),
      fpr: rate(t.fp, t.fp + t.tn),
      precision: rate(t.tp, t.tp + t.fp),
      accuracy: (t.tp + t.tn) / count,
    };
  });
}

/** The spread of one metric across groups. */
export interface FairnessGap {
  metric: 'positiveRate' | 'tpr' | 'fpr' | 'precision' | 'accuracy';
  min: number;
  max: number;
  minGroup: string;
  maxGroup: string;
  /** max − min (0 is parity). */
  difference: number;
  /** min / max (1 is parity; below 0.8 fails the "four-fifths rule" for positive rate). */
  ratio: number;
}

const GAP_METRICS: FairnessGap['metric'][] = ['positiveRate', 'tpr', 'fpr', 'precision', 'accuracy'];

/**
 * For each metric, the lowest and highest group and the gap between them (difference and
 * ratio). Groups where the metric is null are skipped; a metric defined for fewer than two
 * groups is left out. Pass `minCount` to ignore groups too small to judge.
 */
export function fairnessGaps(perGroup: readonly GroupMetrics[], options: { minCount?: number } = {}): FairnessGap[] {
  const groups = perGroup.filter((g) => g.count >= (options.minCount ?? 1));
  if (groups.length < 2) {
    throw new MlError('bad-argument', `Gaps need at least two groups; there are ${groups.length} (after minCount).`);
  }
  const gaps: FairnessGap[] = [];
  for (const metric of GAP_METRICS) {
    const defined = groups.filter((g) => g[metric] !== null);
    if (defined.length < 2) continue;
    let lo = defined[0];
    let hi = defined[0];
    for (const g of defined) {
      if ((g[metric] as number) < (lo[metric] as number)) lo = g;
      if ((g[metric] as number) > (hi[metric] as number)) hi = g;
    }
    const min = lo[metric] as number;
    const max = hi[metric] as number;
    gaps.push({ metric, min, max, minGroup: lo.group, maxGroup: hi.group, difference: max - min, ratio: max === 0 ? 1 : min / max });
  }
  return gaps;
}
