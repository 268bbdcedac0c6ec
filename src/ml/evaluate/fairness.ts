/**
 * Checking a classifier for bias: the same metrics computed per group (age band, region, ...)
 * and the gaps between the best- and worst-treated groups. A large gap in true positive rate
 * means the model misses more fraud for one group; in positive rate, that it flags one group more.
 * Rates of rare events rest on few counts, so `compareGroupRates` gives each group's counts with
 * an exact interval and tests the gap before anyone acts on it.
 */
import { MlError } from '../core/errors';
import { assertSameLength, toBinaryLabels } from './classification';
import { binomialInterval, fisherExact, type Interval } from './intervals';

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
  /** The confusion counts the rates come from. */
  counts: { tp: number; fp: number; fn: number; tn: number };
}

/**
 * Computes count, positive rate, TPR, FPR, precision and accuracy for every group (sorted by
 * name). Unlike the overall metrics, an undefined rate is null, not 0: a group without fraud has
 * no recall, and a fake 0 would show as a fake gap.
 */
export function groupMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, groups: ArrayLike<GroupValue>): GroupMetrics[] {
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
      counts: { ...t },
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
 * The counts a group's rate is made of: `events` out of `trials` (for the false-alarm rate,
 * false alarms out of genuine cases; for recall, caught positives out of positives; for
 * precision, true alarms out of alarms).
 */
export function rateCounts(g: GroupMetrics, metric: FairnessGap['metric']): { events: number; trials: number } {
  const { tp, fp, fn, tn } = g.counts;
  switch (metric) {
    case 'positiveRate':
      return { events: tp + fp, trials: g.count };
    case 'tpr':
      return { events: tp, trials: tp + fn };
    case 'fpr':
      return { events: fp, trials: fp + tn };
    case 'precision':
      return { events: tp, trials: tp + fp };
    case 'accuracy':
      return { events: tp + tn, trials: g.count };
  }
}

/**
 * For each metric, the lowest and highest group and the gap between them (difference and
 * ratio). Groups where the metric is null are skipped; a metric defined for fewer than two
 * groups is left out. `minCount` ignores groups whose rate rests on fewer cases: it counts the
 * rate's own denominator (frauds for recall, genuine payments for the false-alarm rate, alarms
 * for precision), not the group's size — 500 payments with 3 frauds give no recall to compare.
 */
export function fairnessGaps(perGroup: readonly GroupMetrics[], options: { minCount?: number } = {}): FairnessGap[] {
  const minCount = options.minCount ?? 1;
  if (perGroup.filter((g) => g.count >= minCount).length < 2) {
    throw new MlError('bad-argument', `Gaps need at least two groups; there are ${perGroup.filter((g) => g.count >= minCount).length} (after minCount).`);
  }
  const gaps: FairnessGap[] = [];
  for (const metric of GAP_METRICS) {
    const defined = perGroup.filter((g) => g[metric] !== null && rateCounts(g, metric).trials >= minCount);
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

/** One group's rate with the counts it rests on and its exact interval. */
export interface GroupRate {
  group: string;
  events: number;
  trials: number;
  rate: number;
  /** Clopper–Pearson interval of the rate. */
  interval: Interval;
}

/** Whether the highest and lowest groups' rates differ by more than chance explains. */
export interface GroupComparison {
  metric: FairnessGap['metric'];
  /** Every compared group, lowest rate first. */
  groups: GroupRate[];
  lowest: GroupRate;
  highest: GroupRate;
  /** highest.rate / lowest.rate (Infinity when the lowest is 0). */
  ratio: number;
  /** Fisher's exact test of highest vs lowest (two-sided). */
  pValue: number;
  /** pValue × the number of group pairs one could have picked (Bonferroni), at most 1. */
  adjustedPValue: number;
  /** adjustedPValue below `alpha`: the data support a gap. */
  supported: boolean;
}

/**
 * Compares one rate across groups honestly: each group's events, trials and exact interval, and
 * Fisher's exact test between the highest and the lowest group, with a Bonferroni correction for
 * having picked that pair among all pairs. Groups with fewer than `minCount` trials (default 1)
 * are left out; null when fewer than two remain.
 */
export function compareGroupRates(
  perGroup: readonly GroupMetrics[],
  metric: FairnessGap['metric'],
  options: { minCount?: number; level?: number; alpha?: number } = {},
): GroupComparison | null {
  const { minCount = 1, level = 0.95, alpha = 0.05 } = options;
  const groups = perGroup
    .map((g) => ({ group: g.group, ...rateCounts(g, metric) }))
    .filter((g) => g.trials >= Math.max(1, minCount))
    .map((g) => ({ ...g, rate: g.events / g.trials, interval: binomialInterval(g.events, g.trials, { level }) }))
    .sort((a, b) => a.rate - b.rate || a.group.localeCompare(b.group));
  if (groups.length < 2) return null;
  const lowest = groups[0];
  const highest = groups[groups.length - 1];
  const { pValue } = fisherExact(highest.events, highest.trials - highest.events, lowest.events, lowest.trials - lowest.events);
  const pairs = (groups.length * (groups.length - 1)) / 2;
  const adjustedPValue = Math.min(1, pValue * pairs);
  return {
    metric,
    groups,
    lowest,
    highest,
    ratio: lowest.rate === 0 ? (highest.rate === 0 ? 1 : Infinity) : highest.rate / lowest.rate,
    pValue,
    adjustedPValue,
    supported: adjustedPValue < alpha,
  };
}
